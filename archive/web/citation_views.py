"""Citations to download: one article's, or those of several a reader chose in a listing (or
the listing's first MAX_CITED), as one GB/T 7714 text, RIS or BibTeX file."""

from __future__ import annotations

from django.core.exceptions import TooManyFieldsSent
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

from archive import selectors
from archive.web import citations

MAX_CITED = 500
# format: (writer of one article, content type, file extension)
CITATION_FORMATS = {
    "ris": (citations.ris, "application/x-research-info-systems", "ris"),
    "bib": (citations.bibtex, "application/x-bibtex", "bib"),
}
# Several articles: the same writers, and GB/T 7714 as a numbered list in a text file.
LIST_FORMATS = {**CITATION_FORMATS, "txt": (None, "text/plain", "txt")}


def _download(text: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def article_citation(request: HttpRequest, pk: int, format: str) -> HttpResponse:
    """The article as a RIS or BibTeX file for a reference manager; another format is a 404."""
    if format not in CITATION_FORMATS:
        raise Http404(_("不支持的引用格式"))
    write, content_type, extension = CITATION_FORMATS[format]
    article = selectors.article_get(pk=pk)
    text = write(article, url=request.build_absolute_uri(article.get_absolute_url()))
    return _download(text, content_type, f"article-{pk}.{extension}")


def citations_export(
    request: HttpRequest, format: str, kind: str = "articles", slug: str = ""
) -> HttpResponse:
    """The citations of the articles ticked in a listing (``?id=3&id=8``, in listing order),
    or of the listing's first MAX_CITED with its filters. More than MAX_CITED ticked, or an id
    that is no number, is a 400 that says so; an unknown format a 404."""
    if format not in LIST_FORMATS:
        raise Http404(_("不支持的引用格式"))
    try:
        chosen = request.GET.getlist("id")
    except TooManyFieldsSent:
        chosen = [""] * (MAX_CITED + 1)
    if len(chosen) > MAX_CITED:
        return HttpResponseBadRequest(_("一次最多导出 %(n)d 篇文章的引文。") % {"n": MAX_CITED})
    if not all(value.isdigit() and len(value) <= 12 for value in chosen):
        return HttpResponseBadRequest(_("所选文章的编号应为数字。"))
    source = selectors.listing_source(kind=kind, slug=slug)
    articles = selectors.articles_cited(
        params=request.GET,
        ids=[int(value) for value in chosen],
        limit=MAX_CITED,
        scope=source.articles,
    )
    if chosen and not articles:
        raise Http404(_("所选文章都不存在或未公开。"))
    write, content_type, extension = LIST_FORMATS[format]
    if write is None:
        text = citations.gbt7714_list(articles)
    else:
        page = request.build_absolute_uri
        text = "\r\n".join(write(a, url=page(a.get_absolute_url())) for a in articles)
    return _download(text, content_type, f"citations.{extension}")
