"""Import raw newspaper text files into the archive.

Why a command: archivists have folders of OCR'd or copied pages; this turns them into articles,
people and districts without retyping. Each file is one transaction; a bad file is reported by
name and the others still import; re-running changes nothing.
"""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.parser import Defaults
from archive.models import Article
from archive.services import (
    FileResult,
    ImportCache,
    Missing,
    Outcome,
    article_missing,
    file_import,
    summarize,
)

PROGRESS_EVERY = 50


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

    def handle(self, *args, **options):
        if options["json"] and not options["dry_run"]:
            raise CommandError("--json only goes with --dry-run")
        defaults = Defaults(
            publication=options["publication"],
            published_on=_valid_date(options["date"]),
            page=options["page"],
        )
        files = collect_files(options["paths"])
        report = self.stderr if options["json"] else self.stdout
        results = []
        cache = ImportCache()
        for number, path in enumerate(files, start=1):
            result = path_import(
                path,
                defaults=defaults,
                update=options["update"],
                dry_run=options["dry_run"],
                status=options["status"],
                cache=cache,
            )
            results.append(result)
            self._report(result, report, verbose=options["verbosity"] > 1)
            if len(files) > PROGRESS_EVERY and number % PROGRESS_EVERY == 0:
                self.stderr.write(f"… {number}/{len(files)} files")
        if options["json"]:
            self.stdout.write(json.dumps(dry_run_json(results), ensure_ascii=False, indent=2))
        counts = summarize(results)
        summary = (
            f"{counts['files']} files: {counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['kept']} kept (edited by hand), "
            f"{counts['parsed']} parsed (dry run), {counts['failed']} failed"
        )
        report.write(summary)
        report.write(missing_summary(counts))
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) could not be imported")

    def _report(self, result, out, *, verbose: bool) -> None:
        for warning in result.warnings:
            self.stderr.write(f"{result.source}: 警告 {warning}")
        if result.error:
            self.stderr.write(f"{result.source}: 失败 {result.error}")
            return
        for article, outcome in result.articles:
            if missing := article_missing(article):
                out.write(f"{result.source}: 《{article.title}》 {missing_note(missing)}")
            if outcome is Outcome.KEPT:
                out.write(
                    f"{result.source}: 《{article.title}》 已被编辑修改，未覆盖 "
                    "(edited by hand; kept)"
                )
            elif verbose:
                label = outcome.value if outcome else "parsed"
                out.write(f"{result.source}: 《{article.title}》 {label}")


def missing_note(missing: list[Missing]) -> str:
    """``未找到：署名、日期 (no byline, no date)``"""
    labels = "、".join(m.label for m in missing)
    return f"未找到：{labels} (" + ", ".join(f"no {m}" for m in missing) + ")"


def missing_summary(counts) -> str:
    """``12 articles without a byline, 30 without a date, 3 without a publication``"""
    articles = "article" if counts["no_byline"] == 1 else "articles"
    return (
        f"{counts['no_byline']} {articles} without a byline, {counts['no_date']} without a date, "
        f"{counts['no_publication']} without a publication"
    )


def path_import(path: Path, **options) -> FileResult:
    """Read one file and import it (or only parse it, with ``dry_run``); ``options`` are
    ``file_import``'s. A file that cannot be read is a failed result, like a bad file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return FileResult(source=str(path), error=f"无法读取 (cannot read): {error.strerror}")
    return file_import(source=str(path), data=data, **options)


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
