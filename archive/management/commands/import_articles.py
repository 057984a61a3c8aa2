"""Import raw newspaper text files into the archive.

Why a command: archivists have folders of OCR'd or copied pages; this turns them into articles,
people and districts without retyping. Each file is one transaction; a bad file is reported by
name and the others still import; re-running changes nothing.
"""

import dataclasses
import datetime
import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.cache.versions import pending_change_notice
from archive.ingest.parser import Defaults
from archive.models import Article
from archive.models.articles import UNTITLED
from archive.services import (
    FileResult,
    Missing,
    Outcome,
    article_missing,
    file_import,
    file_report,
    summarize,
)
from archive.services.batches import Source, files_import
from archive.services.imports import statistics_refresh

PROGRESS_EVERY = 50
MAX_WORKERS = 64


class Command(BaseCommand):
    help = "导入报纸文章原文（.txt 文件或文件夹）。Import raw article text files or folders."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files, or folders searched for *.txt")
        parser.add_argument("--publication", help="newspaper name, e.g. 解放日报")
        parser.add_argument("--date", help="publication date, YYYY-MM-DD")
        parser.add_argument("--page", help="page (版次), e.g. 3 or A2")
        parser.add_argument(
            "--update", action="store_true", help="re-parse sources already imported"
        )
        parser.add_argument("--dry-run", action="store_true", help="parse only, write nothing")
        parser.add_argument(
            "--json", action="store_true", help="with --dry-run: print the parse as JSON"
        )
        parser.add_argument(
            "--status",
            choices=Article.Status.values,
            default=Article.Status.PUBLISHED,
            help="status of new articles (default: published)",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="send the files to the Celery workers (REDIS_URL) and report what they did",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="processes that parse and tokenize while this one writes (default: 1)",
        )

    def handle(self, *args, **options):
        if options["json"] and not options["dry_run"]:
            raise CommandError("--json only goes with --dry-run")
        if options["queue"] and options["dry_run"]:
            raise CommandError("--dry-run parses here; --queue is for writing")
        if options["queue"] and not settings.REDIS_URL:
            raise CommandError("--queue needs REDIS_URL, the Redis the workers listen to")
        if not 1 <= options["workers"] <= MAX_WORKERS:
            raise CommandError(f"--workers takes 1 to {MAX_WORKERS}")
        defaults = Defaults(
            publication=options["publication"],
            published_on=_valid_date(options["date"]),
            page=options["page"],
        )
        files = collect_files(options["paths"])
        report = self.stderr if options["json"] else self.stdout
        work = dict(defaults=defaults, update=options["update"], status=options["status"])
        results: list[FileResult] = []
        if options["queue"]:
            reports = queued_import(files, **work)
        else:
            reports = local_import(
                files, dry_run=options["dry_run"], workers=options["workers"], keep=results, **work
            )
        counts: Counter = Counter()  # as it goes: a million files' reports held took a GB
        progress = Progress(self.stderr, total=len(files))
        for file in reports:
            counts.update(summarize([file]))
            progress.clear()
            self._report(file, report, verbose=options["verbosity"] > 1)
            progress.advance(articles=len(file["articles"]))
        progress.finish()
        if options["json"]:
            self.stdout.write(json.dumps(dry_run_json(results), ensure_ascii=False, indent=2))
        summary = (
            f"{counts['files']} files: {counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['kept']} kept (edited by hand), "
            f"{counts['parsed']} parsed (dry run), {counts['failed']} failed"
        )
        report.write(summary)
        report.write(missing_summary(counts))
        statistics_refresh(created=counts["created"])
        if notice := pending_change_notice("the articles are"):
            self.stderr.write(notice)
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) could not be imported")

    def _report(self, file: dict, out, *, verbose: bool) -> None:
        """One file's ``file_report``: warnings, failure, what its articles lack, kept ones."""
        source = file["source"]
        for warning in file["warnings"]:
            self.stderr.write(f"{source}: 警告 {warning}")
        if file["error"]:
            self.stderr.write(f"{source}: 失败 {file['error']}")
            return
        for article in file["articles"]:
            line = f"{source}: 《{article['title'] or UNTITLED}》"
            if missing := [Missing(m) for m in article["missing"]]:
                out.write(f"{line} {missing_note(missing)}")
            if article["outcome"] == Outcome.KEPT:
                out.write(f"{line} 已被编辑修改，未覆盖 (edited by hand; kept)")
            elif verbose:
                out.write(f"{line} {article['outcome'] or 'parsed'}")


def missing_note(missing: list[Missing]) -> str:
    """``未找到：署名、日期 (no byline, no date)``"""
    labels = "、".join(m.label for m in missing)
    return f"未找到：{labels} (" + ", ".join(f"no {m}" for m in missing) + ")"


