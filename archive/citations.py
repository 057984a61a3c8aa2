"""How to cite an article: GB/T 7714-2015 for newspaper articles, RIS and BibTeX.

Pure functions of an article with its bylines and publication prefetched; no queries of their own.
GB/T 7714-2015 (4.4, example 8.4): ``作者. 题名[N]. 报纸名, 出版日期(版次).`` — e.g.
``丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15).`` What the archive does not know
(author, publication, date, page) is left out with its punctuation, never replaced by a guess.
"""

from __future__ import annotations

import re

from archive.models import Article, Role

# The standard names at most three creators, then "等" (8.1.2).
MAX_AUTHORS = 3
# An editor arranged the page but did not write the article, so is no creator to cite.
NOT_CREATORS = {Role.EDITOR}


def creators(article: Article) -> list[str]:
    """The article's writers and photographers in printed order, each once."""
    names = [b.author.name for b in article.bylines.all() if b.role not in NOT_CREATORS]
    return list(dict.fromkeys(names))


def gbt7714(article: Article) -> str:
    names = creators(article)
    head = ", ".join(names[:MAX_AUTHORS]) + (", 等" if len(names) > MAX_AUTHORS else "")
    parts = [f"{head}. " if head else "", f"{article.display_title}[N]"]
    where = article.publication.name if article.publication else ""
    date = article.published_on.isoformat() if article.published_on else ""
    page = f"({article.page})" if article.page and (date or where) else ""
    if where or date:
        parts.append(". " + ", ".join(filter(None, [where, date])) + page)
    return "".join(parts) + "."


def ris(article: Article, *, url: str) -> str:
    """One RIS record (EndNote, Zotero, NoteExpress); lines end CRLF as the format asks."""
    lines = [("TY", "NEWS"), ("TI", article.display_title)]
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
    lines += [("LA", "zh"), ("UR", url), ("ER", "")]
    return "".join(f"{tag}  - {_one_line(value)}".rstrip() + "\r\n" for tag, value in lines)


def bibtex(article: Article, *, url: str) -> str:
    """One BibTeX entry (biblatex fields; classic BibTeX reads year, month and journal too)."""
    fields = [("title", article.display_title)]
    names = creators(article)
    if names:
        fields.append(("author", " and ".join(names)))
    if article.publication:
        fields.append(("journal", article.publication.name))
    if article.published_on:
        day = article.published_on
        fields += [("date", day.isoformat()), ("year", str(day.year)), ("month", str(day.month))]
    if article.page:
        fields.append(("pages", article.page))
    fields += [("langid", "chinese"), ("url", url)]
    body = ",\n".join(f"  {name} = {{{_bibtex_text(value)}}}" for name, value in fields)
    return f"@article{{archive{article.pk},\n{body}\n}}\n"


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
