"""``import_articles`` as an archivist runs it."""

import json
import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path
from subprocess import PIPE

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent

JSON_KEYS = [
    "source",
    "title",
    "kicker",
    "subtitle",
    "column",
    "original_title",
    "publication",
    "published_on",
    "page",
    "bylines",
    "photos",
    "quotes",
    "districts",
    "sections",
    "source_url",
    "source_kind",
    "accessed_on",
    "body",
    "missing",
]
PAGE = "两会召开\n\n■记者 方圆\n\n本报讯 杨浦区委书记赵刚表示，要抓好落实。\n"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_articles", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_seeds_then_again_reports_unchanged(seeds_dir):
    out, _ = run(str(seeds_dir))
    assert "5 files: 13 created" in out
    out, _ = run(str(seeds_dir))
    assert "13 unchanged" in out and "0 created" in out
    assert Article.objects.published().count() == 13


def test_dry_run_json_prints_only_the_parse_and_writes_nothing(seeds_dir, capsys):
    path = next(seeds_dir.glob("003_*.txt"))
    out, err = run("--dry-run", "--json", str(path))
    payload = json.loads(out)
    assert [list(article) for article in payload] == [JSON_KEYS] * 3
    assert payload[0]["source"] == str(path)
    assert payload[0]["bylines"] == [
        {"name": "祝越", "role": "记者"},
        {"name": "王宛艺", "role": "记者"},
    ]
    assert payload[2]["photos"] == [
        {
            "caption": "中共一大纪念馆开馆以来已成为党史学习教育的生动课堂。",
            "credit": "本报记者 袁婧摄",
            "photographer": "袁婧",
        }
    ]
    assert payload[0]["quotes"][0] == {
        "speaker": "严爱云",
        "title": "中共上海市委党史研究室主任",
        "text": payload[0]["quotes"][0]["text"],
        "direct": False,
    }
    assert "3 parsed (dry run)" in err
    assert Article.objects.count() == 0


def test_options_and_front_matter(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "---\npublication: 新民晚报\ndate: 2021-05-01\n---\n" + PAGE.replace("两会", "三会"),
        encoding="utf-8",
    )
    run(str(tmp_path), "--publication", "杨浦时报", "--date", "2019-12-10", "--page", "3")
    a, b = Article.objects.order_by("title")
    assert (a.title, a.publication.name, str(a.published_on), a.page) == (
        "三会召开",
        "新民晚报",
        "2021-05-01",
        "3",
    )
    assert (b.title, b.publication.name, str(b.published_on), b.page) == (
        "两会召开",
        "杨浦时报",
        "2019-12-10",
        "3",
    )


def test_bad_files_are_named_the_rest_import_and_the_exit_is_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "good.txt").write_bytes(PAGE.encode("gb18030"))
    err = StringIO()
    with pytest.raises(CommandError, match="2 file"):
        call_command("import_articles", str(tmp_path), stdout=StringIO(), stderr=err)
    assert "empty.txt: 失败 文件为空" in err.getvalue()
    assert "image.txt: 失败 二进制文件" in err.getvalue()
    assert Article.objects.get().title == "两会召开"


POISONED = {
    "000-front.txt": "---\ndate: 2022-02-30\n---\n" + PAGE.replace("两会", "一会"),
    "001-page.txt": "2022年13月45日 星期四\n\n" + PAGE.replace("两会", "二会"),
}


def test_impossible_dates_before_good_files_are_warnings_and_every_file_imports(
    tmp_path, seeds_dir
):
    for name, text in POISONED.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for path in seeds_dir.glob("*.txt"):
        (tmp_path / f"100-{path.name}").write_bytes(path.read_bytes())
    out, err = run(str(tmp_path))
    assert "7 files: 15 created" in out and "0 failed" in out
    assert "000-front.txt: 警告 日期不存在，已忽略：2022-02-30" in err
    assert "001-page.txt: 警告 日期不存在，已忽略：2022年13月45日" in err
    poisoned = Article.objects.filter(title__in=["一会召开", "二会召开"])
    assert [a.published_on for a in poisoned] == [None, None]


