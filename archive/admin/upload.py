"""Upload raw text files in the admin: preview the parse (the command's dry run), then import
with the same service as ``import_articles``, with the same errors for bad files."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from archive import selectors
from archive.admin.pending import (
    SESSION_KEY,
    StoreFull,
    pending_discard,
    pending_load,
    pending_save,
)
from archive.ingest.parser import Defaults
from archive.ingest.text import MAX_BYTES, decode
from archive.ingest.types import ParsedArticle
from archive.models import Article
from archive.services import (
    FileResult,
    ImportCache,
    article_missing,
    file_import,
    source_keys,
    summarize,
)
from archive.services.copies import StoredCopy, copies_stored, parsed_fingerprint

MAX_FILES = 50
MAX_SKIPPED_PER_FILE = 200  # articles a preview can mark 不导入 per file, at most


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files; an empty one passes here so the import names it like the command does."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


class UploadForm(forms.Form):
    files = MultipleFileField(label=_("原文文件（.txt，可多选）"))
    publication = forms.CharField(label=_("报纸"), required=False, max_length=100)
    published_on = forms.DateField(
        label=_("出版日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    page = forms.CharField(label=_("版次"), required=False, max_length=20)

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("一次最多上传 %(n)d 个文件。") % {"n": MAX_FILES})
        # Before anything is kept: the import would refuse these anyway.
        too_big = [f.name for f in files if f.size > MAX_BYTES]
        if too_big:
            raise forms.ValidationError(
                _("文件过大（每个最多 %(mb)d MB），未保存任何文件：%(names)s")
                % {"mb": MAX_BYTES // 1024 // 1024, "names": "、".join(too_big)}
            )
        return files

    def defaults(self) -> Defaults:
        data = self.cleaned_data
        return Defaults(
            publication=data["publication"] or None,
            published_on=data["published_on"].isoformat() if data["published_on"] else None,
            page=data["page"] or None,
        )


def upload_view(model_admin):
    def view(request):
        # An upload adds articles and, with the same source, updates them.
        if not (
            model_admin.has_add_permission(request) and model_admin.has_change_permission(request)
        ):
            raise PermissionDenied
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "title": _("上传原文"),
        }
        if request.method == "POST" and "import" in request.POST:
            return _import(request, model_admin)
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            previews = _preview(request, form)
            if previews is not None:
                context["results"] = [
                    (result, _preview_rows(result, data, number))
                    for number, (result, data) in enumerate(previews)
                ]
                context["counts"] = summarize([result for result, _data in previews])
        context["form"] = form
        return TemplateResponse(request, "admin/archive/article/upload.html", context)

    return view


@dataclass(frozen=True)
class PreviewRow:
    article: ParsedArticle
    missing: str  # what the parse could not find in it (署名、日期), said before importing
    before: Article | None  # the same article imported before, from the same text
    copy: StoredCopy | None  # a stored article telling the same story (与 #N 相同)
    place: str  # "file:article", what the preview's 不导入 box sends for it

    @property
    def similarity(self) -> int:
        return round(self.copy.similarity * 100) if self.copy else 0


def _preview_rows(result: FileResult, data: bytes, number: int) -> list[PreviewRow]:
    before = _imported_before(data, len(result.articles))
    parsed = [article for article, _outcome in result.articles]
    copies = copies_stored([parsed_fingerprint(article) for article in parsed])
    return [
        PreviewRow(
            article,
            "、".join(m.label for m in article_missing(article)),
            earlier,
            # The same text imported before is said as such, not as a copy of itself.
            copy if copy and not (earlier and copy.matched_id == earlier.pk) else None,
            f"{number}:{place}",
        )
        for place, (article, earlier, copy) in enumerate(zip(parsed, before, copies, strict=True))
    ]


def _skipped(request) -> dict[int, set[int]]:
    """The places the editor chose not to import (``file:article``), by file; anything else
    sent is ignored."""
    skipped: dict[int, set[int]] = {}
    for value in request.POST.getlist("skip")[: MAX_FILES * MAX_SKIPPED_PER_FILE]:
        number, sep, place = value.partition(":")
        if sep and number.isdigit() and place.isdigit() and len(value) <= 12:
            skipped.setdefault(int(number), set()).add(int(place))
    return skipped


def _imported_before(data: bytes, count: int) -> list[Article | None]:
    """Each article of the file as an earlier import stored it (same text, same place)."""
    if not count:
        return []
    keys = source_keys(decode(data), count)
    found = selectors.articles_by_source_key(source_keys=keys)
    return [found.get(key) for key in keys]


def _preview(request, form: UploadForm) -> list[tuple[FileResult, bytes]] | None:
    """Keep the files for the import and show what they would become."""
    files = [(f.name, f.read()) for f in form.cleaned_data["files"]]
    defaults = form.defaults()
    pending_discard(request.session.pop(SESSION_KEY, None))  # a new preview replaces the last
    try:
        key = pending_save(user_id=request.user.pk, files=files, defaults=defaults.__dict__)
    except StoreFull:
        form.add_error(None, _("待导入的文件已满，请稍后再试，或先导入已预览的文件。"))
        return None
    request.session[SESSION_KEY] = key
    return [
        (file_import(source=name, data=data, defaults=defaults, dry_run=True), data)
        for name, data in files
    ]


def _import(request, model_admin):
    key = request.session.pop(SESSION_KEY, None)
    pending = pending_load(key=key or "", user_id=request.user.pk)
    if pending is None:
        model_admin.message_user(request, _("没有待导入的文件，请重新上传。"), messages.WARNING)
        return redirect("admin:archive_article_upload")
    defaults = Defaults(**pending.defaults)
    cache = ImportCache()
    skipped = _skipped(request)
    results = [
        file_import(
            source=name, data=data, defaults=defaults, cache=cache, skip=skipped.get(number, ())
        )
        for number, (name, data) in enumerate(pending.files)
    ]
    pending_discard(key)
    for result in results:
        if result.error:
            model_admin.message_user(request, f"{result.source}：{result.error}", messages.ERROR)
        for warning in result.warnings:
            model_admin.message_user(request, f"{result.source}：{warning}", messages.WARNING)
    counts = summarize(results)
    model_admin.message_user(
        request,
        _(
            "%(files)d 个文件：新建 %(created)d 篇，更新 %(updated)d 篇，"
            "无变化 %(unchanged)d 篇，跳过 %(skipped)d 篇，失败 %(failed)d 个文件。"
        )
        % (
            {key: counts[key] for key in ("files", "created", "updated", "unchanged", "failed")}
            | {"skipped": sum(map(len, skipped.values()))}
        ),
        messages.SUCCESS if not counts["failed"] else messages.WARNING,
    )
    return redirect("admin:archive_article_changelist")
