"""Uploaded files waiting between the preview and the import: on disk, one folder per upload,
bounded in total and expiring, so a session row never carries a file (one 60 MB upload once
made a 103 MB session row)."""

from __future__ import annotations

import json
import secrets
import shutil
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings

SESSION_KEY = "archive_upload"  # the session holds the folder's name, nothing else
EXPIRES = timedelta(hours=1)
STORE_LIMIT = 200 * 1024 * 1024  # all pending uploads together
MANIFEST = "upload.json"


class StoreFull(Exception):
    """More waiting uploads than the store holds; the editor is asked to try again later."""


@dataclass(frozen=True)
class Pending:
    files: list[tuple[str, bytes]]  # (the name it was uploaded with, its bytes)
    defaults: dict


def _root() -> Path:
    return Path(settings.ARCHIVE_UPLOAD_DIR)


def _folder(key: str) -> Path | None:
    """The folder of a key from the session, if the key is one this store could have made."""
    if not key or not key.isalnum():
        return None
    return _root() / key


def _expired(folder: Path, now: float) -> bool:
    try:
        return folder.stat().st_mtime < now - EXPIRES.total_seconds()
    except FileNotFoundError:
        return True


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.iterdir() if path.is_file())


def pending_sweep() -> int:
    """Remove expired uploads; return the bytes the others still take."""
    now, used = time.time(), 0
    for folder in _root().iterdir() if _root().is_dir() else []:
        if _expired(folder, now):
            shutil.rmtree(folder, ignore_errors=True)
        else:
            used += _size(folder)
    return used


def pending_save(*, user_id: int, files: list[tuple[str, bytes]], defaults: dict) -> str:
    size = sum(len(data) for _name, data in files)
    if pending_sweep() + size > STORE_LIMIT:
        raise StoreFull
    key = secrets.token_hex(16)
    folder = _root() / key
    folder.mkdir(parents=True)
    for number, (_name, data) in enumerate(files):
        (folder / f"{number}.txt").write_bytes(data)
    manifest = {"user": user_id, "names": [name for name, _data in files], "defaults": defaults}
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return key


def pending_load(*, key: str, user_id: int) -> Pending | None:
    """The upload under this key if it is the user's own and has not expired."""
    pending_sweep()
    folder = _folder(key)
    if folder is None or not folder.is_dir():
        return None
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest["user"] != user_id:
            return None
        files = [
            (name, (folder / f"{number}.txt").read_bytes())
            for number, name in enumerate(manifest["names"])
        ]
    except (OSError, ValueError, KeyError):
        return None
    return Pending(files=files, defaults=manifest["defaults"])


def pending_discard(key: str | None) -> None:
    folder = _folder(key or "")
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