def test_dry_run_json_never_prints_an_impossible_date(tmp_path):
    for name, text in POISONED.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out, err = run("--dry-run", "--json", str(tmp_path))
    assert [article["published_on"] for article in json.loads(out)] == [None, None]
    assert "2022-02-30" not in out and "2022年13月45日" not in out
    assert "警告" in err and "2 parsed (dry run)" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--json", "seeds"], "--json only goes with --dry-run"),
        (["--date", "2019-13-45", "seeds"], "not a date"),
        (["no/such/folder"], "no such file or folder"),
    ],
)
def test_wrong_options_give_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_edited_article_is_reported_not_overwritten(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(PAGE, encoding="utf-8")
    run(str(path))
    Article.objects.update(title="编辑改过")
    out, _ = run(str(path), "--update", "--publication", "解放日报")
    assert "已被编辑修改，未覆盖" in out and "1 kept" in out
    assert Article.objects.get().title == "编辑改过"


def test_an_unreadable_file_is_named_and_the_others_import(tmp_path, monkeypatch):
    from pathlib import Path

    (tmp_path / "good.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "locked.txt").write_text(PAGE, encoding="utf-8")
    read_bytes = Path.read_bytes

    def refuse_locked(path):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse_locked)
    err = StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("import_articles", str(tmp_path), stdout=StringIO(), stderr=err)
    assert "locked.txt: 失败 无法读取 (cannot read): Permission denied" in err.getvalue()
    assert Article.objects.count() == 1


def test_each_article_says_what_was_not_found_and_the_summary_counts_them(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PAGE.replace("■记者 方圆\n\n", ""), encoding="utf-8")
    (tmp_path / "c.txt").write_text(
        "---\npublication: 新民晚报\ndate: 2021-05-01\n---\n" + PAGE, encoding="utf-8"
    )
    out, _ = run(str(tmp_path))
    assert f"{tmp_path / 'a.txt'}: 《两会召开》 未找到：日期、报纸 (no date, no publication)" in out
    assert (
        f"{tmp_path / 'b.txt'}: 《两会召开》 未找到：署名、日期、报纸 "
        "(no byline, no date, no publication)"
    ) in out
    assert str(tmp_path / "c.txt") not in out  # nothing missing, nothing to say
    assert "1 article without a byline, 2 without a date, 2 without a publication" in out
    assert Article.objects.filter(published_on__isnull=True).count() == 2


def test_dry_run_json_carries_what_each_article_lacks(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE.replace("■记者 方圆\n\n", ""), encoding="utf-8")
    out, err = run("--dry-run", "--json", "--publication", "解放日报", str(tmp_path))
    assert [article["missing"] for article in json.loads(out)] == [["byline", "date"]]
    assert "1 article without a byline, 1 without a date, 0 without a publication" in err


def test_a_photo_credit_is_a_byline_for_what_is_missing(tmp_path):
    (tmp_path / "a.txt").write_text(
        "樱花盛开\n\n图为市民在滨江步道赏花。\n\n本报记者 赵一鸣 摄\n\n连日来，樱花进入盛花期。\n",
        encoding="utf-8",
    )
    out, _ = run("--dry-run", "--date", "2024-03-30", str(tmp_path))
    assert "未找到：报纸 (no publication)" in out
    assert "0 articles without a byline, 0 without a date, 1 without a publication" in out


EVALUATION = Path(__file__).resolve().parent / "data" / "evaluation"
SHARED_DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


def evaluate_parser(*args):
    out, err = StringIO(), StringIO()
    call_command("evaluate_parser", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def gold_of_an_absent_file(tmp_path):
    """A gold file whose one page is not among the paths: every figure is known without a parse."""
    gold = json.loads((EVALUATION / "gold.json").read_text(encoding="utf-8"))
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"files": {"e04.txt": gold["files"]["e04.txt"]}}), encoding="utf-8")
    return path


