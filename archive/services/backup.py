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
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from archive.caching import archive_changed_after_commit
from archive.services.counts import counts_recompute_all

FORMAT = "shanghai-newspaper-archive"
VERSION = 1
ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # every entry's time stamp: the same data, the same bytes
BATCH = 2000
SKIPPED_FIELDS = {"search_vector"}  # derived; rebuilt on the target
# Rows a migrated database already has, matched by these fields instead of by id.
MATCHED_BY = {"archive.district": "code", "auth.user": "username"}


class BackupError(Exception):
    """A file that is not an archive backup, or a target that cannot take it; nothing written."""


@dataclass
class RestoreResult:
    rows: dict[str, int] = field(default_factory=dict)
    media: int = 0


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
        "migrations": _migrations(),
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


def archive_import(path: Path) -> RestoreResult:
    """Restore a backup into this database, which must hold no articles, people or papers yet.

    All rows go in one transaction: a damaged file leaves the target as it was. The search
    tokens are rebuilt afterwards by the caller (``import_archive`` runs ``reindex_search``).
    """
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"{path}: 不是存档备份文件 (not a backup file: {error})") from None
    with archive:
        manifest = _manifest(archive)
        _check_target()
        result = RestoreResult()
        ids: dict[str, dict[int, int]] = {}
        try:
            with transaction.atomic(), _timestamps_as_given():
                _restore_groups(manifest["groups"])
                for entry in manifest["models"]:
                    model = apps.get_model(entry["model"])
                    rows = _read_rows(archive, entry)
                    count = _restore_model(model, rows, ids)
                    if count != entry["rows"]:
                        raise BackupError(
                            f"{entry['file']}: {count} 行，清单写的是 {entry['rows']} (truncated)"
                        )
                    result.rows[entry["model"]] = count
                _reset_sequences()
                counts_recompute_all()  # a backup from before the stored counts has none
                archive_changed_after_commit()  # pages stored while the archive was empty
        except (KeyError, TypeError, ValueError, json.JSONDecodeError) as error:
            raise BackupError(f"备份文件已损坏 (damaged backup): {error!r}") from None
        result.media = _restore_media(archive, manifest["media"])
    return result


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


def _fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS]


def _rows(model) -> Iterator[dict]:
    fields = _fields(model)
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


def _migrations() -> dict[str, str]:
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


# Import ----------------------------------------------------------------------------------------


def _manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError("不是存档备份文件：没有 manifest.json (no manifest)") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不是存档备份文件 (format {manifest.get('format')!r})")
    if manifest.get("version") != VERSION:
        raise BackupError(f"备份格式版本 {manifest.get('version')} 无法读取 (unknown version)")
    known = {m._meta.label_lower for m in backup_models()}
    unknown = [entry["model"] for entry in manifest["models"] if entry["model"] not in known]
    if unknown:
        raise BackupError(f"备份中有本数据库没有的表：{', '.join(unknown)}（请先升级并迁移）")
    for name in manifest["media"]:
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or f"media/{name}" not in archive.namelist():
            raise BackupError(f"备份中的图片文件名无效：{name} (unsafe or missing media path)")
    ours = _migrations()
    newer = [app for app, name in manifest["migrations"].items() if ours.get(app, "") < name]
    if newer:
        raise BackupError(
            f"备份来自更新的数据库结构（{', '.join(newer)}）：请先升级代码并运行 migrate"
        )
    return manifest


def _check_target() -> None:
    """Only the rows a migrated database starts with (districts, accounts) may be there."""
    for model in backup_models():
        if model._meta.label_lower not in MATCHED_BY and model._base_manager.exists():
            raise BackupError(
                f"目标数据库已有数据（{model._meta.verbose_name}）：恢复只能写入空的存档 "
                "(the target already holds data; restore into an empty, migrated database)"
            )


def _read_rows(archive: zipfile.ZipFile, entry: dict) -> Iterator[dict]:
    with archive.open(entry["file"]) as raw:
        for line in io.TextIOWrapper(raw, encoding="utf-8"):
            if line.strip():
                yield json.loads(line)


def _restore_groups(groups: list[dict]) -> None:
    for spec in groups:
        group, _ = Group.objects.get_or_create(name=spec["name"])
        group.permissions.set([_permission(key) for key in spec["permissions"]])


def _permission(key: list[str]) -> Permission:
    codename, app_label, model = key
    return Permission.objects.get_by_natural_key(codename, app_label, model)


def _restore_model(model, rows: Iterator[dict], ids: dict[str, dict[int, int]]) -> int:
    fields = {f.attname: f for f in _fields(model)}
    label = model._meta.label_lower
    count = 0
    batch: list = []
    for row in rows:
        count += 1
        extra = {k: row.pop(k) for k in ("groups", "user_permissions") if k in row}
        if model is LogEntry and row["content_type_id"] is not None:
            row["content_type_id"] = ContentType.objects.get_by_natural_key(
                *row["content_type_id"]
            ).pk
        unknown = set(row) - set(fields)
        if unknown:
            raise BackupError(f"{label}: 未知字段 {sorted(unknown)} (unknown fields)")
        values = {name: _decode(fields[name], value, ids) for name, value in row.items()}
        if label in MATCHED_BY:
            ids.setdefault(label, {})[row["id"]] = _match(model, values, MATCHED_BY[label], extra)
            continue
        batch.append(model(**values))
        if len(batch) >= BATCH:
            model._base_manager.bulk_create(batch)
            batch = []
    if batch:
        model._base_manager.bulk_create(batch)
    return count


def _decode(field_: models.Field, value, ids: dict[str, dict[int, int]]):
    if value is None or isinstance(field_, models.JSONField):
        return value
    if field_.is_relation:
        mapped = ids.get(field_.related_model._meta.label_lower)
        return mapped.get(value, value) if mapped else value
    return field_.to_python(value)


def _match(model, values: dict, key: str, extra: dict) -> int:
    """A row the target may already have (a district, an account of the same name): update it,
    or create it under its old id when that id is free."""
    existing = model._base_manager.filter(**{key: values[key]}).first()
    if existing is None:
        if model._base_manager.filter(pk=values["id"]).exists():
            values = {k: v for k, v in values.items() if k != "id"}
        existing = model._base_manager.create(**values)
    else:
        for name, value in values.items():
            if name != "id":
                setattr(existing, name, value)
        existing.save()
    if model is User:
        existing.groups.set(Group.objects.filter(name__in=extra.get("groups", [])))
        existing.user_permissions.set(
            [_permission(key) for key in extra.get("user_permissions", [])]
        )
    return existing.pk


def _reset_sequences() -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), backup_models())
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _restore_media(archive: zipfile.ZipFile, names: list[str]) -> int:
    restored = 0
    for name in names:  # checked safe in _manifest
        if default_storage.exists(name):
            continue
        saved = default_storage.save(name, ContentFile(archive.read(f"media/{name}")))
        restored += saved == name
    return restored


@contextmanager
def _timestamps_as_given():
    """created_at/updated_at are restored as they were, not set to the time of the restore."""
    switched = []
    for model in backup_models():
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                switched.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in switched:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add
