"""Reading the search indexes: the query language's parser, and the search itself on both back
ends, relevance and snippets.

Query language: words must all match; ``"exact phrase"``; ``-excluded``; ``a OR b``.

What matches: every article containing each term as written (folded: NFKC, case aside), found by
the character index (``characters``), whatever jieba made of the article or the query. How a
relevance search orders them: the articles matching by jieba's words first, ranked (ts_rank or
bm25) among the newest RELEVANCE_CANDIDATES of them; then, if there are fewer, the articles that
match by characters only (市民生活 for 民生), newest first. Each index is asked on its own, never
both in one condition: an OR across the two would have the planner read both for every common word.
"""

from __future__ import annotations

import contextlib
import datetime
import html
import re

from django.db import DatabaseError, connections
from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils.safestring import SafeString, mark_safe

from archive.cache.figures import figures_key
from archive.cache.stored import stored_figure
from archive.db import estimated_count
from archive.search import fields
from archive.search.conditions import characters_q, phrase_q, words_q, words_rank
from archive.search.language import Query, Term
from archive.search.tokens import add_words, words

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
SNIPPET_LENGTH = 120
RELEVANCE_CANDIDATES = 500
FEW_MATCHES = 2000
COMMON_ESTIMATE = 50_000  # planner's row estimate above which a word is common enough
SORTED_UP_TO = 20_000  # more (estimated) matches than few, up to this: read by GIN and sorted
EARLIEST = datetime.date(1, 1, 1)  # an undated article sorts after every dated one
NEWEST = (F("published_on").desc(nulls_last=True), "-id")


# An optional "-", an optional field prefix ("标题:", "作者：" …), then a "phrase" or a word.
QUERY_PART = re.compile(rf'(-?)(?:({fields.PREFIX_PATTERN})[:：](?=\S))?(?:"([^"]*)"?|(\S+))', re.I)


def parse_query(text: str) -> Query:
    """Turn what a reader typed into clauses; anything unsearchable is dropped, never an error."""
    query = Query()
    joining = False
    for match in QUERY_PART.finditer(text[:MAX_QUERY_LENGTH]):
        negative, prefix, phrase, word = match.groups()
        if word == "OR" and not (negative or prefix):
            joining = bool(query.clauses)
            continue
        is_phrase = word is None
        phrase_text = (phrase if is_phrase else word).strip()
        field = fields.PREFIXES[prefix.lower()] if prefix else ""
        term = Term(phrase_text, tuple(dict.fromkeys(words(phrase_text))), field=field)
        if not (term.characters if term.indexed else phrase_text):
            continue
        if is_phrase or not _spelt_by_tokens(term):
            # By words, a term the tokenizer splits (养老床位 → 养老 / 床位) or cuts short
            # (1.5万 → 万) must also occur as written.
            term = Term(phrase_text, term.tokens, len(phrase_text) > 1, field)
        if negative:
            query.excluded.append(term)
        elif joining:
            query.clauses[-1].append(term)
        else:
            query.clauses.append([term])
        joining = False
        if len(query.clauses) + len(query.excluded) >= MAX_TERMS:
            break
    return query


def _spelt_by_tokens(term: Term) -> bool:
    """The term is its one token (signs around it aside): its words say all it says."""
    return term.characters is None or term.tokens == (term.characters.text,)


def load_people_words(using: str = "default") -> None:
    """Teach this process's tokenizer every known name, once, before its first query."""
    global _people_loaded
    if _people_loaded:
        return
    from archive.models import Author, AuthorAlias, Speaker, SpeakerAlias

    for model in (Author, AuthorAlias, Speaker, SpeakerAlias):
        add_words(model.objects.using(using).values_list("name", flat=True).iterator())
    _people_loaded = True


_people_loaded = False


def search_ready(using: str = "default") -> None:
    """Load the tokenizer and every known name now (in a server's master, before it forks),
    not in each worker's first search; the connection is closed so no worker shares it."""
    load_people_words(using)
    words("上海")
    connections[using].close()


def reader_query(text: str, *, using: str = "default") -> Query:
    """What a reader typed, parsed once the tokenizer knows every name, as the index does."""
    load_people_words(using)
    return parse_query(text)