def missing_summary(counts) -> str:
    """``12 articles without a byline, 30 without a date, 3 without a publication, 2 without
    a headline``"""
    articles = "article" if counts["no_byline"] == 1 else "articles"
    return (
        f"{counts['no_byline']} {articles} without a byline, {counts['no_date']} without a date, "
        f"{counts['no_publication']} without a publication, "
        f"{counts['no_headline']} without a headline"
    )


class Progress:
    """Files done, articles a second and the time left: one line redrawn on a terminal, a plain
    line every PROGRESS_EVERY files otherwise (a log, a pipe)."""

    def __init__(self, out, *, total: int) -> None:
        self.out, self.total = out, total
        self.terminal = out.isatty()
        self.files = self.articles = 0
        self.start = time.monotonic()
        self.drawn = False

    def advance(self, *, articles: int) -> None:
        self.files += 1
        self.articles += articles
        if self.terminal:
            self.out.write(f"\r\033[K{self.line()}", ending="")
            self.out.flush()
            self.drawn = True
        elif self.total > PROGRESS_EVERY and self.files % PROGRESS_EVERY == 0:
            self.out.write(f"… {self.line()}")

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-6)
        left = (self.total - self.files) * elapsed / self.files
        return (
            f"{self.files}/{self.total} files, {self.articles} articles, "
            f"{self.articles / elapsed:.0f} articles/s, "
            f"ETA {datetime.timedelta(seconds=round(left))}"
        )

    def clear(self) -> None:
        """Before other output, so it does not run into the progress line."""
        if self.drawn:
            self.out.write("\r\033[K", ending="")
            self.drawn = False

    def finish(self) -> None:
        if self.drawn:
            self.out.write("")


def local_import(
    files: list[Path], *, keep: list[FileResult], workers: int, **options
) -> Iterator[dict]:
    """Each file imported here (parsed in ``workers`` processes), in order, with one cache of
    people for the run; with ``dry_run`` the results are kept in ``keep`` (for ``--json``)."""
    for result in files_import(map(_source, files), workers=workers, **options):
        if options.get("dry_run"):
            keep.append(result)
        yield file_report(result)


def _source(path: Path) -> Source:
    try:
        return Source(name=str(path), data=path.read_bytes())
    except OSError as error:
        return Source(name=str(path), error=f"无法读取 (cannot read): {error.strerror}")


def queued_import(files: list[Path], *, defaults: Defaults, **options) -> Iterator[dict]:
    """Send every file to the workers, then each one's report as it is done, in order."""
    from archive.tasks import import_file  # loads Celery only when it is used

    sent = []
    for source in map(_source, files):
        if source.error:
            sent.append((source.name, file_report(FileResult(source.name, error=source.error))))
            continue
        task = import_file.apply_async(
            kwargs=dict(source=source.name, data=source.data, defaults=dataclasses.asdict(defaults))
            | options,
            queue=settings.CELERY_TASK_DEFAULT_QUEUE,
        )
        sent.append((source.name, task))
    for name, task in sent:
        yield task if isinstance(task, dict) else _task_report(name, task)


def _task_report(source: str, task) -> dict:
    from celery.exceptions import TimeoutError as NoAnswer

    try:
        return task.get(timeout=settings.ARCHIVE_QUEUE_WAIT)
    except NoAnswer:
        message = (
            f"{settings.ARCHIVE_QUEUE_WAIT} 秒内无工作进程完成，仍在队列中 "
            f"(no worker finished it within {settings.ARCHIVE_QUEUE_WAIT} s; still queued)"
        )
    except Exception as error:  # raised in the worker: this file failed, the others go on
        message = f"工作进程出错 (worker error): {type(error).__name__}: {error}"
    return file_report(FileResult(source=source, error=message))


def path_import(path: Path, **options) -> FileResult:
    """Read one file and import it (or only parse it, with ``dry_run``); ``options`` are
    ``file_import``'s. A file that cannot be read is a failed result, like a bad file."""
    source = _source(path)
    if source.error:
        return FileResult(source=source.name, error=source.error)
    return file_import(source=source.name, data=source.data, **options)


def dry_run_json(results: list[FileResult]) -> list[dict]:
    """The parse as ``--dry-run --json`` prints it: one object per article, with what it lacks."""
    return [
        article.as_json(source=result.source)
        | {"missing": [str(m) for m in article_missing(article)]}
        for result in results
        for article, _outcome in result.articles
    ]


def _valid_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise CommandError(f"--date {value!r} is not a date in the form YYYY-MM-DD") from None


def collect_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file())
            texts = [p for p in found if p.suffix.lower() == ".txt"]
            if not texts:
                others = f" ({len(found)} other files: only .txt files are read)" if found else ""
                raise CommandError(f"{name}: no .txt files in this folder{others}")
            files.extend(texts)
        elif path.exists():
            files.append(path)
        else:
            raise CommandError(f"{name}: no such file or folder")
    return files
