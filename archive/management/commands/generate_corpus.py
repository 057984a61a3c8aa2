"""Write a synthetic newspaper run as raw page files, for benchmarks (benchmarks/corpus.py)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.benchmarks.corpus import Corpus, gold, render


class Command(BaseCommand):
    help = (
        "Write N articles as raw e-paper page files (2-5 articles a page, twenty years, ~2,000 "
        "reporters, ~20,000 speakers, each page from one of a dozen Shanghai papers with its own "
        "days and page labels) under --out, with gold.json describing them. The same --seed "
        "always writes the same files."
    )

    def add_arguments(self, parser):
        parser.add_argument("articles", type=int)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", required=True, help="an empty or new folder")
        parser.add_argument("--reporters", type=int, default=2000)
        parser.add_argument("--speakers", type=int, default=20000)

    def handle(self, *args, articles, seed, out, reporters, speakers, **options):
        if articles < 1:
            raise CommandError("N must be at least 1")
        folder = Path(out)
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"{out}: not a folder; give a new or empty folder")
        if folder.exists() and any(folder.iterdir()):
            raise CommandError(f"{out}: not empty; give a new or empty folder")
        corpus = Corpus(seed, reporters=max(reporters, 1), speakers=max(speakers, 1))
        labels, count = {}, 0
        for page in corpus.pages(articles):
            path = folder / page.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(page), encoding="utf-8")
            labels[Path(page.path).name] = gold(page)
            count += len(page.articles)
            if len(labels) % 10_000 == 0:
                self.stderr.write(f"… {count}/{articles} articles")
        (folder / "gold.json").write_text(
            json.dumps({"files": labels}, ensure_ascii=False), encoding="utf-8"
        )
        self.stdout.write(f"{out}: {count} articles on {len(labels)} pages, seed {seed}")
