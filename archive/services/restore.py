"""Restoring a backup written by ``archive_export`` (``archive/services/backup.py``).

A backup may come from anywhere, so a restore trusts nothing in it:
- **accounts** (users, their groups and permissions, the admin's log, which names users) are
  restored only when asked (``with_accounts``) and only into a database without accounts, so no
  existing password, superuser flag or group is ever changed; without them the history keeps its
  rows with no user. Groups the database already has keep their permissions.
- **sizes**: no row longer than ``MAX_ROW_BYTES``, no image larger than ``MAX_MEDIA_BYTES``, no
  entry that inflates more than ``MAX_INFLATION`` times past ``INFLATION_FLOOR_BYTES`` (a zip
  bomb), no manifest over ``MAX_MANIFEST_BYTES``, nothing over ``MAX_TOTAL_BYTES`` in all;
- **names and files**: a media name (in the manifest or a photo's row) is a relative path with
  forward slashes and no ``..``, in either separator's reading; the only files written are the
  images the restored photos name, so a backup cannot put a page of its own on the site;
- **one transaction**: every row, the search index and the image files go in together, so a
  restore that fails (a damaged row or image, a killed process) leaves no row behind and can
  simply be run again;
- every refusal is a ``BackupError`` with a message, never a traceback.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction

from archive.cache.versions import archive_changed_after_commit
from archive.models import Article
from archive.search import article_index
from archive.selectors import article_for_index
from archive.services.backup import (
    BATCH,
    FORMAT,
    MATCHED_BY,
    VERSION,
    BackupError,
    applied_migrations,
    backed_up_fields,
    backup_models,
)
from archive.services.counts import counts_recompute_all

MAX_ROW_BYTES = 64 * 1024 * 1024  # an article of a 2 MB file with its tokens is far below
MAX_MEDIA_BYTES = 64 * 1024 * 1024  # an upload is at most 25 MB
MAX_INFLATION = 200  # text deflates 3-10 times; more is a bomb
INFLATION_FLOOR_BYTES = 16 * 1024 * 1024
INDEX_BATCH = 500
MAX_MANIFEST_BYTES = 16 * 1024 * 1024  # a million photos' names fit in far less
MAX_TOTAL_BYTES = 256 * 1024**3  # everything expanded: far above any archive, far below a bomb
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".bmp")
# A backup's own damage (a bad CRC, a manifest of the wrong shape, JSON nested without end).
DAMAGED = (
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
    RecursionError,
    json.JSONDecodeError,
    zipfile.BadZipFile,
)
# What the database or the file system refuses to write.
REFUSED = (DatabaseError, ValidationError, ObjectDoesNotExist, LookupError, OSError)
ACCOUNT_MODELS = {"auth.user", "admin.logentry"}


@dataclass
class RestoreResult:
    rows: dict[str, int] = field(default_factory=dict)
    media: int = 0
    indexed: int = 0
    accounts: list[str] = field(default_factory=list)  # created: "name (superuser, staff)"
    skipped: dict[str, int] = field(default_factory=dict)  # rows not restored, by model


def archive_import(path: Path, *, with_accounts: bool = False) -> RestoreResult:
    """Restore a backup into this database, which must hold no articles, people or papers yet
    (and no accounts, ``with_accounts``); rows and search index in one transaction."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"{path}: 不是存档备份文件 (not a backup file: {error})") from None
    with archive:
        try:
            manifest = _manifest(archive)
            _check_target(with_accounts=with_accounts)
            result = RestoreResult()
            with transaction.atomic(), _timestamps_as_given():
                _restore_rows(archive, manifest, result, with_accounts=with_accounts)
                _reset_sequences()
                counts_recompute_all()  # a backup from before the stored counts has none
                result.indexed = _index_all()
                # Last, still inside the transaction: a damaged or clashing image file undoes
                # the rows too, so the restore can be run again.
                result.media = _restore_media(archive, manifest["media"])
                archive_changed_after_commit()  # pages stored while the archive was empty
        except DAMAGED as error:
            raise BackupError(f"备份文件已损坏 (damaged backup): {error!r}") from None
        except REFUSED as error:
            raise BackupError(
                f"备份中的数据无法写入 (rows the database refuses): {error}"
            ) from None
    return result


