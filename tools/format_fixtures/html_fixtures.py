"""Write fixtures/formats/html/<stem>.html: each text fixture laid out as a page of a government
web site — banner, menu, breadcrumb, metadata table, title, body, share buttons, print / close
links, related links, footer — five different layouts and encodings, so that the HTML reader is
not tuned to one template.

The report text comes from the tool's own pipeline (read → normalize), so that the page holds the
same paragraphs the text fixture yields; headings are bold or <h3>, bold run-in headings are
<strong>（一）…。</strong>正文. The metadata table holds only what the text report itself says
(its 发布机构 and 成文日期 when it has a signature or a metadata table), plus neutral fields
(索引号, 主题分类, 发布日期, 信息来源), so that the checks see the same report.

Run: .venv/bin/python tools/format_fixtures/html_fixtures.py
"""

from __future__ import annotations

import datetime as dt
import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from checker.normalize import normalize  # noqa: E402
from checker.normalize import patterns as P  # noqa: E402
from checker.read import read_path  # noqa: E402
from checker.segment.structure import _Builder  # noqa: E402

OUT = ROOT / "fixtures" / "formats" / "html"
E = html.escape

MENU = ["首页", "机构概况", "政务公开", "政策文件", "政策解读", "通知公告", "交通动态", "行政执法", "法治政府建设",
        "办事服务", "互动交流", "专题专栏", "数据发布"]
RELATED = ["关于印发法治政府建设工作要点的通知", "2023年度行政执法数据公开", "行政执法“三项制度”实施情况",
           "“八五”普法中期工作总结", "政府信息公开工作年度报告"]


class Report:
    """One text fixture as the pipeline reads it."""

    def __init__(self, path: Path) -> None:
        norm = normalize(read_path(path))
        b = _Builder(norm)
        block, title_idx = b.find_title()
        first_body = max(block) + 1 if block else 0
        sig, _, _ = b.find_signature(first_body)
        self.stem = path.stem
        self.paras = norm.paragraphs
        self.meta = norm.metadata
        self.title_block = block
        self.title = self.paras[title_idx].text if title_idx is not None else None
        self.signature = set(sig)
        doc = b.build()
        self.issuer = doc.fields.issuer if doc.fields.issuer_source in {"signature", "metadata"} else None
        self.date = doc.fields.date if doc.fields.date_source in {"signature", "metadata"} else None

    def blocks(self, heading_style: str, skip_title: bool) -> list[str]:
        """The body as HTML blocks. heading_style: "strong" (<p><strong>) or "h3"."""
        out = []
        for i, p in enumerate(self.paras):
            if skip_title and i in self.title_block:
                continue
            t = p.text
            if i in self.title_block:
                out.append(f'<p style="text-align:center"><strong>{E(t)}</strong></p>')
            elif i in self.signature:
                out.append(f'<p style="text-align:right">{E(t)}</p>')
            elif p.runin_end is not None:
                k = p.runin_end
                out.append(f'<p style="text-indent:2em"><strong>{E(t[:k])}</strong>{E(t[k:])}</p>')
            elif p.heading_hint or (P.HEADING_MARKER.match(t) and len(t) <= P.HEADING_MAX and "。" not in t):
                if heading_style == "h3":
                    out.append(f"<h3>{E(t)}</h3>")
                else:
                    out.append(f'<p style="text-indent:2em"><strong>{E(t)}</strong></p>')
            else:
                out.append(f'<p style="text-indent:2em">{E(t)}</p>')
        return out


def menu(cls: str, item: str = "li") -> str:
    links = "".join(f'<{item}><a href="/col/col{100 + i}/index.html">{E(m)}</a></{item}>' for i, m in enumerate(MENU))
    return f'<ul class="{cls}">{links}</ul>' if item == "li" else links


def related(cls: str) -> str:
    items = "".join(f'<li><a href="/art/2024/{i + 1}/art_{i}.html">{E(t)}</a><span>2024-0{i + 1}-15</span></li>'
                    for i, t in enumerate(RELATED))
    return f'<div class="{cls}"><h3>相关链接</h3><ul>{items}</ul></div>'


def footer_lines(site: str, host: str, extra: str = "") -> str:
    return (f"<p>主办单位：{E(site)}　承办：{E(site)}办公室{extra}</p>"
            f"<p>ICP备案号：粤ICP备05012345号-1　网站标识码：4408000012　公安机关备案号：44080202000123</p>"
            f"<p>联系电话：0759-3331234　地址：{E(host)}</p>")


def meta_rows(pairs: list[tuple[str, str]]) -> str:
    rows = []
    for k in range(0, len(pairs), 2):
        cells = "".join(f'<td class="t1">{E(a)}：</td><td class="t2">{E(b)}</td>' for a, b in pairs[k:k + 2])
        rows.append(f"<tr>{cells}</tr>")
    return "".join(rows)


def next_day(d: dt.date | None, days: int = 2) -> str:
    return (d + dt.timedelta(days=days)).isoformat() if d else ""


# ---------------------------------------------------------------- layout 0: div layout, UTF-8 <meta charset>