def test_evaluate_parser_scores_a_gold_page_it_was_not_given_as_all_missed(gold_of_an_absent_file):
    out, err = evaluate_parser(
        "--gold", str(gold_of_an_absent_file), str(EVALUATION / "texts"), "-v"
    )
    assert out.splitlines() == [
        "titles         P=1.00 R=0.00 F1=0.00  (tp=0 fp=0 fn=1)",
        "reporters      P=1.00 R=0.00 F1=0.00  (tp=0 fp=0 fn=1)",
        "photographers  P=1.00 R=1.00 F1=1.00  (tp=0 fp=0 fn=0)",
        "speakers       P=1.00 R=0.00 F1=0.00  (tp=0 fp=0 fn=1)",
        "districts      P=1.00 R=0.00 F1=0.00  (tp=0 fp=0 fn=1)",
        "speaker titles 0/1",
        "page-break joins 0/0   duplicate paragraphs removed 0/0   photo count off by 1",
        "  e04.txt: reporters missed: 王伟",
        "  e04.txt: speakers missed: 赵强",
        "  e04.txt: districts missed: 徐汇区",
        "  e04.txt: title missed: 不存在的文章",
        "overall entity F1=0.000 (P=1.00 R=0.00)",
    ]
    assert "1 gold file(s) not among the paths, scored as all missed: e04.txt" in err


def test_evaluate_parser_json_has_the_figures(gold_of_an_absent_file):
    out, _ = evaluate_parser("--gold", str(gold_of_an_absent_file), str(EVALUATION), "--json")
    figures = json.loads(out)
    assert figures["overall"] == {
        "precision": 1.0,
        "recall": 0.0,
        "f1": 0.0,
        "tp": 0,
        "fp": 0,
        "fn": 4,
    }
    assert figures["speaker_titles"] == {"right": 0, "total": 1}
    assert figures["photo_count_off"] == 1
    assert len(figures["misses"]) == 4


def test_evaluate_parser_fails_below_the_floor_and_passes_at_it(gold_of_an_absent_file):
    args = ["--gold", str(gold_of_an_absent_file), str(EVALUATION / "texts")]
    with pytest.raises(CommandError, match=r"overall entity F1 0\.000 is below the floor 0\.5"):
        evaluate_parser(*args, "--min-f1", "0.5")
    out, _ = evaluate_parser(*args, "--min-f1", "0")
    assert out.splitlines()[-1] == "overall entity F1=0.000 (P=1.00 R=0.00)"


def test_evaluate_parser_scores_exactly_the_import_dry_run(tmp_path):
    """The same parse as ``import_articles --dry-run --json``, not a second copy of it."""
    from archive.ingest.evaluation import evaluate

    texts = str(EVALUATION / "texts")
    dry_run, _ = run("--dry-run", "--json", texts)
    gold = json.loads((EVALUATION / "gold.json").read_text(encoding="utf-8"))
    out, _ = evaluate_parser("--gold", str(EVALUATION / "gold.json"), texts, "--json")
    assert json.loads(out) == evaluate(gold, json.loads(dry_run)).as_json()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--gold", "no/such/gold.json", "seeds"], "cannot read the gold file"),
        (["--gold", "seeds/000_95ef725c54c4abcb.txt", "seeds"], "cannot read the gold file"),
        (["--gold", str(EVALUATION / "gold.json"), "no/such/folder"], "no such file or folder"),
    ],
)
def test_evaluate_parser_names_a_bad_gold_file_or_path(args, message):
    with pytest.raises(CommandError, match=message):
        evaluate_parser(*args)


@pytest.mark.skipif(
    not (SHARED_DEVSET / "score.py").exists(), reason="no ../shared/devset/score.py here"
)
@pytest.mark.parametrize(
    ("gold", "texts"),
    [
        (EVALUATION / "gold.json", EVALUATION / "texts"),
        (SHARED_DEVSET / "gold.json", SHARED_DEVSET / "texts"),
    ],
    ids=["tests-data", "devset"],
)
def test_evaluate_parser_prints_what_the_dev_sets_score_py_prints(tmp_path, gold, texts):
    import subprocess
    import sys

    dry_run, _ = run("--dry-run", "--json", str(texts))
    predicted = tmp_path / "predicted.json"
    predicted.write_text(dry_run, encoding="utf-8")
    score_py = subprocess.run(
        [sys.executable, str(SHARED_DEVSET / "score.py"), str(gold), str(predicted), "-v"],
        capture_output=True,
        text=True,
        check=True,
    )
    out, _ = evaluate_parser("--gold", str(gold), str(texts), "-v")
    assert out == score_py.stdout