def _restore_rows(
    archive: zipfile.ZipFile, manifest: dict, result: RestoreResult, *, with_accounts: bool
) -> None:
    ids: dict[str, dict[int, int | None]] = {}
    if with_accounts:
        _restore_groups(manifest["groups"])
    else:
        ids["auth.user"] = {}  # every reference to an account is left empty
    for entry in manifest["models"]:
        label = entry["model"]
        if label in ACCOUNT_MODELS and not with_accounts:
            result.skipped[label] = entry["rows"]
            continue
        model = apps.get_model(label)
        count = _restore_model(model, _read_rows(archive, entry), ids)
        if count != entry["rows"]:
            raise BackupError(
                f"{entry['file']}: {count} 行，清单写的是 {entry['rows']} (truncated)"
            )
        result.rows[label] = count
    if with_accounts:
        result.accounts = [_describe(user) for user in User.objects.order_by("username")]


def _index_all() -> int:
    """The search tokens of every restored article, for this database's engine, a batch of
    ``INDEX_BATCH`` at a time (an article's people and places are read with it)."""
    ids = list(Article.objects.order_by("id").values_list("id", flat=True))
    return sum(
        article_index(article_for_index().filter(id__in=ids[start : start + INDEX_BATCH]))
        for start in range(0, len(ids), INDEX_BATCH)
    )


def _describe(user: User) -> str:
    flags = [flag for flag in ("superuser", "staff") if getattr(user, f"is_{flag}")]
    return f"{user.username} ({', '.join(flags)})" if flags else user.username


def _manifest(archive: zipfile.ZipFile) -> dict:
    _check_sizes(archive)
    try:
        if archive.getinfo("manifest.json").file_size > MAX_MANIFEST_BYTES:
            raise BackupError("manifest.json 过大 (an oversized manifest: not a backup)")
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError("不是存档备份文件：没有 manifest.json (no manifest)") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("不是存档备份文件 (not this archive's backup format)")
    _check_shape(manifest)
    if manifest.get("version") != VERSION:
        raise BackupError(f"备份格式版本 {manifest.get('version')} 无法读取 (unknown version)")
    known = {m._meta.label_lower for m in backup_models()}
    unknown = [entry["model"] for entry in manifest["models"] if entry["model"] not in known]
    if unknown:
        raise BackupError(f"备份中有本数据库没有的表：{', '.join(unknown)}（请先升级并迁移）")
    names = set(archive.namelist())
    for name in manifest["media"]:
        if not _safe_media_name(name) or f"media/{name}" not in names:
            raise BackupError(f"备份中的图片文件名无效：{name} (unsafe or missing media path)")
    ours = applied_migrations()
    newer = [app for app, name in manifest["migrations"].items() if ours.get(app, "") < name]
    if newer:
        raise BackupError(
            f"备份来自更新的数据库结构（{', '.join(newer)}）：请先升级代码并运行 migrate"
        )
    return manifest


def _check_shape(manifest: dict) -> None:
    """The manifest's parts have the types the restore reads them as."""
    entries, media = manifest.get("models"), manifest.get("media")
    migrations, groups = manifest.get("migrations"), manifest.get("groups")
    well_formed = (
        isinstance(entries, list)
        and all(
            isinstance(e, dict)
            and isinstance(e.get("model"), str)
            and isinstance(e.get("file"), str)
            and isinstance(e.get("rows"), int)
            for e in entries
        )
        and isinstance(media, list)
        and isinstance(migrations, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in migrations.items())
        and isinstance(groups, list)
    )
    if not well_formed:
        raise BackupError("备份清单格式不对 (the manifest is not shaped as a backup's)")


def _safe_media_name(name) -> bool:
    """A relative path below the media folder, read with either separator."""
    if not isinstance(name, str) or not name or "\\" in name or ":" in name or "\x00" in name:
        return False
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    return not (
        posix.is_absolute() or windows.is_absolute() or ".." in posix.parts or windows.drive
    )


def _check_sizes(archive: zipfile.ZipFile) -> None:
    if sum(info.file_size for info in archive.infolist()) > MAX_TOTAL_BYTES:
        raise BackupError(f"解压后过大 (over {MAX_TOTAL_BYTES // 1024**3} GB expanded)")
    for info in archive.infolist():
        limit = MAX_MEDIA_BYTES if info.filename.startswith("media/") else None
        if limit and info.file_size > limit:
            raise BackupError(f"{info.filename}: 图片过大 (image over {limit // 2**20} MB)")
        inflation = info.file_size / max(info.compress_size, 1)
        if info.file_size > INFLATION_FLOOR_BYTES and inflation > MAX_INFLATION:
            raise BackupError(
                f"{info.filename}: 解压后过大 (inflates {inflation:.0f} times: not a backup)"
            )


