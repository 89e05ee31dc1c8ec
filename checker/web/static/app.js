// fzcheck 审核工作台: upload each file on its own, show its result, wire the clicks and the
// downloads. No library, nothing loaded from anywhere but this server.
(function () {
  "use strict";
  var body = document.body;
  var MAX = Number(body.dataset.maxBytes);
  var MAX_MB = body.dataset.maxMb;
  var AT_ONCE = 2; // uploads in flight; the server's pool bounds the checks themselves
  var drop = document.getElementById("drop");
  var input = document.getElementById("file");
  var results = document.getElementById("results");
  var indexNav = document.getElementById("index");
  var indexList = document.getElementById("index-list");
  var store = {}; // key → {name, downloads}
  var waiting = [];
  var running = 0;
  var seq = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function mb(n) { return (n / 1048576).toFixed(1).replace(/\.0$/, ""); }

  function stem(name) { var i = name.lastIndexOf("."); return i > 0 ? name.slice(0, i) : name; }

  // ------------------------------------------------------------------ uploads
  function add(files) {
    var batch = document.createDocumentFragment(); // a batch on top, in the order chosen
    for (var i = 0; i < files.length; i++) {
      var card = el("div", "pending");
      card.id = "u" + (++seq);
      var spin = el("span", "spin");
      card.appendChild(spin);
      card.appendChild(document.createTextNode("正在检查 " + files[i].name + " …"));
      batch.appendChild(card);
      indexEntry(card.id, files[i].name, "检查中", "");
      waiting.push({ file: files[i], card: card });
    }
    results.insertBefore(batch, results.firstChild);
    drop.classList.add("compact");
    pump();
  }

  function pump() {
    while (running < AT_ONCE && waiting.length) {
      var job = waiting.shift();
      running++;
      upload(job.file, job.card, job.previous, job.restore).then(done, done);
    }
  }

  // a checked report again, with last year's report of the same issuer beside it: the compare
  // rules (text carried over, last year's shortcomings and plans) then have something to compare
  function compareWith(article) {
    var item = store[article.id];
    if (!item || !item.file) return;
    var pick = el("input");
    pick.type = "file";
    pick.accept = input.accept;
    pick.hidden = true;
    pick.addEventListener("change", function () {
      var last = pick.files[0];
      pick.remove();
      if (!last) return;
      var card = el("div", "pending");
      card.id = "u" + (++seq);
      card.appendChild(el("span", "spin"));
      card.appendChild(document.createTextNode("正在检查 " + item.file.name + "，对照上一年度报告 " + last.name + " …"));
      // the result stays (hidden) until the compared one arrives: if the comparison fails, it is back
      article.parentNode.insertBefore(card, article);
      article.hidden = true;
      indexEntry(article.id, item.file.name, "对照检查中", "");
      waiting.push({ file: item.file, card: card, previous: last, restore: article });
      pump();
    });
    document.body.appendChild(pick);
    pick.click();
  }

  function done() { running--; pump(); }

  function counts(s) { return ["不通过 " + s.fail + " · 警告 " + s.warn, s.fail ? "i-fail" : s.warn ? "i-warn" : ""]; }

  function fail(card, name, message, restore) {
    var box = el("div", "report-error");
    box.id = card.id;
    box.setAttribute("role", "alert");
    box.appendChild(el("span", "e-name", name));
    box.appendChild(el("span", "e-msg", message));
    var close = el("button", "btn btn-quiet close", "移除");
    close.type = "button";
    close.addEventListener("click", function () { remove(box.id); });
    box.appendChild(close);
    card.replaceWith(box);
    indexEntry(box.id, name, "无法检查", "i-err");
    if (restore) { // the comparison failed: this year's result as it was
      box.querySelector(".e-msg").textContent = "未能对照上一年度报告：" + message;
      restore.hidden = false;
      var c = counts(store[restore.id].summary);
      indexEntry(restore.id, name, c[0], c[1]);
    }
  }

  function upload(file, card, previous, restore) {
    if (previous && previous.size === 0) {
      fail(card, file.name, "上一年度的报告 " + previous.name + " 是空的（0 字节）", restore);
      return Promise.resolve();
    }
    if (previous && previous.size > MAX) {
      fail(card, file.name, "上一年度的报告 " + previous.name + " 大小 " + mb(previous.size) + " MB，超过了 " + MAX_MB + " MB 的上限", restore);
      return Promise.resolve();
    }
    if (file.size === 0) {
      fail(card, file.name, "文件是空的（0 字节）：请选择报告文件本身");
      return Promise.resolve();
    }
    if (file.size > MAX) {
      fail(card, file.name, "文件大小 " + mb(file.size) + " MB，超过了 " + MAX_MB +
           " MB 的上限：请删去报告中的图片后另存，或只保留报告正文再上传");
      return Promise.resolve();
    }
    var form = new FormData();
    form.append("file", file, file.name);
    if (previous) form.append("previous", previous, previous.name);
    return fetch(previous ? "/api/check?previous=1" : "/api/check", { method: "POST", body: form }).then(function (resp) {
      return resp.json().then(function (data) {
        if (!data.ok) fail(card, file.name, data.error || "无法检查此文件", restore);
        else show(card, data, file, restore);
      }, function () {
        fail(card, file.name, "检查服务返回了错误（HTTP " + resp.status + "），请重试", restore);
      });
    }, function () {
      fail(card, file.name, "无法连接到检查服务：请确认 fzcheck serve 仍在运行，然后重试", restore);
    });
  }

  function show(card, data, file, restore) {
    var holder = el("div");
    holder.innerHTML = data.html; // rendered by the server's Jinja templates, escaped there
    var article = holder.firstElementChild;
    // the file stays in this page (never on the server) to be checked again beside last year's
    store[data.key] = { name: data.name, downloads: data.downloads, file: file, summary: data.summary };
    card.replaceWith(article);
    wire(article);
    var c = counts(data.summary);
    indexEntry(article.id, data.name, c[0], c[1], card.id);
    if (restore) { // the compared result takes the place of the one before
      var old = indexList.querySelector('[data-for="' + restore.id + '"]');
      if (old) old.remove();
      delete store[restore.id];
      restore.remove();
    }
  }

  function indexEntry(id, name, text, cls, replaces) {
    var li = replaces ? indexList.querySelector('[data-for="' + replaces + '"]') : null;
    li = li || indexList.querySelector('[data-for="' + id + '"]') || el("li");
    li.dataset.for = id;
    li.textContent = "";
    var a = el("a", null, name);
    a.href = "#" + id;
    li.appendChild(a);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", cls, text));
    if (!li.parentNode) indexList.appendChild(li);
    indexNav.hidden = false;
  }

  function remove(id) {
    var node = document.getElementById(id);
    if (node) {
      delete store[id];
      node.remove();
    }
    var li = indexList.querySelector('[data-for="' + id + '"]');
    if (li) li.remove();
    indexNav.hidden = !indexList.children.length;
    drop.classList.toggle("compact", !!indexList.children.length);
  }

  // ------------------------------------------------------------------ one report's page
  function locate(article, id) {
    if (!id) return [];
    var marks = article.querySelectorAll('mark[data-ev~="' + id + '"]');
    if (marks.length) return Array.prototype.slice.call(marks);
    var node = document.getElementById(id);
    return node ? [node] : [];
  }

  function flash(nodes) {
    nodes.forEach(function (n) {
      n.classList.remove("flash");
      void n.offsetWidth; // restart the animation
      n.classList.add("flash");
    });
  }

  function go(article, id, finding) {
    var nodes = locate(article, id);
    article.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
    article.querySelectorAll(".finding.active").forEach(function (f) { f.classList.remove("active"); });
    if (finding) {
      finding.classList.add("active");
      // every piece of this finding's evidence shows, passes' too
      finding.querySelectorAll(".ev.quoted").forEach(function (ev) {
        locate(article, ev.dataset.go).forEach(function (m) { if (m.tagName === "MARK") m.classList.add("active"); });
      });
    }
    if (!nodes.length) return;
    nodes.forEach(function (m) { if (m.tagName === "MARK") m.classList.add("active"); });
    reveal(nodes[0]);
    flash(nodes);
  }

  // scroll the text panel (only it, so the list stays where the clerk is reading) to put the node
  // in the middle of what is on screen of it; the page itself only when too little of the panel
  // is on screen (a narrow window, where the text comes below the list)
  function reveal(node) {
    var box = node.closest(".scroll");
    if (!box) return node.scrollIntoView({ block: "center" });
    var r = box.getBoundingClientRect();
    var top = Math.max(r.top, 0), bottom = Math.min(r.bottom, window.innerHeight);
    if (bottom - top < Math.min(300, box.clientHeight)) {
      box.scrollIntoView({ block: "start" });
      r = box.getBoundingClientRect();
      top = Math.max(r.top, 0);
      bottom = Math.min(r.bottom, window.innerHeight);
    }
    var n = node.getBoundingClientRect();
    var smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    box.scrollTo({ top: box.scrollTop + (n.top + Math.min(n.height, bottom - top) / 2) - (top + bottom) / 2,
                   behavior: smooth ? "smooth" : "auto" });
  }

  function setFilter(article, which) {
    article.dataset.filter = which;
    article.querySelectorAll(".flt").forEach(function (b) { b.classList.toggle("on", b.dataset.filter === which); });
    var passes = article.querySelector(".passes");
    if (passes && which === "pass") passes.open = true;
  }

  function wire(article) {
    article.addEventListener("click", function (ev) {
      var t = ev.target;
      var flt = t.closest(".flt");
      if (flt) return setFilter(article, flt.dataset.filter);
      var dl = t.closest(".dl");
      if (dl) return download(article, dl);
      if (t.closest(".close")) return remove(article.id);
      if (t.closest(".compare")) return compareWith(article);
      if (t.closest("summary")) return;
      var mark = t.closest("mark[data-ev]");
      if (mark) return back(article, mark);
      var target = t.closest("[data-go]");
      var finding = t.closest(".finding");
      if (target) return go(article, target.dataset.go, finding);
      if (finding) return go(article, finding.dataset.target, finding);
    });
    article.addEventListener("keydown", function (ev) {
      if ((ev.key === "Enter" || ev.key === " ") && ev.target.classList.contains("finding")) {
        ev.preventDefault();
        go(article, ev.target.dataset.target, ev.target);
      }
    });
  }

  // a click on a mark in the text: to its finding in the list
  function back(article, mark) {
    var first = mark.dataset.ev.split(" ")[0];
    var fid = first.replace(/-e\d+$/, "");
    var finding = document.getElementById(fid);
    if (!finding) return;
    var group = finding.closest("details");
    if (group) group.open = true;
    if (article.dataset.filter !== "all" && finding.dataset.status !== article.dataset.filter) setFilter(article, "all");
    finding.scrollIntoView({ block: "nearest" });
    go(article, first, finding);
    flash([finding]);
  }

  // ------------------------------------------------------------------ downloads
  function save(blob, name) {
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 30000);
  }

  function bytes(b64) {
    var bin = atob(b64), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function download(article, button) {
    var item = store[article.id];
    var status = article.querySelector(".dl-status");
    if (!item) return;
    var d = item.downloads, base = stem(item.name), kind = button.dataset.dl;
    status.textContent = "";
    status.classList.remove("bad");
    if (kind === "json") return save(new Blob([d.json], { type: "application/json" }), base + "-检查结果.json");
    if (kind === "html") return save(new Blob([d.html], { type: "text/html" }), base + "-审核表.html");
    if (kind === "docx") {
      return save(new Blob([bytes(d.docx)], {
        type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }), base + "-批注.docx");
    }
    if (kind === "pdf") {
      button.disabled = true;
      status.textContent = "正在生成 PDF …";
      fetch("/api/pdf", { method: "POST", headers: { "Content-Type": "application/json" }, body: d.json })
        .then(function (resp) {
          if (resp.ok) return resp.blob().then(function (b) { save(b, base + "-审核表.pdf"); status.textContent = "PDF 已生成"; });
          return resp.json().then(function (e) { throw new Error(e.error); });
        })
        .catch(function (e) {
          status.textContent = (e && e.message && e.message !== "Failed to fetch") ? e.message : "无法生成 PDF：请确认 fzcheck serve 仍在运行";
          status.classList.add("bad");
        })
        .then(function () { button.disabled = false; });
    }
  }

  // ------------------------------------------------------------------ dropping and choosing
  input.addEventListener("change", function () {
    if (input.files.length) add(input.files);
    input.value = "";
  });
  drop.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); input.click(); }
  });
  ["dragenter", "dragover"].forEach(function (type) {
    document.addEventListener(type, function (ev) { ev.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "dragend"].forEach(function (type) {
    document.addEventListener(type, function (ev) { if (!ev.relatedTarget) drop.classList.remove("over"); });
  });
  document.addEventListener("drop", function (ev) {
    ev.preventDefault(); // a file dropped anywhere on the page is checked, never opened by the browser
    drop.classList.remove("over");
    if (ev.dataTransfer && ev.dataTransfer.files.length) add(ev.dataTransfer.files);
  });
  document.getElementById("clear").addEventListener("click", function () {
    Array.prototype.slice.call(indexList.children).forEach(function (li) { remove(li.dataset.for); });
  });
})();