def test_two_imports_of_one_folder_at_once_both_succeed_and_import_each_article_once(
    tmp_path, shared_database
):
    """Each run commits file by file, so the second finds some articles (and people) written by
    the first while it is writing them itself; that is not a failure (PostgreSQL only: SQLite
    runs one writer at a time)."""
    from archive.models import Author, Speaker

    names = ["方圆", "李想", "祝越", "王宛艺", "袁婧", "张伊辰", "周辰"]
    for number in range(80):
        (tmp_path / f"{number:03d}.txt").write_text(
            f"第{number}号新闻\n\n■记者 方圆 {names[number % 7]}\n\n"
            f"本报讯 杨浦区委书记赵刚表示，第{number}件事情要抓好落实。\n",
            encoding="utf-8",
        )
    command = [sys.executable, "manage.py", "import_articles", str(tmp_path)]
    runs = [
        subprocess.Popen(
            command, cwd=ROOT, env=shared_database, stdout=PIPE, stderr=PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        summary = re.search(r"(\d+) files: (\d+) created, \d+ updated, (\d+) unchanged", out)
        assert summary, out
        files, created, unchanged = map(int, summary.groups())
        assert (files, created + unchanged) == (80, 80)
    created = [int(re.search(r"(\d+) created", out).group(1)) for out, _err in outputs]
    assert sum(created) == 80
    assert Article.objects.count() == 80
    assert Article.objects.values("source_key").distinct().count() == 80
    assert sorted(Author.objects.values_list("name", flat=True)) == sorted(names)
    assert list(Speaker.objects.values_list("name", flat=True)) == ["赵刚"]


def test_a_folder_without_text_files_is_an_error_not_an_empty_success(tmp_path):
    (tmp_path / "page.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "notes.md").write_text("# 笔记", encoding="utf-8")
    with pytest.raises(CommandError, match=r"no \.txt files.*2 other files"):
        call_command("import_articles", str(tmp_path), stdout=StringIO(), stderr=StringIO())
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CommandError, match=r"no \.txt files"):
        call_command("import_articles", str(empty), stdout=StringIO(), stderr=StringIO())


def test_a_utf16_file_from_a_windows_editor_imports(tmp_path):
    (tmp_path / "notepad.txt").write_bytes(PAGE.replace("\n", "\r\n").encode("utf-16"))
    call_command("import_articles", str(tmp_path), stdout=StringIO(), stderr=StringIO())
    assert Article.objects.get().title == "两会召开"


def stored_index() -> dict[str, str]:
    """Each article's search index as the database holds it, by source key."""
    from django.db import connection

    from archive.search.index import FTS_TABLE

    if connection.vendor == "postgresql":
        rows = Article.objects.values_list("source_key", "search_vector")
        return {key: str(vector) for key, vector in rows}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid, title || '|' || meta || '|' || body FROM {FTS_TABLE}")
        tokens = dict(cursor.fetchall())
    return {key: tokens[pk] for pk, key in Article.objects.values_list("pk", "source_key")}


@pytest.mark.django_db
def test_two_workers_import_what_one_process_does_with_the_same_tokens(tmp_path, seeds_dir):
    for path in seeds_dir.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary")
    with pytest.raises(CommandError, match="1 file"):
        run(str(tmp_path), "--workers", "1")
    alone = stored_index()
    Article.objects.all().delete()
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("import_articles", str(tmp_path), "--workers", "2", stdout=out, stderr=err)
    assert "6 files: 13 created" in out.getvalue() and "1 failed" in out.getvalue()
    assert "broken.txt: 失败" in err.getvalue()
    assert stored_index() == alone and len(alone) == 13


@pytest.mark.parametrize("workers", ["0", "65"])
def test_workers_out_of_range_is_a_clear_error(workers, tmp_path):
    with pytest.raises(CommandError, match="--workers takes 1 to 64"):
        run(str(tmp_path), "--workers", workers)


class Terminal(StringIO):
    def isatty(self):
        return True


@pytest.mark.django_db
def test_progress_is_one_line_redrawn_on_a_terminal_and_plain_lines_otherwise(tmp_path):
    for number in range(60):
        (tmp_path / f"{number:03d}.txt").write_text(
            PAGE.replace("两会召开", f"第{number}号新闻"), encoding="utf-8"
        )
    terminal = Terminal()
    call_command("import_articles", str(tmp_path), stdout=StringIO(), stderr=terminal)
    lines = terminal.getvalue().split("\r\033[K")
    assert lines[-1].startswith("60/60 files, 60 articles, ") and "ETA 0:00:00" in lines[-1]
    assert re.search(r"\d+ articles/s", lines[-1])
    _, err = run(str(tmp_path), "--update")
    assert "\r" not in err
    assert re.search(r"^… 50/60 files, 50 articles, \d+ articles/s, ETA \d:\d\d:\d\d$", err, re.M)


def test_a_large_import_refreshes_the_planners_statistics(tmp_path, seeds_dir, monkeypatch):
    """Right after a big import PostgreSQL's statistics still describe the empty tables, and the
    people indexes took 23 s a page until ANALYZE; the import now runs it itself."""
    from django.db import connection

    from archive.services import imports

    monkeypatch.setattr(imports, "ANALYZE_AFTER", 5)  # the seeds make 13 articles
    statements: list[str] = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        call_command("import_articles", str(seeds_dir), stdout=StringIO(), stderr=StringIO())
    assert any(sql.startswith("ANALYZE") for sql in statements)
    statements.clear()
    with connection.execute_wrapper(record):  # nothing new: nothing to analyze
        call_command("import_articles", str(seeds_dir), stdout=StringIO(), stderr=StringIO())
    assert not any(sql.startswith("ANALYZE") for sql in statements)


def test_a_long_import_keeps_no_files_report_once_it_is_written_out(tmp_path, monkeypatch):
    # A million articles' reports held to the end took a gigabyte: they are counted and let go.
    import gc
    import weakref

    from archive.management.commands import import_articles

    class Report(dict):  # a dict a weak reference can follow
        pass

    reports, alive_after = [], []

    def local_import(files, **options):
        for number in range(5):
            gc.collect()
            alive_after.append(sum(report() is not None for report in reports))
            report = Report(source=f"{number}.txt", error=None, warnings=[], articles=[])
            report["articles"].append({"title": "两会召开", "outcome": "created", "missing": []})
            reports.append(weakref.ref(report))
            yield report

    monkeypatch.setattr(import_articles, "local_import", local_import)
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    out, _ = run(str(tmp_path))
    assert max(alive_after) <= 1  # only the one the command has in hand
    assert "5 files: 5 created, 0 updated" in out


def test_evaluate_parser_range_scores_only_the_files_numbered_within_it(tmp_path):
    gold = json.loads((EVALUATION / "gold.json").read_text(encoding="utf-8"))
    whole, _ = evaluate_parser("--gold", str(EVALUATION / "gold.json"), str(EVALUATION), "--json")
    first, _ = evaluate_parser(
        "--gold", str(EVALUATION / "gold.json"), str(EVALUATION), "--json", "--range", "1-1"
    )
    only_e01 = tmp_path / "gold.json"
    only_e01.write_text(json.dumps({"files": {"e01.txt": gold["files"]["e01.txt"]}}), "utf-8")
    alone, _ = evaluate_parser("--gold", str(only_e01), str(EVALUATION / "texts"), "--json")
    assert json.loads(first) == json.loads(alone)
    assert json.loads(first)["overall"] != json.loads(whole)["overall"]


def test_evaluate_parser_refuses_a_range_that_runs_backwards():
    with pytest.raises(CommandError, match="expected A-B"):
        evaluate_parser("--gold", str(EVALUATION / "gold.json"), str(EVALUATION), "--range", "9-2")


def test_evaluate_parser_ranges_joined_by_commas_score_their_union():
    gold = str(EVALUATION / "gold.json")
    joined, _ = evaluate_parser("--gold", gold, str(EVALUATION), "--json", "--range", "1-1,3-4")
    whole, _ = evaluate_parser("--gold", gold, str(EVALUATION), "--json", "--range", "1-4")
    second, _ = evaluate_parser("--gold", gold, str(EVALUATION), "--json", "--range", "2-2")
    counts = [json.loads(out)["overall"] for out in (joined, whole, second)]
    for key in ("tp", "fp", "fn"):
        assert counts[0][key] + counts[2][key] == counts[1][key]