def page0(r: Report) -> bytes:
    site = "湛江市坡头区人民政府"
    pairs = [("索引号", "MB2C09364/2024-00158"), ("主题分类", "综合政务"), ("发布机构", r.issuer or ""),
             ("成文日期", r.date.isoformat() if r.date else ""), ("文号", ""), ("发布日期", next_day(r.date))]
    body = "\n".join(r.blocks("strong", skip_title=True))
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{E(r.title or '')}_{site}</title>
<meta name="SiteName" content="{site}">
<link rel="stylesheet" href="/css/main.css">
<script>var _hmt = _hmt || []; window.onload = function () {{ document.title += ""; }};</script>
<style>.share a {{ margin: 0 4px; }}</style>
</head>
<body>
<div class="top-bar"><span>今天是：2024年12月10日</span><a href="/">无障碍浏览</a><a href="/">长者模式</a></div>
<div class="header"><div class="logo"><img src="/img/logo.png" alt="{site}">{site}</div>
<div class="search"><form action="/search"><input name="q"><button>搜索</button></form></div></div>
<div class="nav">{menu("nav-list")}</div>
<div class="wrapper">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/fzzf/">法治政府建设</a></div>
<div class="xxgk-table"><table>{meta_rows(pairs)}</table></div>
<div class="article">
<h1 class="article-title">{E(r.title or '')}</h1>
<div class="article-info">发布时间：{next_day(r.date)}　浏览次数：<span id="hits">1024</span>　字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
<div id="zoom" class="TRS_Editor">
{body}
</div>
<div class="share">分享到：<a href="#" class="wx">微信</a><a href="#" class="wb">微博</a><a href="#">QQ空间</a></div>
<div class="print-close"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
{related("related-links")}
</div>
<div class="footer">{footer_lines(site, "湛江市坡头区南调路")}</div>
<script src="/js/stat.js"></script>
</body>
</html>
"""
    return page.encode("utf-8")


# ---------------------------------------------------------------- layout 1: table layout, <br> lines, http-equiv utf-8

def page1(r: Report) -> bytes:
    site = "温州市交通运输局"
    # the metadata table exactly as the text fixture has it
    pairs = list(r.meta.items()) + [("发布日期", next_day(r.date, 5))]
    lines = "<br>\n".join("&nbsp;&nbsp;&nbsp;&nbsp;" + E(p.text) for p in r.paras)
    page = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>政务公开_{site}</title>
</head>
<body topmargin="0">
<table width="1000" align="center" cellpadding="0" cellspacing="0">
<tr><td class="banner" height="120"><img src="/images/banner.jpg"><span>{site}</span></td></tr>
<tr><td class="menubar">{" | ".join(f'<a href="/col/col{i}/">{E(m)}</a>' for i, m in enumerate(MENU))}</td></tr>
<tr><td class="dqwz">您现在的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/fzzf/">法治政府建设</a></td></tr>
<tr><td>
<table class="xxgk_table" width="100%" border="1">{meta_rows(pairs)}</table>
</td></tr>
<tr><td>
<table width="100%"><tr>
<td width="220" valign="top" class="leftbar"><div class="lm">政务公开</div><ul>{"".join(f'<li><a href="#">{E(m)}</a></li>' for m in MENU[2:9])}</ul></td>
<td valign="top" class="bt_content">
<div id="con" style="font-size:16px;line-height:2">
{lines}
</div>
<div class="bdshare"><span>分享到：</span><a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>
<div class="dayin"><a href="javascript:print()">【打印本页】</a>　<a href="javascript:close()">【关闭窗口】</a></div>
</td></tr></table>
</td></tr>
<tr><td class="xglj"><b>相关信息：</b>{"".join(f'<a href="#">{E(t)}</a><br>' for t in RELATED)}</td></tr>
<tr><td class="bottom" align="center">{footer_lines(site, "温州市鹿城区市府路500号")}</td></tr>
</table>
</body>
</html>
"""
    return page.encode("utf-8")


# ---------------------------------------------------------------- layout 2: GB2312 declared, div + span metadata