def search(
    articles: QuerySet, query: Query | str, *, rank: bool = True, probes: dict | None = None
) -> QuerySet:
    """Articles matching the query, by relevance then recency; none if nothing is searchable.
    A caller that also highlights passes the ``Query`` it parsed (``reader_query``), not text.

    ``probes``, a dict the caller keeps, holds the few-matches probe of each query searched
    with it, so one page searching the same words twice (ranked for the rows, unranked for
    counts) probes once."""
    if isinstance(query, str):
        query = reader_query(query, using=articles.db)
    query, mixed, excluded = query.split()
    if query.empty and not mixed:
        return articles.none()
    vendor = connections[articles.db].vendor
    articles = _with_fields(articles, mixed, excluded, vendor)
    if query.empty:  # only people, places or pages: nothing to rank, newest first
        return articles
    found = articles.filter(characters_q(query, vendor))
    few, estimate = _probed(articles, characters_q(query, vendor), ("characters", query), probes)
    if few is not None:
        found = articles.filter(pk__in=few)
    if not rank:
        return found
    by_words = _by_words(articles, query, vendor, probes, within=few)
    fill = []
    if len(by_words) < RELEVANCE_CANDIDATES:  # then every word match is in by_words
        only_characters = found.exclude(pk__in=by_words)
        wanted = RELEVANCE_CANDIDATES - len(by_words)
        newest = _newest(only_characters, few=few, estimate=estimate, limit=wanted)
        newest = newest.values_list("pk", flat=True) if isinstance(newest, QuerySet) else newest
        fill = stored_figure(figures_key("by-characters", only_characters), lambda: list(newest))
    return _ranked(articles, query, vendor, by_words, fill)


def _ranked(articles: QuerySet, query: Query, vendor: str, by_words: list, fill: list):
    """The candidates in relevance order: word matches by rank, then character-only matches,
    each newest first among equals (a constant is never ordered by: PostgreSQL refuses it)."""
    ranked = articles.filter(pk__in=[*by_words, *fill])
    words_query = query.by_words()
    if words_query is None:  # nothing matches by words: rank is nil, newest first
        return ranked.annotate(rank=Value(0.0)).order_by(*NEWEST)
    ranked = ranked.annotate(rank=words_rank(words_query, vendor))
    if not (by_words and fill):
        return ranked.order_by("-rank", *NEWEST)
    first = Case(When(pk__in=by_words, then=True), default=False, output_field=BooleanField())
    return ranked.annotate(by_words=first).order_by("-by_words", "-rank", *NEWEST)


def _by_words(
    articles: QuerySet, query: Query, vendor: str, probes: dict | None, *, within: list | None
) -> list[int]:
    """The ids of the newest RELEVANCE_CANDIDATES articles matching by words (a rare word: all
    of them; a word in half the archive: the recent ones, so ts_rank, or the phrase check, which
    reads the body, does not go through half the archive), kept until the next write.
    ``within``: the few articles the characters found, which hold every word match."""
    words_query = query.by_words()
    if words_query is None:
        return []
    matching = words_q(words_query, vendor)
    matched = articles.filter(matching)
    if within is not None:
        few, estimate = within, None
        matched = articles.filter(matching, pk__in=within)
    else:
        few, estimate = _probed(articles, matching, ("words", words_query), probes)
        if few is not None:
            matched = articles.filter(pk__in=few)
    exact = matched
    for clause in words_query.clauses:
        phrases = [term for term in clause if term.phrase]
        if phrases and len(phrases) == len(clause):
            condition = Q()
            for term in phrases:
                condition |= phrase_q(term)
            exact = exact.filter(condition)
    for term in words_query.excluded:
        if term.phrase:
            exact = exact.exclude(phrase_q(term))
    candidates = _newest(matched, few=few, estimate=estimate, limit=RELEVANCE_CANDIDATES)
    # Only those the characters find too (a district linked but not printed matches by words;
    # an excluded term is excluded as written), so the ranked list and the dated one agree.
    ids = exact.filter(pk__in=candidates)
    if within is None:
        ids = ids.filter(characters_q(query, vendor))
    ids = ids.values_list("pk", flat=True)
    return stored_figure(figures_key("by-words", ids), lambda: list(ids))