def _check_target(*, with_accounts: bool) -> None:
    """Only the rows a migrated database starts with (districts, groups, accounts) may be
    there; and no account at all when the backup's accounts are to be restored."""
    for model in backup_models():
        label = model._meta.label_lower
        if label not in MATCHED_BY and model._base_manager.exists():
            raise BackupError(
                f"目标数据库已有数据（{model._meta.verbose_name}）：恢复只能写入空的存档 "
                "(the target already holds data; restore into an empty, migrated database)"
            )
    if with_accounts and (count := User.objects.count()):
        raise BackupError(
            f"目标数据库已有 {count} 个账户：--with-accounts 只能恢复到没有账户的数据库 "
            "(accounts are restored only into a database without any; no account is ever "
            "overwritten; restore without --with-accounts to keep this database's accounts)"
        )


def _read_rows(archive: zipfile.ZipFile, entry: dict) -> Iterator[dict]:
    with archive.open(entry["file"]) as raw:
        while line := raw.readline(MAX_ROW_BYTES + 1):  # bytes, however wide the characters
            if len(line) > MAX_ROW_BYTES:
                raise BackupError(f"{entry['file']}: 一行超过 {MAX_ROW_BYTES // 2**20} MB")
            if line.strip():
                row = json.loads(line.decode("utf-8"))
                if not isinstance(row, dict):
                    raise BackupError(f"{entry['file']}: 行不是对象 (a row is not an object)")
                yield row


def _restore_groups(groups: list[dict]) -> None:
    """Groups this database lacks, with their permissions; the ones it has keep their own."""
    for spec in groups:
        group, created = Group.objects.get_or_create(name=spec["name"])
        if created:
            group.permissions.set([_permission(key) for key in spec["permissions"]])


def _permission(key: list[str]) -> Permission:
    codename, app_label, model = key
    return Permission.objects.get_by_natural_key(codename, app_label, model)


def _restore_model(model, rows: Iterator[dict], ids: dict[str, dict[int, int | None]]) -> int:
    fields = {f.attname: f for f in backed_up_fields(model)}
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


def _decode(field_: models.Field, value, ids: dict[str, dict[int, int | None]]):
    if value is None or isinstance(field_, models.JSONField):
        return value
    if isinstance(field_, models.FileField) and value and not _safe_media_name(value):
        raise BackupError(f"备份中的图片文件名无效：{value} (unsafe media path in a row)")
    if field_.is_relation:
        mapped = ids.get(field_.related_model._meta.label_lower)
        if mapped is None:
            return value
        return mapped.get(value)  # a mapped model: an id the backup did not restore is no link
    if isinstance(field_, models.BinaryField):  # written as hex (backup._encode)
        try:
            return bytes.fromhex(value)
        except (TypeError, ValueError) as error:
            raise BackupError(f"备份中的二进制值无效 (bad hex in a row): {error}") from error
    return field_.to_python(value)


def _match(model, values: dict, key: str, extra: dict) -> int:
    """A row the target may already have (a district): update it; an account (only into a
    database without any): create it under its old id when that id is free."""
    existing = model._base_manager.filter(**{key: values[key]}).first()
    if model is User and existing is not None:  # a backup naming one account twice
        raise BackupError(f"账户 {values[key]} 已存在 (an account would be overwritten)")
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
    """The image files the restored photos name (and no other file), each read whole, so a
    damaged one fails the restore before it commits."""
    from archive.models import Photo

    referred = set(Photo.objects.values_list("image", flat=True)) | set(
        Photo.objects.values_list("thumbnail", flat=True)
    )
    restored = 0
    for name in names:  # checked safe in _manifest
        if name not in referred or not name.lower().endswith(IMAGE_SUFFIXES):
            raise BackupError(f"备份中的文件不是照片的图片：{name} (a media file no photo names)")
        data = archive.read(f"media/{name}")  # a bad CRC raises here
        if default_storage.exists(name):
            continue
        saved = default_storage.save(name, ContentFile(data))
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
