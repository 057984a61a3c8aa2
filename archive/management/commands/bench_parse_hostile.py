"""Time the parser on hostile page shapes at two sizes, beside ordinary pages of the same sizes.

Why: the parse must be linear in its input whatever a file holds (a quote opening repeated
24,000 times once took over 30 s), and a 2 MB file of any shape must parse within 2 s. The
figures are seconds per MB at each size and the ratio of the two times (about 4 for four times
the text: linear; 16: quadratic). A parse that reaches ``--budget`` seconds is stopped as the
import would stop it, and reported as such.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.benchmarks.hostile import SHAPES, hostile_page, ordinary_page
from archive.ingest import budget
from archive.ingest.parser import parse_text
from archive.ingest.types import IngestError

MB = 1024 * 1024


class Command(BaseCommand):
    help = "Benchmark the parser on hostile page shapes (seconds per MB, linearity)."

    def add_arguments(self, parser):
        parser.add_argument("--small", type=float, default=0.5, help="MB (default 0.5)")
        parser.add_argument("--large", type=float, default=2.0, help="MB (default 2)")
        parser.add_argument("--budget", type=float, default=10.0, help="seconds per parse")
        parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only these")

    def handle(self, *args, small, large, budget: float, shape, **options):
        if not 0 < small < large:
            raise CommandError(
                f"--small and --large: 0 < small < large MB, not {small} and {large}"
            )
        sizes = (int(small * MB), int(large * MB))
        self.stdout.write(
            f"{'shape':24s} {'s/MB @' + str(small):>10s} {'s/MB @' + str(large):>10s} "
            f"{'time ratio':>10s}  (text ×{large / small:g}; linear ≈ ×{large / small:g})"
        )
        seeds = settings.BASE_DIR / "seeds"
        rows = [("ordinary pages", lambda size: ordinary_page(seeds, size))]
        rows += [(name, _maker(name)) for name in sorted(shape or SHAPES)]
        for name, make in rows:
            timings = [_timed(make(size), budget) for size in sizes]
            per_mb = [
                f"{seconds / (size / MB):10.3f}"
                for seconds, size in zip(timings, sizes, strict=True)
            ]
            stopped = " (stopped at the budget)" if max(timings) >= budget else ""
            ratio = timings[1] / max(timings[0], 1e-6)
            self.stdout.write(f"{name:24s} {per_mb[0]} {per_mb[1]} {ratio:10.1f}{stopped}")


def _maker(shape: str):
    return lambda size: hostile_page(shape, size)


def _timed(text: str, seconds: float) -> float:
    started = time.perf_counter()
    try:
        with budget.within(seconds):
            parse_text(text)
    except IngestError:
        pass  # stopped at the budget, or nothing recognisable: either way, timed
    return time.perf_counter() - started