def _newest(matched: QuerySet, *, few, estimate: int | None, limit: int) -> QuerySet | list:
    """The ids of the newest ``limit`` of ``matched``: a query walking the date index, or for a
    result neither few nor common, a list read through the GIN index.

    Neither few nor common (some thousands of matches): walking the date index would check
    tens of thousands of rows' TOASTed vectors for the newest 500 (230 ms at 250,000
    articles). In the same order by an expression no index has, and with the table scan
    (which checks every row's vector) ruled out, PostgreSQL reads the matches through the GIN
    index and sorts them (5 ms)."""
    if few is None and estimate is not None and estimate <= SORTED_UP_TO:
        by_date = matched.order_by(Coalesce("published_on", Value(EARLIEST)).desc(), "-id")
        ids = by_date.values_list("pk", flat=True)[:limit]
        return stored_figure(figures_key("candidates", ids), lambda: _through_indexes(ids))
    return matched.order_by(*NEWEST).values("pk")[:limit]


def _with_fields(articles: QuerySet, mixed, excluded: list[Term], vendor: str) -> QuerySet:
    """Articles meeting each clause with a person, place or page term (any of its terms: a
    filter, or a word the index finds) and none of the excluded ones."""
    for clause in mixed:
        condition = Q()
        for term in clause:
            if term.indexed:
                condition |= characters_q(Query([[term]]), vendor)
            else:
                condition |= fields.field_q(term.field, term.text)
        articles = articles.filter(condition)
    for term in excluded:
        articles = articles.exclude(fields.field_q(term.field, term.text))
    return articles


def _probed(
    articles: QuerySet, matching: Q, key: tuple, probes: dict | None
) -> tuple[list[int] | None, int | None]:
    """``_few_matches``, asked once per ``probes`` for each ``key`` (which index, which query)."""
    key = (articles.db, key[0], repr(key[1]))
    if probes is not None and key in probes:
        return probes[key]
    found = _few_matches(articles, matching)
    if probes is not None:
        probes[key] = found
    return found


def _few_matches(articles: QuerySet, matching: Q) -> tuple[list[int] | None, int | None]:
    """The ids ``matching`` if there are at most FEW_MATCHES, else None; and how many match
    by the planner's estimate (on PostgreSQL; elsewhere None). Asked of the index once per
    generation of the archive for each query, as a listing's figures are (``figures``).

    A word with few matches is then pinned to those rows, so no plan can walk the date index
    through the whole archive looking for them. On PostgreSQL a word the statistics call common
    skips the probe, and the probe may not scan the table: checking each row's TOASTed vector
    costs far more than the planner assumes.
    """
    vendor = connections[articles.db].vendor
    matching = articles.model.objects.using(articles.db).filter(matching)
    return stored_figure(figures_key("probe", matching), lambda: _probe(matching, vendor))


def _probe(matching: QuerySet, vendor: str) -> tuple[list[int] | None, int | None]:
    probe = matching.order_by().values_list("pk", flat=True)[: FEW_MATCHES + 1]
    estimate = None
    if vendor != "postgresql":
        found = list(probe)
    elif (estimate := estimated_count(matching) or 0) > COMMON_ESTIMATE:
        return None, estimate
    else:
        found = _through_indexes(probe)
    return (found if len(found) <= FEW_MATCHES else None), estimate


def _through_indexes(queryset: QuerySet) -> list:
    """The rows of a query PostgreSQL may not answer by scanning the table: that checks every
    row's TOASTed vector, which costs far more than its planner assumes. The setting and the
    query go to one database (each read may otherwise pick another replica)."""
    database = queryset.db
    with connections[database].cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            return list(queryset.using(database))
        finally:
            # If the transaction failed, its end undoes the SET itself.
            with contextlib.suppress(DatabaseError):
                cursor.execute("RESET enable_seqscan")


def highlight(text: str, marked: list[str], *, length: int | None = None) -> SafeString:
    """HTML-escaped text with ``marked`` words (``Query.highlight_words()``) in <mark>; with
    ``length``, cut to a window opening at the first of the longest of them the text holds (the
    whole term as typed before its words)."""
    words_ = [w for w in marked if w]
    if length is not None:
        start = max(0, _first_longest(text, words_) - length // 4)
        text = (
            ("…" if start else "")
            + text[start : start + length]
            + ("…" if start + length < len(text) else "")
        )
    escaped = html.escape(text)
    if words_:
        pattern = re.compile("|".join(re.escape(html.escape(w)) for w in words_))
        escaped = pattern.sub(lambda m: f"<mark>{m.group()}</mark>", escaped)
    return mark_safe(escaped)


def _first_longest(text: str, marked: list[str]) -> int:
    found = [(len(w), -i) for w in marked if (i := text.find(w)) >= 0]
    return -max(found)[1] if found else 0
