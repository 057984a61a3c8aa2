"""How to cite an article: GB/T 7714-2015 for newspaper articles and web pages, RIS and BibTeX.

Pure functions of an article with its bylines and publication prefetched; no queries of their own.
GB/T 7714-2015 prints a newspaper page (4.4, 8.4) as ``作者. 题名[N]. 报纸名, 出版日期(版次).``
— e.g. ``丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15).``; a page read on the
paper's e-paper site adds the day it was read and its address, ``[N/OL]. 人民日报,
2013-01-12(2)[2013-03-20]. http://….``; a web page (4.8) is ``[EB/OL]``, its publisher, date,
the day it was read and its address: ``萧钰. 出版业信息化迈入快车道[EB/OL].
(2001-12-19)[2002-04-15]. http://….`` What the archive does not know (author, publication, date,
page, address) is left out with its punctuation, never replaced by a guess.
"""

from __future__ import annotations

import re

from archive.models import Article, Role, SourceKind

# The standard names at most three creators, then "等" (8.1.2).
MAX_AUTHORS = 3
# An editor arranged the page but did not write the article, so is no creator to cite.
NOT_CREATORS = {Role.EDITOR}


def creators(article: Article) -> list[str]:
    """The article's writers and photographers in printed order, each once."""
    names = [b.author.name for b in article.bylines.all() if b.role not in NOT_CREATORS]
    return list(dict.fromkeys(names))


def is_web_page(article: Article) -> bool:
    return article.source_kind == SourceKind.WEB


def read_online(article: Article) -> bool:
    """Cited with the address and the day it was read: a web page, or a print page whose
    e-paper address the archive keeps."""
    return is_web_page(article) or bool(article.source_url)


def gbt7714(article: Article) -> str:
    names = creators(article)
    head = ", ".join(names[:MAX_AUTHORS]) + (", 等" if len(names) > MAX_AUTHORS else "")
    kind = "EB/OL" if is_web_page(article) else "N/OL" if article.source_url else "N"
    parts = [f"{head}. " if head else "", f"{article.display_title}[{kind}]"]
    where = article.publication.name if article.publication else ""
    date = article.published_on.isoformat() if article.published_on else ""
    accessed = article.cited_access_date if read_online(article) else None
    read = f"[{accessed.isoformat()}]" if accessed else ""
    if is_web_page(article):
        # 4.8: 出版者, 出版年(更新或修改日期)[引用日期]; the standard's example has no publisher.
        year = f", {article.published_on.year}" if where and date else ""
        issued = f"{where}{year}" + (f"({date})" if date else "") + read
        parts.append(f". {issued}" if issued else "")
    else:
        page = f"({article.page})" if article.page and (date or where) else ""
        if where or date:
            parts.append(". " + ", ".join(filter(None, [where, date])) + page + read)
    if article.source_url:
        parts.append(f". {article.source_url}")
    return "".join(parts) + "."


def gbt7714_list(articles: list[Article]) -> str:
    """Several citations as a numbered reference list, one a line ([1] …)."""
    return "".join(f"[{n}] {gbt7714(a)}\r\n" for n, a in enumerate(articles, start=1))


def ris(article: Article, *, url: str) -> str:
    """One RIS record (EndNote, Zotero, NoteExpress); lines end CRLF as the format asks. A
    web page is an ELEC record; an address read online comes first, with the day read (Y2)."""
    lines = [("TY", "ELEC" if is_web_page(article) else "NEWS"), ("TI", article.display_title)]
    lines += [("AU", name) for name in creators(article)]
    if article.publication:
        lines.append(("T2", article.publication.name))
    if article.published_on:
        lines += [
            ("PY", str(article.published_on.year)),
            ("DA", article.published_on.strftime("%Y/%m/%d")),
        ]
    if article.page:
        lines.append(("SP", article.page))
    if article.source_url:
        lines.append(("UR", article.source_url))
    if read_online(article) and article.cited_access_date:
        lines.append(("Y2", article.cited_access_date.strftime("%Y/%m/%d")))
    lines += [("LA", "zh"), ("UR", url), ("ER", "")]
    return "".join(f"{tag}  - {_one_line(value)}".rstrip() + "\r\n" for tag, value in lines)


def bibtex(article: Article, *, url: str) -> str:
    """One BibTeX entry (biblatex fields; classic BibTeX reads year, month and journal too): a
    web page is ``@online``, its site the organization; the address read online is the url,
    with the day read (urldate), else the archive's page."""
    web = is_web_page(article)
    fields = [("title", article.display_title)]
    names = creators(article)
    if names:
        fields.append(("author", " and ".join(names)))
    if article.publication:
        fields.append(("organization" if web else "journal", article.publication.name))
    if article.published_on:
        day = article.published_on
        fields += [("date", day.isoformat()), ("year", str(day.year)), ("month", str(day.month))]
    if article.page:
        fields.append(("pages", article.page))
    fields += [("langid", "chinese"), ("url", article.source_url or url)]
    if read_online(article) and article.cited_access_date:
        fields.append(("urldate", article.cited_access_date.isoformat()))
    body = ",\n".join(f"  {name} = {{{_bibtex_text(value)}}}" for name, value in fields)
    entry = "online" if web else "article"
    return f"@{entry}{{archive{article.pk},\n{body}\n}}\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


# Characters BibTeX treats as commands or groups; escaped so a title never breaks the entry.
BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "^": r"\^{}",
    "~": r"\~{}",
    **{char: "\\" + char for char in "{}%&$#_"},
}
BIBTEX_SPECIAL = re.compile("|".join(re.escape(char) for char in BIBTEX_ESCAPES))


def _bibtex_text(text: str) -> str:
    return BIBTEX_SPECIAL.sub(lambda match: BIBTEX_ESCAPES[match.group()], _one_line(text))