def page2(r: Report) -> bytes:
    site = "湛江经济技术开发区管理委员会"
    body = "\n".join(r.blocks("strong", skip_title=False))
    spans = [("索引号", "006995463/2021-00021"), ("发布机构", r.issuer or ""), ("成文日期", r.date.isoformat() if r.date else ""),
             ("主题分类", "法治政府"), ("发布日期", next_day(r.date, 3))]
    info = "".join(f"<li><span>{E(k)}：</span>{E(v)}</li>" for k, v in spans)
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{E(r.title or '')}-{site}</title>
</head>
<body>
<div id="wrap">
<div id="top"><h1 class="site-logo">{site}</h1><p class="slogan">建设法治政府 服务开发区发展</p></div>
<div id="mainnav"><ul>{"".join(f'<li><a href="#">{E(m)}</a></li>' for m in MENU)}</ul></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="#">政务公开</a> &gt; <a href="#">法治政府建设</a></div>
<div id="main">
<ul class="gk-info">{info}</ul>
<div class="detail">
<h2 class="detail-title">{E(r.title or '')}</h2>
<div class="detail-content">
{body}
</div>
</div>
<div class="fenxiang">分享到：<a>微信</a> <a>微博</a></div>
<div class="tools"><a onclick="window.print()">【打印本页】</a><a onclick="window.close()">【关闭窗口】</a></div>
{related("xgwz")}
</div>
<div id="foot">{footer_lines(site, "湛江经济技术开发区乐山大道", extra="　技术支持：湛江市堃泰信息公司")}</div>
</div>
</body>
</html>
"""
    # gb2312 cannot encode every character (the footer's 堃 is GBK only): like many real pages,
    # declared gb2312 and written in its superset
    return page.encode("gb18030")


# ---------------------------------------------------------------- layout 3: HTML5, <dl> metadata, gbk

def page3(r: Report) -> bytes:
    site = "岳阳市交通运输局"
    fields = [("索引号", "430600/2025-00031"), ("主题分类", "交通运输"), ("信息来源", site), ("发布日期", "2025-01-22")]
    dl = "".join(f"<dt>{E(k)}</dt><dd>{E(v)}</dd>" for k, v in fields)
    body = "\n".join(r.blocks("h3", skip_title=False))
    page = f"""<!doctype html>
<html>
<head>
<meta charset="gbk">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{E(r.title or '')} | {site}</title>
</head>
<body>
<header class="site-header"><a class="brand" href="/">{site}</a>
<nav>{"".join(f'<a href="#">{E(m)}</a>' for m in MENU)}</nav></header>
<div class="breadcrumb">您的位置：<a href="/">首页</a> / <a href="#">政务公开</a> / <a href="#">法治政府建设</a></div>
<main>
<article>
<header><h1>{E(r.title or '')}</h1><dl class="doc-meta">{dl}</dl></header>
<section class="article-body">
{body}
</section>
<div class="article-share">分享到：<a>微信</a><a>微博</a><a>复制链接</a></div>
<p class="article-tools"><a href="#">【打印本页】</a><a href="#">【关闭窗口】</a></p>
</article>
<aside><h2>热点推荐</h2><ul>{"".join(f'<li><a href="#">{E(t)}</a></li>' for t in RELATED)}</ul></aside>
</main>
<footer>{footer_lines(site, "岳阳市岳阳楼区金鹗中路")}</footer>
</body>
</html>
"""
    return page.encode("gbk")


# ---------------------------------------------------------------- layout 4: no charset declared, <div> paragraphs

def page4(r: Report) -> bytes:
    site = "昌吉回族自治州交通运输局"
    text = []
    for i, p in enumerate(r.paras):
        if i in r.title_block:
            continue
        if P.HEADING_MARKER.match(p.text) and len(p.text) <= P.HEADING_MAX and "。" not in p.text:
            text.append(f'<div style="font-weight:bold;text-indent:2em">{E(p.text)}</div>')
        else:
            text.append(f'<div style="text-indent:2em;line-height:28px">\n\t{E(p.text)}&nbsp;\n</div>')
    body = "\n".join(text)
    page = f"""<HTML>
<HEAD>
<TITLE>{E(r.title or '')}--{site}</TITLE>
<meta name="ArticleTitle" content="{E(r.title or '')}">
<meta name="PubDate" content="2022-01-10 10:30">
<meta name="ContentSource" content="{site}">
</HEAD>
<BODY>
<div class="topnav"><a href="#">首页</a> <a href="#">English</a> <a href="#">手机版</a></div>
<div class="banner"><font size="6">{site}</font></div>
<div class="menu">{"".join(f'<span><a href="#">{E(m)}</a></span>' for m in MENU)}</div>
<div class="location">当前位置：<a href="/">首页</a> &gt;&gt; <a href="#">政务公开</a> &gt;&gt; <a href="#">法治政府建设</a></div>
<div class="main-box">
<div class="con-title">{E(r.title or '')}</div>
<div class="con-info">来源：{site}　发布日期：2022-01-10　【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="con-text">
{body}
<div class="share-box">分享到：<a>微信</a><a>微博</a></div>
<div class="con-print"><a>【打印本页】</a> <a>【关闭窗口】</a></div>
</div>
<div class="xgxx"><div class="xgxx-t">相关信息</div>{"".join(f'<p><a href="#">{E(t)}</a></p>' for t in RELATED)}</div>
</div>
<div class="footer">{footer_lines(site, "昌吉市延安北路")}</div>
</BODY>
</HTML>
"""
    return page.encode("utf-8")


PAGES = [page0, page1, page2, page3, page4]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for k, path in enumerate(sorted((ROOT / "fixtures").glob("*.txt"))):
        r = Report(path)
        data = PAGES[k % len(PAGES)](r)
        (OUT / f"{path.stem}.html").write_bytes(data)
        print(f"{OUT.relative_to(ROOT)}/{path.stem}.html  {len(data):,} bytes")


if __name__ == "__main__":
    main()
