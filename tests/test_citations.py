"""Citations: GB/T 7714-2015 as the standard's own example prints it, RIS and BibTeX."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.models import Article, Author, Byline, Publication, Role
from archive.web import citations

pytestmark = pytest.mark.django_db


def make_article(*, names=(), publication="中国青年报", day=datetime.date(2000, 11, 20), page="15"):
    article = Article.objects.create(
        publication=Publication.objects.get_or_create(name=publication, slug=publication)[0]
        if publication
        else None,
        title="数字革命与竞争国际化",
        body="正文",
        raw_text="原文",
        source_key=f"cite:{len(names)}:{publication}:{day}:{page}",
        status=Article.Status.PUBLISHED,
        published_on=day,
        page=page,
    )
    for position, (name, role) in enumerate(names):
        author, _ = Author.objects.get_or_create(name=name, slug=name)
        Byline.objects.create(article=article, author=author, role=role, position=position)
    return article


def test_gbt7714_prints_the_standards_newspaper_example():
    article = make_article(names=[("丁文祥", Role.WRITER)])
    assert (
        citations.gbt7714(article) == "丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15)."
    )


def test_gbt7714_prints_the_standards_other_newspaper_example():
    article = make_article(
        names=[("谢希德", Role.WRITER)],
        publication="人民日报",
        day=datetime.date(1998, 12, 25),
        page="10",
    )
    Article.objects.filter(pk=article.pk).update(title="创造学习的新思路")
    article.refresh_from_db()
    assert citations.gbt7714(article) == "谢希德. 创造学习的新思路[N]. 人民日报, 1998-12-25(10)."


def test_gbt7714_names_three_creators_then_deng_and_leaves_out_the_editor():
    names = [("甲", Role.REPORTER), ("乙", Role.REPORTER), ("丙", Role.EDITOR)]
    names += [("丁", Role.CORRESPONDENT), ("戊", Role.PHOTOGRAPHER)]
    article = make_article(names=names)
    assert citations.gbt7714(article).startswith("甲, 乙, 丁, 等. 数字革命与竞争国际化[N].")


def test_gbt7714_leaves_out_what_is_unknown_with_its_punctuation():
    assert (
        citations.gbt7714(make_article(names=[], page=""))
        == "数字革命与竞争国际化[N]. 中国青年报, 2000-11-20."
    )
    assert (
        citations.gbt7714(make_article(names=[("丁文祥", Role.WRITER)], day=None))
        == "丁文祥. 数字革命与竞争国际化[N]. 中国青年报(15)."
    )
    assert citations.gbt7714(make_article(publication="", day=None)) == "数字革命与竞争国际化[N]."


def test_one_person_with_two_roles_is_cited_once():
    article = make_article(names=[("丁文祥", Role.REPORTER), ("丁文祥", Role.PHOTOGRAPHER)])
    assert citations.creators(article) == ["丁文祥"]


def test_ris_download_carries_every_known_field(client):
    article = make_article(names=[("丁文祥", Role.WRITER), ("王某", Role.REPORTER)])
    response = client.get(reverse("archive:article_citation", args=[article.pk, "ris"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    assert f'filename="article-{article.pk}.ris"' in response["Content-Disposition"]
    lines = response.content.decode().split("\r\n")
    assert lines[:9] == [
        "TY  - NEWS",
        "TI  - 数字革命与竞争国际化",
        "AU  - 丁文祥",
        "AU  - 王某",
        "T2  - 中国青年报",
        "PY  - 2000",
        "DA  - 2000/11/20",
        "SP  - 15",
        "LA  - zh",
    ]
    assert lines[9] == f"UR  - http://testserver/articles/{article.pk}/"
    assert lines[10:] == ["ER  -", ""]


def test_bibtex_download_escapes_special_characters(client):
    article = make_article(names=[("丁文祥", Role.WRITER)])
    Article.objects.filter(pk=article.pk).update(title="50% 的 {新} 题_目")
    response = client.get(reverse("archive:article_citation", args=[article.pk, "bib"]))
    text = response.content.decode()
    assert text.startswith(f"@article{{archive{article.pk},\n")
    assert "  title = {50\\% 的 \\{新\\} 题\\_目},\n" in text
    assert "  author = {丁文祥},\n" in text
    assert "  journal = {中国青年报},\n" in text
    assert "  date = {2000-11-20},\n" in text
    assert "  pages = {15},\n" in text


def test_unknown_citation_format_or_article_is_a_404(client):
    article = make_article()
    assert client.get(f"/articles/{article.pk}/cite.docx").status_code == 404
    assert client.get(f"/articles/{article.pk + 1}/cite.ris").status_code == 404
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert client.get(f"/articles/{article.pk}/cite.ris").status_code == 404


def test_article_page_shows_the_citation_and_a_copy_button_without_inline_script(client):
    article = make_article(names=[("丁文祥", Role.WRITER)])
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<p class="citation" id="citation-gbt">丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15).</p>'
        in html
    )
    assert 'data-copy="citation-gbt" hidden' in html
    assert '<script src="/static/archive/copy.js" defer></script>' in html
    assert "<script>" not in html and "style=" not in html


def web_copy(**fields):
    """The standard's web example (GB/T 7714-2015, 8.8): no publisher, published and read on
    the days it gives."""
    article = make_article(names=[("萧钰", Role.WRITER)], publication="", page="")
    values = {
        "title": "出版业信息化迈入快车道",
        "published_on": datetime.date(2001, 12, 19),
        "source_kind": "web",
        "source_url": "http://www.creader.com/news/20011219/200112190019.html",
        "accessed_on": datetime.date(2002, 4, 15),
        **fields,
    }
    Article.objects.filter(pk=article.pk).update(**values)
    article.refresh_from_db()
    return article


def test_gbt7714_prints_the_standards_web_page_example():
    assert citations.gbt7714(web_copy()) == (
        "萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. "
        "http://www.creader.com/news/20011219/200112190019.html."
    )


def test_gbt7714_names_a_web_pages_site_as_its_publisher_and_reads_the_import_day():
    article = web_copy(accessed_on=None)
    article.publication = Publication.objects.create(name="示例新闻网", slug="example")
    article.save()
    read = timezone.localdate(article.created_at).isoformat()  # the archive's day, not UTC's
    assert citations.gbt7714(article) == (
        f"萧钰. 出版业信息化迈入快车道[EB/OL]. 示例新闻网, 2001(2001-12-19)[{read}]. "
        "http://www.creader.com/news/20011219/200112190019.html."
    )


def test_gbt7714_cites_a_print_page_read_on_its_e_paper_as_n_ol():
    article = make_article(names=[("丁文祥", Role.WRITER)])
    Article.objects.filter(pk=article.pk).update(
        source_url="http://paper.example.cn/2000-11/20/15.htm",
        accessed_on=datetime.date(2001, 3, 1),
    )
    article.refresh_from_db()
    assert citations.gbt7714(article) == (
        "丁文祥. 数字革命与竞争国际化[N/OL]. 中国青年报, 2000-11-20(15)[2001-03-01]. "
        "http://paper.example.cn/2000-11/20/15.htm."
    )


def test_ris_and_bibtex_of_a_web_page_carry_its_address_and_the_day_it_was_read():
    article = web_copy()
    ris = citations.ris(article, url="http://testserver/articles/1/").split("\r\n")
    assert ris[0] == "TY  - ELEC"
    assert "UR  - http://www.creader.com/news/20011219/200112190019.html" in ris
    assert "Y2  - 2002/04/15" in ris
    bib = citations.bibtex(article, url="http://testserver/articles/1/")
    assert bib.startswith("@online{")
    assert "  url = {http://www.creader.com/news/20011219/200112190019.html},\n" in bib
    assert "  urldate = {2002-04-15}\n" in bib


def test_the_citations_of_ticked_articles_download_as_one_file(client):
    first, second = make_article(names=[("丁文祥", Role.WRITER)]), web_copy()
    response = client.get(f"/articles/citations.txt?id={first.pk}&id={second.pk}")
    assert response.status_code == 200
    assert 'filename="citations.txt"' in response["Content-Disposition"]
    lines = response.content.decode().split("\r\n")
    assert sorted(line[:4] for line in lines if line) == ["[1] ", "[2] "]
    assert any("[EB/OL]" in line for line in lines) and any("[N]" in line for line in lines)
    ris = client.get(f"/articles/citations.ris?id={first.pk}&id={second.pk}").content.decode()
    assert ris.count("ER  -") == 2
    bib = client.get(f"/articles/citations.bib?id={first.pk}").content.decode()
    assert bib.count("@article{") == 1


def test_without_ticks_a_listing_exports_its_own_articles_with_its_filters(client):
    make_article(names=[("丁文祥", Role.WRITER)])
    web_copy()
    text = client.get("/articles/citations.txt?undated=false&date_from=2001-01-01").content
    assert text.decode().count("\r\n") == 1 and "[EB/OL]" in text.decode()


def test_a_bad_selection_is_refused_with_a_reason_never_a_500(client):
    article = make_article()
    many = "&".join(f"id={n}" for n in range(1, 601))
    response = client.get(f"/articles/citations.ris?{many}")
    assert response.status_code == 400 and "最多导出 500 篇" in response.content.decode()
    too_many = "&".join(f"id={n}" for n in range(1, 10_001))
    response = client.get(f"/articles/citations.ris?{too_many}")
    assert response.status_code == 400 and "参数过多" in response.content.decode()
    response = client.get("/articles/citations.ris?id=1&id=x")
    assert response.status_code == 400 and "数字" in response.content.decode()
    assert client.get(f"/articles/citations.ris?id={article.pk + 7}").status_code == 404
    assert client.get(f"/articles/citations.docx?id={article.pk}").status_code == 404


def test_the_listing_offers_ticks_and_the_three_formats(client):
    article = make_article()
    html = client.get("/articles/?sort=oldest&page=1").content.decode()
    assert f'name="id" value="{article.pk}" form="cite-form"' in html
    assert 'formaction="/articles/citations.ris"' in html
    form = html[html.index('<form id="cite-form"') :]
    form = form[: form.index("</form>")]
    assert '<input type="hidden" name="sort" value="oldest">' in form
    assert 'name="page"' not in form
