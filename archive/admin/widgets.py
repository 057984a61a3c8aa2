"""Form pieces of the editorial admin: section headings one per line; autocomplete widgets
that take their label from the row already loaded instead of a query per row; and a form
renderer that draws the plain widgets in Python, so a change form with a hundred inline rows
opens in a fraction of the time."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ObjectDoesNotExist
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


class SectionsField(forms.Field):
    """The article's section headings (a JSON list in the database) edited as one heading per
    line: what an editor sees in the body, not ``["…", "…"]``."""

    widget = forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField sections-input"})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value) -> list[str]:
        if isinstance(value, list | tuple):
            return [str(line).strip() for line in value if str(line).strip()]
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def has_changed(self, initial, data) -> bool:
        return self.to_python(initial) != self.to_python(data)


SECTIONS_HELP = _("每行一个小标题，与正文中的那一行一字不差。")


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """Autocomplete that labels its selected option from ``preloaded`` ({pk: label}) when it
    holds the value. Django's widget runs one query per widget for that label: with forty
    quotes and thirty photos, seventy queries before the change form can open."""

    preloaded: dict[str, str] = {}

    def render(self, name, value, attrs=None, renderer=None):
        # RelatedFieldWidgetWrapper renders its widget without passing the form's renderer on.
        return super().render(name, value, attrs, renderer or PLAIN_RENDERER)

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if v not in (None, "")]
        if not selected or any(v not in self.preloaded for v in selected):
            return super().optgroups(name, value, attr)
        default = (None, [], 0)
        if not self.is_required:
            default[1].append(self.create_option(name, "", "", False, 0))
        for v in selected:
            default[1].append(self.create_option(name, v, self.preloaded[v], True, len(default[1])))
        return [default]


class PreloadedAutocompleteInline:
    """For inlines: their rows come with the autocomplete fields' objects (one join), and each
    row's widget is labelled from its own object. Only "add" beside each person: changing or
    viewing a person from inside an article is a detour nobody takes, and every link is work on
    each of a hundred rows."""

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.autocomplete_fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        wrapper = getattr(formfield, "widget", None)
        if isinstance(wrapper, admin.widgets.RelatedFieldWidgetWrapper):
            wrapper.can_change_related = wrapper.can_view_related = False
            wrapper.can_delete_related = False
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        names = list(self.autocomplete_fields)
        tabular = isinstance(self, admin.TabularInline)

        class PreloadedFormSet(formset):
            renderer = PLAIN_RENDERER

            def add_fields(self, form, index):
                super().add_fields(form, index)
                if tabular:  # its cells have no <label>: the column's header, said to each
                    for field in form.fields.values():
                        field.widget.attrs.setdefault("aria-label", str(field.label))

            def _construct_form(self, i, **kwargs):
                form = super()._construct_form(i, **kwargs)
                for name in names:
                    try:
                        related = getattr(form.instance, name)
                    except ObjectDoesNotExist:
                        related = None
                    widget = getattr(form.fields[name].widget, "widget", None)
                    if related is not None and isinstance(widget, PreloadedAutocompleteSelect):
                        widget.preloaded = {str(related.pk): str(related)}
                return form

        return PreloadedFormSet


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html`` in Python: True is a bare name, False is left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _render_input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    attrs = _attrs(widget["attrs"])
    return f'<input type="{widget["type"]}" name="{escape(widget["name"])}"{value}{attrs}>'


def _render_textarea(widget: dict) -> str:
    value = escape(widget["value"]) if widget["value"] else ""
    attrs = _attrs(widget["attrs"])
    return f'<textarea name="{escape(widget["name"])}"{attrs}>\n{value}</textarea>'


def _render_select(widget: dict) -> str:
    options = "".join(
        f'<option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
        f"{escape(option['label'])}</option>"
        for _group, group_options, _index in widget["optgroups"]
        for option in group_options
    )
    return f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>{options}</select>'


def _render_label(context: dict) -> str:
    if not context["use_tag"]:
        return escape(context["label"])
    tag = context["tag"]
    return f"<{tag}{_attrs(context['attrs'])}>{escape(context['label'])}</{tag}>"


# Django renders every widget, its attributes, each <option>, each label and each field's empty
# error list through the template engine: a hundred inline rows make three thousand template
# renders, most of a second. These few, the plain ones, are drawn in Python instead, from the
# same context and to the same HTML; every other template (admin widgets, file inputs, errors
# that are there) still goes through the engine.
WIDGETS = {
    "django/forms/widgets/text.html": _render_input,
    "django/forms/widgets/number.html": _render_input,
    "django/forms/widgets/hidden.html": _render_input,
    "django/forms/widgets/checkbox.html": _render_input,
    "django/forms/widgets/textarea.html": _render_textarea,
    "django/forms/widgets/select.html": _render_select,
}
ERROR_LISTS = {"django/forms/errors/list/default.html", "django/forms/errors/list/ul.html"}


def _grouped(widget: dict) -> bool:
    """A select with <optgroup>s: left to the template."""
    return any(group for group, _options, _index in widget.get("optgroups", ()))


class PlainRenderer(DjangoTemplates):
    """The form renderer of the article form and its inlines (see WIDGETS)."""

    def render(self, template_name, context, request=None):
        if template_name in WIDGETS and "widget" in context and not _grouped(context["widget"]):
            return mark_safe(WIDGETS[template_name](context["widget"]))  # escaped above
        if template_name == "django/forms/label.html":
            return mark_safe(_render_label(context))  # escaped above
        if template_name in ERROR_LISTS and not context.get("errors"):
            return ""
        return super().render(template_name, context, request)


PLAIN_RENDERER = PlainRenderer()
