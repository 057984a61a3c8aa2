"""The same story from two sources, found at import: each new article's fingerprint is looked up
by its band keys (an index lookup per batch, never a comparison with every article), the
candidates sharing a key are compared by their stored fingerprints, and a copy is linked to the
first article the archive holds of the story.

Why at import and in the preview alike (``copies_stored``): an editor re-uploading a page with
front matter added sees "与 #N 相同" before importing it, and an import that goes ahead links the
two instead of keeping two unrelated records.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

from archive.ingest.fingerprint import SAME_STORY, Fingerprint, fingerprint, fingerprint_from_bytes
from archive.ingest.types import ParsedArticle
from archive.models import Article, ArticleCopy, ArticleSignature, SignatureBand
from archive.services.freshness import story_pages_changed
from archive.services.rows import rows_insert

CANDIDATES = 50  # stored articles compared per new one, those sharing the most band keys first
KEYS_PER_QUERY = 2000  # band keys looked up in one query


def copies_enabled() -> bool:
    return settings.ARCHIVE_FIND_COPIES


def parsed_fingerprint(parsed: ParsedArticle) -> Fingerprint | None:
    """What an import fingerprints: the headline and the text (never the page's chrome, which
    the parser dropped, nor its front matter)."""
    return fingerprint(f"{parsed.title}\n{parsed.body}")


def stored_fingerprint(article: Article) -> Fingerprint | None:
    return fingerprint(f"{article.title}\n{article.body}")


@dataclass(frozen=True)
class StoredCopy:
    """The stored article a text copies, and the first copy the archive holds of that story."""

    matched_id: int
    original_id: int
    similarity: float


def copies_stored(
    fingerprints: Sequence[Fingerprint | None], *, excluding: Sequence[int] = ()
) -> list[StoredCopy | None]:
    """For each fingerprint, the most similar stored article at ``SAME_STORY`` or above (the
    earliest among equals), or None: two queries whatever the number of fingerprints."""
    wanted = {key for print_ in fingerprints if print_ for key in print_.band_keys}
    holders: dict[int, list[int]] = defaultdict(list)
    ordered = sorted(wanted)
    for start in range(0, len(ordered), KEYS_PER_QUERY):
        rows = SignatureBand.objects.filter(key__in=ordered[start : start + KEYS_PER_QUERY])
        for key, article_id in rows.exclude(article_id__in=excluding).values_list(
            "key", "article_id"
        ):
            holders[key].append(article_id)
    candidates = [_candidates(print_, holders) for print_ in fingerprints]
    stored = _signatures({pk for chosen in candidates for pk in chosen})
    return [
        _best(print_, [(pk, *stored[pk]) for pk in chosen if pk in stored]) if print_ else None
        for print_, chosen in zip(fingerprints, candidates, strict=True)
    ]


def _candidates(print_: Fingerprint | None, holders: dict[int, list[int]]) -> list[int]:
    if print_ is None:
        return []
    shared = Counter(pk for key in print_.band_keys for pk in holders.get(key, ()))
    return [pk for pk, _count in shared.most_common(CANDIDATES)]


def _signatures(ids: set[int]) -> dict[int, tuple[Fingerprint, int]]:
    """Each article's fingerprint and the first copy of its story (itself, if it is one)."""
    rows = ArticleSignature.objects.filter(article_id__in=sorted(ids)).values_list(
        "article_id", "minhash", "article__copy_link__original_id"
    )
    found = {}
    for pk, values, original in rows:
        print_ = fingerprint_from_bytes(values)
        if print_ is not None:
            found[pk] = (print_, original or pk)
    return found


def _best(print_: Fingerprint, candidates: list[tuple[int, Fingerprint, int]]) -> StoredCopy | None:
    scored = [
        StoredCopy(pk, original, print_.similarity(other)) for pk, other, original in candidates
    ]
    scored = [copy for copy in scored if copy.similarity >= SAME_STORY]
    return min(scored, key=lambda c: (-c.similarity, c.original_id), default=None)


def copies_follow(
    *,
    created: Sequence[tuple[str, Fingerprint | None]] = (),
    updated: Sequence[tuple[str, Fingerprint | None]] = (),
) -> int:
    """After an import wrote these articles (by source key, in the order of their files):
    store their fingerprints and link each new one that copies a stored article, or an earlier
    one of these, to the first copy of its story. An updated article's fingerprint is replaced,
    its links kept (an editor may have made or undone them). Returns the links made."""
    created = [(key, print_) for key, print_ in created if print_ is not None]  # too short
    if not copies_enabled() or not (created or updated):
        return 0
    keys = [key for key, _print in (*created, *updated)]
    ids = dict(Article.objects.filter(source_key__in=keys).values_list("source_key", "pk"))
    replaced = [ids[key] for key, _print in updated if key in ids]
    if replaced:
        ArticleSignature.objects.filter(article_id__in=replaced).delete()
        SignatureBand.objects.filter(article_id__in=replaced).delete()
    new = [(ids[key], print_) for key, print_ in created if key in ids]
    links = _links(new) if new else []
    _store([(ids[key], print_) for key, print_ in (*created, *updated) if key in ids])
    rows_insert(links)
    if links:  # the stored copies' pages list the new ones
        originals = {link.original_id for link in links}
        linked = ArticleCopy.objects.filter(original__in=originals).values_list("article_id")
        story_pages_changed(articles=originals | {pk for (pk,) in linked})
    return len(links)


def _links(new: list[tuple[int, Fingerprint | None]]) -> list[ArticleCopy]:
    """The links of new articles: to a stored copy, or to an earlier new one, the more similar
    (the stored one among equals)."""
    stored = copies_stored([print_ for _pk, print_ in new], excluding=[pk for pk, _p in new])
    first_of: dict[int, int] = {}  # new article → the first copy of its story
    seen: dict[int, list[tuple[int, Fingerprint]]] = defaultdict(list)  # band key → new ones
    links = []
    for (pk, print_), match in zip(new, stored, strict=True):
        if print_ is None:
            continue
        earlier = {
            other: other_print for key in print_.band_keys for other, other_print in seen[key]
        }
        best = (match.original_id, match.similarity) if match else None
        for other, other_print in earlier.items():
            similarity = print_.similarity(other_print)
            if similarity >= SAME_STORY and (best is None or similarity > best[1]):
                best = (first_of[other], similarity)
        first_of[pk] = best[0] if best else pk
        if best:
            links.append(ArticleCopy(article_id=pk, original_id=best[0], similarity=best[1]))
        for key in print_.band_keys:
            seen[key].append((pk, print_))
    return links


def _store(prints: list[tuple[int, Fingerprint | None]]) -> None:
    kept = [(pk, print_) for pk, print_ in prints if print_ is not None]
    rows_insert([ArticleSignature(article_id=pk, minhash=print_.values) for pk, print_ in kept])
    rows_insert(
        [SignatureBand(article_id=pk, key=key) for pk, print_ in kept for key in print_.band_keys]
    )
