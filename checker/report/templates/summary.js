{% raw %}
/* fzcheck summary: sort and filter the table of reports in the browser. No library, nothing
   loaded from anywhere. The state lives in the address's #fragment (#sort=fail-desc&kind=government
   …) so that a view can be bookmarked, sent, or opened as is. Printing prints what is shown. */
(function () {
  "use strict";
  var table = document.getElementById("reports");
  var form = document.getElementById("controls");
  if (!table || !form) return;
  document.documentElement.className += " js";
  form.hidden = false;
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });

  var byId = function (id) { return document.getElementById(id); };
  var q = byId("f-q"), kind = byId("f-kind"), year = byId("f-year"), rule = byId("f-rule"),
      st = byId("f-st"), grp = byId("f-group"), count = byId("f-count");
  var rules = (table.getAttribute("data-rules") || "").split(" ");
  var NUMERIC = {year: 1, fail: 1, warn: 1, pass: 1, skip: 1};
  var KEYS = {title: 1, issuer: 1, kind: 1, year: 1, fail: 1, warn: 1, pass: 1, skip: 1};
  var collator = window.Intl && Intl.Collator ? new Intl.Collator("zh-CN", {numeric: true}) : null;
  var state = {sort: "", dir: ""};

  var groups = [], rows = [];
  Array.prototype.forEach.call(table.tBodies, function (tb) {
    var g = {tbody: tb, head: tb.querySelector("tr.grp"), rows: []};
    g.count = g.head ? g.head.querySelector(".grp-count") : null;
    groups.push(g);
    Array.prototype.forEach.call(tb.rows, function (tr) {
      if (tr === g.head) return;
      var d = function (k) { return tr.getAttribute("data-" + k) || ""; };
      var path = d("path");
      var r = {
        tr: tr, group: g, order: rows.length, err: tr.className.indexOf("err") >= 0,
        title: d("title") || path.split(/[\\/]/).pop(), issuer: d("issuer"), kind: d("kind"),
        year: d("year") ? +d("year") : -1, fail: +d("fail"), warn: +d("warn"), pass: +d("pass"),
        skip: +d("skip"), st: d("st"),
        text: (d("title") + " " + d("issuer") + " " + path).toLowerCase()
      };
      g.rows.push(r);
      rows.push(r);
    });
  });

  function compareText(a, b) {
    if (!a !== !b) return a ? -1 : 1; // empty cells last, whichever the direction
    return collator ? collator.compare(a, b) : (a < b ? -1 : a > b ? 1 : 0);
  }

  function compare(a, b) {
    if (a.err !== b.err) return a.err ? 1 : -1; // unreadable reports last
    var k = state.sort, c = 0;
    if (k) {
      if (NUMERIC[k]) c = a[k] - b[k];
      else {
        if (!a[k] !== !b[k]) return a[k] ? -1 : 1;
        c = compareText(a[k], b[k]);
      }
      if (state.dir === "desc") c = -c;
    }
    return c || a.order - b.order;
  }

  function wanted(r) {
    var text = q.value.trim().toLowerCase();
    if (text && r.text.indexOf(text) < 0) return false;
    if (kind.value && r.kind !== kind.value) return false;
    if (year.value && String(r.year) !== year.value) return false;
    if (st.value || rule.value) {
      if (r.err) return false;
      var letters = st.value === "warnfail" ? "wf" : st.value ? st.value.charAt(0) : "pwfs";
      if (rule.value) {
        var i = rules.indexOf(rule.value);
        var c = i >= 0 ? r.st.charAt(i) : "";
        return c !== "" && c !== "-" && letters.indexOf(c) >= 0;
      }
      for (var j = 0; j < r.st.length; j++) if (letters.indexOf(r.st.charAt(j)) >= 0) return true;
      return false;
    }
    return true;
  }

  function place(list, tbody) {
    var shown = 0, frag = document.createDocumentFragment();
    list.slice().sort(compare).forEach(function (r) {
      r.tr.hidden = !wanted(r);
      if (!r.tr.hidden) shown++;
      frag.appendChild(r.tr);
    });
    tbody.appendChild(frag);
    return shown;
  }

  function apply() {
    var grouped = grp ? grp.checked : false, shown = 0;
    if (grouped) {
      groups.forEach(function (g) {
        if (g.head) g.tbody.insertBefore(g.head, g.tbody.firstChild);
        var n = place(g.rows, g.tbody);
        if (g.head) g.head.hidden = false;
        if (g.count) g.count.textContent = n === g.rows.length ? n + " 份" : n + " / " + g.rows.length + " 份";
        g.tbody.hidden = n === 0;
        shown += n;
      });
    } else {
      groups.forEach(function (g, i) {
        if (g.head) g.head.hidden = true;
        g.tbody.hidden = i > 0;
      });
      shown = place(rows, groups[0].tbody);
    }
    count.textContent = "显示 " + shown + " / " + rows.length + " 份";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var k = th.getAttribute("data-key");
      if (k && k === state.sort) th.setAttribute("aria-sort", state.dir === "desc" ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
  }

  function save() {
    var p = [];
    var add = function (k, v) { if (v) p.push(k + "=" + encodeURIComponent(v)); };
    if (state.sort) add("sort", state.sort + "-" + state.dir);
    add("q", q.value.trim());
    add("kind", kind.value);
    add("year", year.value);
    add("rule", rule.value);
    add("st", st.value);
    if (grp && !grp.checked) add("group", "0");
    try {
      history.replaceState(null, "", p.length ? "#" + p.join("&") : location.pathname + location.search);
    } catch (e) { /* a browser that refuses it for file: pages keeps working without */ }
  }

  function choose(select, value) {
    select.value = "";
    if (!value) return;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { select.value = value; return; }
    }
  }

  function load() {
    var h = location.hash.slice(1);
    if (h.indexOf("=") < 0) return false; // an anchor (#r-…) rather than a saved view
    var p = {};
    h.split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) {
        try { p[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " ")); } catch (e) { /* skip */ }
      }
    });
    var s = (p.sort || "").split("-");
    if (KEYS[s[0]]) {
      state.sort = s[0];
      state.dir = s[1] === "asc" || s[1] === "desc" ? s[1] : (NUMERIC[s[0]] ? "desc" : "asc");
    } else {
      state.sort = state.dir = "";
    }
    q.value = p.q || "";
    choose(kind, p.kind);
    choose(year, p.year);
    choose(rule, p.rule);
    choose(st, p.st);
    if (grp) grp.checked = p.group !== "0";
    return true;
  }

  table.tHead.addEventListener("click", function (ev) {
    var th = ev.target.closest ? ev.target.closest("th[data-key]") : null;
    if (!th) return;
    var k = th.getAttribute("data-key");
    if (state.sort === k) state.dir = state.dir === "desc" ? "asc" : "desc";
    else { state.sort = k; state.dir = NUMERIC[k] ? "desc" : "asc"; } // most fails first
    apply();
    save();
  });
  [q, kind, year, rule, st, grp].forEach(function (el) {
    if (!el) return;
    el.addEventListener(el === q ? "input" : "change", function () { apply(); save(); });
  });
  byId("f-reset").addEventListener("click", function () {
    state.sort = state.dir = "";
    q.value = kind.value = year.value = rule.value = st.value = "";
    if (grp) grp.checked = true;
    apply();
    save();
  });
  Array.prototype.forEach.call(document.querySelectorAll(".pick"), function (el) {
    el.addEventListener("click", function () {
      choose(rule, el.getAttribute("data-rule"));
      choose(st, el.getAttribute("data-st"));
      apply();
      save();
      var title = byId("reports-title");
      if (title && title.scrollIntoView) title.scrollIntoView();
    });
  });
  window.addEventListener("hashchange", function () { if (load()) apply(); });
  load();
  apply();
})();
{% endraw %}
