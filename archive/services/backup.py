"""The whole archive as one portable file, and back: backup, restore, and the move between
databases (the embedded SQLite to PostgreSQL, or back).

The file is a zip archive:
- ``manifest.json``: the format, the migrations the data was written at, and per model its file
  and row count;
- ``data/<app>.<model>.jsonl``: one JSON object per row, keys sorted, rows in key order — every
  article, person, alias, byline, photo, quote, district link, every history row, the editors'
  accounts and groups and the admin's log;
- ``media/…``: the photos' image files.
Entries carry a fixed time stamp, so the same archive always gives the same bytes whichever
database it lives in. Search tokens are not in it: they are derived, and the restore rebuilds them
for the target's engine.

Ids are kept, so links between rows survive; the rows a fresh database already has (the 16
districts and the editorial groups from the migrations, and any account of the same name) are
matched by their natural key instead, and references to them are mapped.
"""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import connection, models
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "shanghai-newspaper-archive"
VERSION = 1
ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # every entry's time stamp: the same data, the same bytes
BATCH = 2000
SKIPPED_FIELDS = {"search_vector", "search_chars", "search_extra"}  # derived; rebuilt on the target
# Rows a migrated database already has, matched by these fields instead of by id.
MATCHED_BY = {"archive.district": "code", "auth.user": "username"}


class BackupError(Exception):
    """A file that is not an archive backup, or a target that cannot take it; nothing written."""


def backup_models() -> list[type[models.Model]]:
    """Every model the backup holds, each after the models its keys point to."""
    archive = [m for m in apps.get_app_config("archive").get_models() if not _is_history(m)]
    history = [m for m in apps.get_app_config("archive").get_models() if _is_history(m)]
    return [User, *_dependency_order(archive), *history, LogEntry]


def archive_export(path: Path) -> dict[str, int]:
    """Write the backup to ``path`` (replaced only once complete); returns rows per model."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "migrations": applied_migrations(),
        "groups": _groups(),
        "models": [],
        "media": [],
    }
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for model in backup_models():
                name = f"data/{model._meta.label_lower}.jsonl"
                with _entry(archive, name) as out:
                    count = sum(out.write(_line(row)) > 0 for row in _rows(model))
                manifest["models"].append(
                    {"model": model._meta.label_lower, "file": name, "rows": count}
                )
            for image in _image_names():
                if default_storage.exists(image):
                    with (
                        default_storage.open(image, "rb") as source,
                        _entry(archive, f"media/{image}", binary=True) as out,
                    ):
                        out.write(source.read())
                    manifest["media"].append(image)
            with _entry(archive, "manifest.json") as out:
                out.write(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return {entry["model"]: entry["rows"] for entry in manifest["models"]}


# Export ----------------------------------------------------------------------------------------


def _is_history(model) -> bool:
    return hasattr(model, "instance_type")  # django-simple-history's historical models


def _dependency_order(models_: list) -> list:
    ordered: list = []
    pending = list(models_)
    while pending:
        for model in pending:
            targets = {
                f.related_model
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is not model
            }
            if not targets & set(pending):
                ordered.append(model)
                pending.remove(model)
                break
        else:  # a cycle: keep the rest as declared
            ordered.extend(pending)
            break
    return ordered


def backed_up_fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS]


def _rows(model) -> Iterator[dict]:
    fields = backed_up_fields(model)
    names = [f.attname for f in fields]
    queryset = model._base_manager.order_by("pk").values_list(*names)
    extra = _extra_for(model)
    for values in queryset.iterator(chunk_size=BATCH):
        row = dict(zip(names, values, strict=True))
        if extra:
            row.update(extra(row))
        yield row


def _extra_for(model):
    """What a row needs beyond its columns, by natural key: ids differ between databases."""
    if model is User:
        groups = _names_by_id(User.groups.through, "user_id", "group__name")
        perms = _names_by_id(User.user_permissions.through, "user_id", "permission_id")
        keys = {p.pk: _permission_key(p) for p in Permission.objects.select_related("content_type")}
        return lambda row: {
            "groups": groups.get(row["id"], []),
            "user_permissions": sorted(keys[p] for p in perms.get(row["id"], [])),
        }
    if model is LogEntry:
        types = {ct.pk: [ct.app_label, ct.model] for ct in ContentType.objects.all()}
        return lambda row: {"content_type_id": types.get(row["content_type_id"])}
    return None


def _names_by_id(through, key: str, value: str) -> dict[int, list]:
    found: dict[int, list] = {}
    for owner, name in through.objects.order_by(key, value).values_list(key, value):
        found.setdefault(owner, []).append(name)
    return found


def _permission_key(permission: Permission) -> list[str]:
    return [permission.codename, permission.content_type.app_label, permission.content_type.model]


def _groups() -> list[dict]:
    return [
        {
            "name": group.name,
            "permissions": sorted(
                _permission_key(p) for p in group.permissions.select_related("content_type")
            ),
        }
        for group in Group.objects.order_by("name")
    ]


def _line(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True, default=_encode) + "\n"


def _encode(value):
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()  # microseconds kept, unlike DjangoJSONEncoder
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return str(value)


def _image_names() -> list[str]:
    from archive.models import Photo

    return list(
        Photo.objects.exclude(image="").order_by("image").values_list("image", flat=True).distinct()
    )


def applied_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


@contextmanager
def _entry(archive: zipfile.ZipFile, name: str, *, binary: bool = False):
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    with archive.open(info, "w", force_zip64=True) as raw:
        if binary:
            yield raw
        else:
            with io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as text:
                yield text
