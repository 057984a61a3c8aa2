"""Links that change one filter and keep every other, for facets, chips and pagination; the
rows of a listing, and the parts of a listing page that every page of it shares."""

import datetime

from django import template
from django.http import QueryDict
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from archive.cache.stored import article_rows_html, section_html
from archive.ingest.names import split_title
from archive.models import Role
from archive.web.page_cache.pages import is_reader, parameters, storable

register = template.Library()


def _query(params: QueryDict) -> str:
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def article_rows(context, articles) -> str:
    """``archive/_article_row.html`` for each article; for a reader (not an editor, who sees
    the database as it is) each rendered once per version of its article
    (``cache.stored.article_rows_html``). A row depends on the article, its people, districts
    and publication, on what the listing added to it (a search's headline and snippet, whether
    it has a photo) and on the language."""
    row = get_template("archive/_article_row.html")

    def render(article) -> str:
        return row.render({"article": article})

    request = context.get("request")
    if request is None or not is_reader(request):
        return mark_safe("".join(map(render, articles)))
    html = article_rows_html(
        list(articles),
        key_of=lambda article: repr(
            (
                "row",
                article.pk,
                get_language(),
                getattr(article, "headline", None),
                getattr(article, "snippet", None),
                getattr(article, "has_photo", None),
            )
        ),
        render=render,
    )
    return mark_safe("".join(html))


@register.tag
def shared_section(parser, token):
    """``{% shared_section "name" %}…{% endshared_section %}``: a part of a listing page that
    depends only on the listing (its path, filters and search; not its page number), the
    versions of the page's scopes and the language — its facets, its coverage chart — rendered
    for a reader once per version (``cache.stored.section_html``) and shared by every page of
    the listing. Editors, who see the database as it is, get it rendered; so does a query
    string that no page would be stored for (``web.page_cache.pages.storable``)."""
    try:
        _tag, name = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("shared_section takes one argument, its name") from None
    nodelist = parser.parse(("endshared_section",))
    parser.delete_first_token()
    return SharedSectionNode(parser.compile_filter(name), nodelist)


class SharedSectionNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context) -> str:
        request = context.get("request")
        if request is None or not (is_reader(request) and storable(request)):
            return self.nodelist.render(context)
        params = parameters(request, without=("page",))
        key = repr(("section", self.name.resolve(context), request.path, params, get_language()))
        return section_html(key, lambda: self.nodelist.render(context))


@register.simple_tag(takes_context=True)
def add_filter(context, key: str, value) -> str:
    params = context["request"].GET.copy()
    params.pop("page", None)
    values = params.getlist(key)
    if str(value) not in values:
        values.append(str(value))
    params.setlist(key, values)
    return _query(params)


@register.simple_tag(takes_context=True)
def remove_filter(context, key: str, value=None) -> str:
    params = context["request"].GET.copy()
    params.pop("page", None)
    if value is None:
        params.pop(key, None)
    else:
        params.setlist(key, [v for v in params.getlist(key) if v != str(value)])
    return _query(params)


@register.simple_tag(takes_context=True)
def set_filter(context, key: str, value) -> str:
    """The page with ``key`` set to this one value (a chart's interval), back on page 1."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    params[key] = str(value)
    return _query(params)


@register.simple_tag(takes_context=True)
def page_link(context, number: int) -> str:
    params = context["request"].GET.copy()
    params["page"] = str(number)
    return _query(params)


@register.simple_tag(takes_context=True)
def active_filters(context) -> list[dict]:
    """The filters in force, each with a label and the link that removes it."""
    filterset = context.get("filter")
    if filterset is None or not filterset.is_bound:
        return []
    chips = []
    filterset.form.is_valid()  # cleaned_data then holds every valid field, even if others are not
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, "", []) or name == "sort":
            continue
        label = filterset.form.fields[name].label
        if isinstance(value, list | tuple) or hasattr(value, "model"):  # several people or places
            for item in value:
                url = remove_filter(context, name, item.slug)
                chips.append({"label": f"{label}：{item}", "url": url})
            continue
        shown = ("是" if value else "否") if isinstance(value, bool) else value
        if isinstance(value, datetime.date):
            shown = f"{value.year}年{value.month}月{value.day}日"  # the page's own format
        chips.append({"label": f"{label}：{shown}", "url": remove_filter(context, name)})
    return chips


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The listing without its filters, sort and search, on the page shown: one address per
    page of a listing for search engines, however many filter combinations lead to it."""
    request = context["request"]
    page = context.get("page_obj")
    number = page.number if page is not None else 1
    path = request.path + (f"?page={number}" if number > 1 else "")
    return request.build_absolute_uri(path)


@register.filter
def without_page(params: QueryDict) -> list[str]:
    """The parameters other than the page: any of them makes a filtered, non-canonical view."""
    return [name for name in params if name != "page"]


@register.filter
def title_parts(title: str | None) -> tuple[str, str]:
    """A printed title as (organisation, position), for the speakers' table."""
    return split_title(title or "")


@register.filter
def role_counts(author) -> list[tuple[str, int]]:
    """An author's non-zero byline counts by role (``author_list`` annotates ``n_<role>``)."""
    counts = ((label, getattr(author, f"n_{value}", 0)) for value, label in Role.choices)
    return [(label, count) for label, count in counts if count]
