"""Scoring a parse against a hand-labelled gold file: precision, recall and F1 per category.

Pure: dicts in, an ``Evaluation`` out, no database and no files. The predictions are the
articles ``import_articles --dry-run --json`` prints; the gold is ``{"files": {name: {...}}}``
with ``titles``, ``reporters``, ``photographers``, ``speakers`` (name → printed title),
``districts``, their ``optional_*`` lists and, when known, ``joins``, ``dedup`` and
``photo_count``. The rules are those of the development set's ``score.py``, figure for figure,
so the number CI checks is the number the annotators' scorer gives:

- names are compared after NFKC and with every space removed (``王  伟`` is ``王伟``);
- a predicted title that extends a gold title, or is cut to 8 or more of its characters,
  counts as that title;
- an ``optional_*`` entry is neither a hit nor an error;
- a byline whose role contains 摄 credits a photographer, any other a reporter; a photo's
  photographer is a photographer too;
- a speaker's title is right when the printed title and the predicted one contain each other.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

PEOPLE_AND_PLACES = ("reporters", "photographers", "speakers", "districts")
CATEGORIES = ("titles", *PEOPLE_AND_PLACES)
TITLE_PREFIX_LENGTH = 8  # a title cut to at least this many characters of the gold one still counts

Article = Mapping[str, Any]


def norm(text: str | None) -> str:
    """The form names are compared in: NFKC (full-width = half-width), no whitespace at all."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


@dataclass
class Counts:
    """True positives, false positives and false negatives of one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(
        self,
        predicted: AbstractSet[str],
        gold: AbstractSet[str],
        optional: AbstractSet[str] = frozenset(),
    ) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold - optional)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_json(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(frozen=True)
class Miss:
    """One error in one file: ``reporters missed: 王伟``, ``title missed: …``, …"""

    file: str
    what: str  # "reporters missed", "speakers spurious", "title missed", "join missing", …
    entry: str

    def __str__(self) -> str:
        return f"{self.file}: {self.what}: {self.entry}"


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    def add(self, right: bool) -> None:
        self.right += right
        self.total += 1

    def as_json(self) -> dict[str, int]:
        return {"right": self.right, "total": self.total}

    def __str__(self) -> str:
        return f"{self.right}/{self.total}"


@dataclass
class Evaluation:
    categories: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})
    speaker_titles: Ratio = field(default_factory=Ratio)
    joins: Ratio = field(default_factory=Ratio)
    duplicates_removed: Ratio = field(default_factory=Ratio)
    photo_count_off: int = 0
    untitled_no_headline: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def overall(self) -> Counts:
        """Every category's counts added up: the overall entity F1 is over all entities at once."""
        return Counts(
            tp=sum(c.tp for c in self.categories.values()),
            fp=sum(c.fp for c in self.categories.values()),
            fn=sum(c.fn for c in self.categories.values()),
        )

    def lines(self, *, verbose: bool = False) -> list[str]:
        """The report, line for line as ``score.py`` prints it (misses only when verbose)."""
        out = [
            f"{name:14s} P={c.precision:.2f} R={c.recall:.2f} F1={c.f1:.2f}  "
            f"(tp={c.tp} fp={c.fp} fn={c.fn})"
            for name, c in self.categories.items()
        ]
        out.append(f"speaker titles {self.speaker_titles}")
        out.append(
            f"page-break joins {self.joins}   duplicate paragraphs removed "
            f"{self.duplicates_removed}   photo count off by {self.photo_count_off}"
        )
        if verbose:
            out.extend(f"  {miss}" for miss in self.misses)
        total = self.overall
        out.append(
            f"overall entity F1={total.f1:.3f} (P={total.precision:.2f} R={total.recall:.2f})"
        )
        return out

    def untitled_note(self) -> str | None:
        """``score.py`` counts an article printed with no headline as the title "" (a false
        title) even where the gold has none: this says how many of the false titles are that,
        and the titles' figures without them."""
        if not self.untitled_no_headline:
            return None
        titles = self.categories["titles"]
        without = Counts(tp=titles.tp, fp=titles.fp - self.untitled_no_headline, fn=titles.fn)
        return (
            f"untitled articles on pages with no headline: {self.untitled_no_headline}, each "
            f"counted as a false title; titles without them P={without.precision:.2f} "
            f"R={without.recall:.2f} F1={without.f1:.2f}"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "categories": {name: c.as_json() for name, c in self.categories.items()},
            "untitled_no_headline": self.untitled_no_headline,
            "speaker_titles": self.speaker_titles.as_json(),
            "joins": self.joins.as_json(),
            "duplicates_removed": self.duplicates_removed.as_json(),
            "photo_count_off": self.photo_count_off,
            "overall": self.overall.as_json(),
            "misses": [{"file": m.file, "what": m.what, "entry": m.entry} for m in self.misses],
        }


