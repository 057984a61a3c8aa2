"""Measure the parser against hand-labelled pages.

Why: a parser tuned on the seeds can look perfect and read real pages half right. This parses
files exactly as ``import_articles --dry-run`` does (the same function, no database) and scores
the parse against a gold file with ``archive.ingest.evaluation``: precision, recall and F1 per
category, the overall entity F1 last. ``--min-f1`` makes it a gate for CI.
"""

import argparse
import json
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.evaluation import evaluate
from archive.management.commands.import_articles import collect_files, dry_run_json, path_import


class Command(BaseCommand):
    help = "用标注好的金标准评估解析器。Score the parser against a hand-labelled gold file."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # A bare -v lists the misses, as the annotators' scorer does; --verbosity keeps its meaning.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files, or folders searched for *.txt")
        parser.add_argument("--gold", required=True, help='gold JSON: {"files": {name: …}}')
        parser.add_argument(
            "-v", "--verbose", action="store_true", help="list the misses and spurious entries"
        )
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument(
            "--min-f1", type=float, help="exit non-zero when the overall F1 is below this"
        )
        parser.add_argument(
            "--range",
            type=_file_number_ranges,
            metavar="A-B[,C-D]",
            help="score only the gold files numbered A to B (d39.txt is 39): 39-87, 1-26,39-58",
        )

    def handle(self, *args, **options):
        gold = _load_gold(options["gold"])
        files = collect_files(options["paths"])
        if options["range"]:
            gold["files"] = _numbered_within(gold["files"], options["range"])
            files = [path for path in files if path.name in gold["files"]]
        results = [path_import(path, dry_run=True) for path in files]
        for result in results:
            if result.error:
                self.stderr.write(f"{result.source}: 失败 {result.error}")
        unparsed = sorted(set(gold["files"]) - {path.name for path in files})
        if unparsed:
            self.stderr.write(
                f"{len(unparsed)} gold file(s) not among the paths, scored as all missed: "
                + ", ".join(unparsed[:10])
                + (" …" if len(unparsed) > 10 else "")
            )
        evaluation = evaluate(gold, dry_run_json(results))
        if options["json"]:
            self.stdout.write(json.dumps(evaluation.as_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(evaluation.lines(verbose=options["verbose"])))
            if note := evaluation.untitled_note():
                self.stderr.write(note)  # stdout stays line for line what score.py prints
        f1, floor = evaluation.overall.f1, options["min_f1"]
        if floor is not None and f1 < floor:
            raise CommandError(f"overall entity F1 {f1:.3f} is below the floor {floor}")


def _load_gold(name: str) -> dict:
    try:
        gold = json.loads(Path(name).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"--gold {name}: cannot read the gold file ({error})") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("files"), dict):
        raise CommandError(f'--gold {name}: expected {{"files": {{name: labels}}}}')
    return gold


def _file_number_ranges(value: str) -> list[tuple[int, int]]:
    bounds = []
    for part in value.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", part)
        if not match or int(match[1]) > int(match[2]):
            raise argparse.ArgumentTypeError(
                f"expected A-B with A ≤ B (several joined by commas), e.g. 39-87, not {value!r}"
            )
        bounds.append((int(match[1]), int(match[2])))
    return bounds


def _numbered_within(files: dict, ranges: list[tuple[int, int]]) -> dict:
    """The gold files whose name's digits fall within a range (as the annotators' scorer)."""
    within = {}
    for name, labels in files.items():
        digits = re.sub(r"\D", "", name)
        if digits and any(low <= int(digits) <= high for low, high in ranges):
            within[name] = labels
    return within
