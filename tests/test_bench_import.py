"""bench_import: every stage timed in one run, beside the naive ways, and nothing left behind."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Article

pytestmark = pytest.mark.django_db


def test_every_stage_is_timed_beside_the_naive_way_and_rolled_back():
    out = StringIO()
    call_command("bench_import", "--articles", "6", "--workers", "2", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("6 articles of ~2000 characters")
    rows = [re.fullmatch(r"\s+(.+?)\s+([\d.]+) articles/s", line) for line in lines[1:]]
    rates = {row[1]: float(row[2]) for row in rows if row}
    assert set(rates) >= {
        "parse (rules)",
        "parse (rules + recogniser, as imported)",
        "naive: parse + recogniser on every sentence",
        "end to end, one process",
        "end to end, --workers 2",
        "naive: end to end, file by file, row by row",
    }
    assert all(rate > 0 for rate in rates.values())
    corpus = next(n for n, line in enumerate(lines) if "generated pages" in line)
    assert re.match(r"\d+ articles on \d+ generated pages", lines[corpus])
    on_pages = [re.fullmatch(r"\s+(.+?)\s+([\d.]+) articles/s", line) for line in lines[corpus:]]
    assert [row[1] for row in on_pages if row] == [
        "one process",
        "--workers 2",
        "--workers 2, without the character index",
        "naive: file by file, row by row",
    ]
    assert any(line.startswith("  the character index costs --workers 2") for line in lines)
    assert any("batches vs row by row" in line and line.endswith("x faster") for line in lines)
    assert any(line.startswith("  recogniser where the rules stop vs on every") for line in lines)
    assert Article.objects.count() == 0  # every write rolled back