def by_file(articles: Iterable[Article]) -> dict[str, list[Article]]:
    """Predicted articles grouped by the base name of their ``source``, as the gold names files."""
    grouped: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        source = article.get("source") or article.get("path") or ""
        grouped[os.path.basename(str(source))].append(article)
    return grouped


def evaluate(gold: Mapping[str, Any], articles: Iterable[Article]) -> Evaluation:
    """Score ``articles`` (dry-run JSON) against ``gold`` (the whole gold file, with "files").

    Every gold file is scored: one the parse has no articles for counts every entry as missed.
    """
    predicted = by_file(articles)
    result = Evaluation()
    for name, labels in gold["files"].items():
        _score_file(result, name, labels, predicted.get(name, []))
    return result


def _score_file(
    result: Evaluation, name: str, labels: Mapping[str, Any], articles: list[Article]
) -> None:
    found = _entities(articles)
    gold_titles = _normed(labels, "titles")
    titles = {_as_gold_title(norm(a.get("title")), gold_titles) for a in articles}
    result.categories["titles"].add(titles, gold_titles, _normed(labels, "optional_titles"))
    if "" in titles and not labels["titles"] and "" not in _normed(labels, "optional_titles"):
        result.untitled_no_headline += 1
    for category in PEOPLE_AND_PLACES:
        expected = _normed(labels, category)
        result.categories[category].add(
            found.sets[category], expected, _normed(labels, f"optional_{category}")
        )
    for speaker, title in labels["speakers"].items():
        if title:
            printed = found.speaker_titles.get(norm(speaker), "")
            result.speaker_titles.add(
                bool(printed) and (norm(title) in printed or printed in norm(title))
            )
    for join in labels.get("joins", []):
        joined = any(norm(join) in paragraph for paragraph in found.paragraphs)  # one paragraph
        result.joins.add(joined)
        if not joined:
            result.misses.append(Miss(name, "join missing", join))
    for duplicate in labels.get("dedup", []):
        kept = found.body.count(norm(duplicate))
        result.duplicates_removed.add(kept == 1)
        if kept != 1:
            result.misses.append(Miss(name, f"duplicate kept {kept}x", duplicate[:20]))
    if labels.get("photo_count") is not None:
        result.photo_count_off += abs(found.photos - labels["photo_count"])
    for category in PEOPLE_AND_PLACES:
        expected, got = _normed(labels, category), found.sets[category]
        spurious = got - expected - _normed(labels, f"optional_{category}")
        result.misses += [Miss(name, f"{category} missed", x) for x in sorted(expected - got)]
        result.misses += [Miss(name, f"{category} spurious", x) for x in sorted(spurious)]
    result.misses += [Miss(name, "title missed", t) for t in sorted(gold_titles - titles)]


def _as_gold_title(title: str, gold_titles: set[str]) -> str:
    # The same walk as score.py, including its quirk that a title already mapped to one gold
    # title is compared with the next one in the form it was mapped to.
    for candidate in gold_titles:
        if title == candidate or (
            min(len(title), len(candidate)) >= TITLE_PREFIX_LENGTH
            and (title.startswith(candidate) or candidate.startswith(title))
        ):
            title = candidate
    return title


def _normed(labels: Mapping[str, Any], key: str) -> set[str]:
    return {norm(x) for x in labels.get(key, [])}


@dataclass
class _Found:
    """Everything one file's predicted articles name, in the scorer's normalised form."""

    sets: dict[str, set[str]] = field(default_factory=lambda: {c: set() for c in PEOPLE_AND_PLACES})
    speaker_titles: dict[str, str] = field(default_factory=dict)
    body: str = ""
    paragraphs: list[str] = field(default_factory=list)
    photos: int = 0


def _entities(articles: list[Article]) -> _Found:
    found = _Found()
    for article in articles:
        for byline in article.get("bylines") or []:
            is_dict = isinstance(byline, dict)
            role = (byline.get("role") or "") if is_dict else ""
            name = norm(byline.get("name") if is_dict else byline)
            found.sets["photographers" if "摄" in role else "reporters"].add(name)
        for photo in article.get("photos") or []:
            found.photos += 1
            if photographer := _name(photo.get("photographer")):
                found.sets["photographers"].add(norm(photographer))
        for quote in article.get("quotes") or article.get("speakers") or []:
            if speaker := _name(quote.get("speaker") or quote.get("name")):
                found.sets["speakers"].add(norm(speaker))
                found.speaker_titles.setdefault(norm(speaker), norm(quote.get("title") or ""))
        for district in article.get("districts") or []:
            if isinstance(district, str):
                found.sets["districts"].add(norm(district))
            elif name := _name(district.get("name")):
                found.sets["districts"].add(norm(name))
        found.body += norm(article.get("body") or "")
        found.paragraphs += [norm(p) for p in (article.get("body") or "").split("\n")]
    return found


def _name(value: Any) -> str | None:
    """A person given as a name or as ``{"name": …}``."""
    return value.get("name") if isinstance(value, dict) else value
