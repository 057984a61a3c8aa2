"""Reading the search index: the query language and the query on both back ends.

Query language: words must all match; ``"exact phrase"``; ``-excluded``; ``a OR b``. Queries are
built as literals here, as the index is, so both back ends return the same articles.
"""

from __future__ import annotations

import contextlib
import datetime
import html
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQueryField
from django.db import DatabaseError, connections
from django.db.models import BooleanField, F, FloatField, Func, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce
from django.utils.safestring import SafeString, mark_safe

from archive.figures import figures_key, remembered
from archive.pagination import estimated_count
from archive.search import fields
from archive.search.index import FTS_TABLE, pg_quote
from archive.search.tokens import TOKEN, add_words, words

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
SNIPPET_LENGTH = 120
RELEVANCE_CANDIDATES = 500
FEW_MATCHES = 2000
COMMON_ESTIMATE = 50_000  # planner's row estimate above which a word is common enough
SORTED_UP_TO = 20_000  # more (estimated) matches than few, up to this: read by GIN and sorted
EARLIEST = datetime.date(1, 1, 1)  # an undated article sorts after every dated one


# The query language -------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    text: str
    tokens: tuple[str, ...]
    phrase: bool = False
    field: str = ""  # "" (anywhere) or one of search.fields: title, author, speaker, district, page

    @property
    def indexed(self) -> bool:
        """Answered by the search index (words anywhere, or in the title)."""
        return self.field in fields.INDEXED

    @property
    def whole(self) -> str | None:
        """The term as one token too: an index made when a name was in the dictionary holds
        严爱云 whole, while a process that has not seen the name yet cuts it 严 / 爱云."""
        word = self.text.lower()
        if len(self.tokens) > 1 and TOKEN.fullmatch(word) and len(word) <= 8:
            return word
        return None


@dataclass
class Query:
    """Clauses are ANDed; the terms of one clause are ORed; excluded terms must not match."""

    clauses: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.clauses

    def highlight_words(self) -> list[str]:
        terms = [term for clause in self.clauses for term in clause if term.indexed]
        found = {term.text for term in terms} | {token for term in terms for token in term.tokens}
        return sorted(found, key=len, reverse=True)

    def split(self) -> tuple[Query, list[list[Term]], list[Term]]:
        """The part the search index answers alone; the clauses with a person, place or page
        term (each clause ORs its terms, so the index cannot answer it alone); and the excluded
        person, place or page terms."""
        indexed = Query(
            [c for c in self.clauses if all(t.indexed for t in c)],
            [t for t in self.excluded if t.indexed],
        )
        mixed = [c for c in self.clauses if not all(t.indexed for t in c)]
        return indexed, mixed, [t for t in self.excluded if not t.indexed]


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
        tokens = tuple(dict.fromkeys(words(phrase_text)))
        if not (tokens if field in fields.INDEXED else phrase_text):
            continue
        # A term the tokenizer splits (养老床位 → 养老 / 床位) must also occur as written.
        exact = (is_phrase or len(tokens) > 1) and len(phrase_text) > 1
        term = Term(phrase_text, tokens, exact, field)
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


# Querying ---------------------------------------------------------------------------------


def _fts_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _tsquery(query: Query) -> str:
    def term(t: Term) -> str:
        weight = ":A" if t.field == fields.TITLE else ""  # the title's tokens are weighted A
        split = "(" + " & ".join(pg_quote(token) + weight for token in t.tokens) + ")"
        return f"({pg_quote(t.whole)}{weight} | {split})" if t.whole else split

    text = " & ".join("(" + " | ".join(term(t) for t in clause) + ")" for clause in query.clauses)
    for excluded in query.excluded:
        if not excluded.phrase:
            text += f" & !{term(excluded)}"
    return text


def _fts_match(query: Query) -> str:
    def term(t: Term) -> str:
        column = "title : " if t.field == fields.TITLE else ""  # FTS5's column filter
        split = "(" + " AND ".join(column + _fts_quote(token) for token in t.tokens) + ")"
        return f"({column}{_fts_quote(t.whole)} OR {split})" if t.whole else split

    text = " AND ".join(
        "(" + " OR ".join(term(t) for t in clause) + ")" for clause in query.clauses
    )
    for excluded in query.excluded:
        if not excluded.phrase:
            text = f"({text}) NOT {term(excluded)}"
    return text


def _phrase_q(term: Term) -> Q:
    if term.field == fields.TITLE:
        return Q(title__contains=term.text)
    return (
        Q(title__contains=term.text)
        | Q(kicker__contains=term.text)
        | Q(subtitle__contains=term.text)
        | Q(body__contains=term.text)
    )


class TsMatch(Func):
    """``vector @@ query``; column references go through the ORM, so table aliases are right."""

    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


class Bm25(Func):
    """An article's bm25 score in the FTS5 table, for the MATCH expression given."""

    template = (
        f"(SELECT -bm25({FTS_TABLE}, 10.0, 4.0, 1.0) FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH %(expressions)s)"
    )
    arg_joiner = " AND rowid = "
    output_field = FloatField()


def _tsquery_value(query: Query) -> Cast:
    return Cast(Value(_tsquery(query)), output_field=SearchQueryField())


def _matching(query: Query, vendor: str) -> Q:
    if vendor == "postgresql":
        return Q(TsMatch(F("search_vector"), _tsquery_value(query)))
    sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
    return Q(id__in=RawSQL(sql, [_fts_match(query)]))


def _rank(query: Query, vendor: str) -> Func:
    if vendor == "postgresql":
        return Func(
            F("search_vector"), _tsquery_value(query), function="ts_rank", output_field=FloatField()
        )
    # bm25 is lower for better matches; negated so both back ends sort rank descending.
    return Bm25(Value(_fts_match(query)), F("id"))


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
    matched = articles.filter(_matching(query, vendor))
    key = (articles.db, _tsquery(query))
    if probes is not None and key in probes:
        few, estimate = probes[key]
    else:
        few, estimate = _few_matches(articles, query, vendor)
        if probes is not None:
            probes[key] = few, estimate
    if few is not None:
        matched = articles.filter(pk__in=few)
    exact = matched
    for clause in query.clauses:
        phrases = [term for term in clause if term.phrase]
        if phrases and len(phrases) == len(clause):
            condition = Q()
            for term in phrases:
                condition |= _phrase_q(term)
            exact = exact.filter(condition)
    for term in query.excluded:
        if term.phrase:
            exact = exact.exclude(_phrase_q(term))
    if not rank:
        return exact
    # Rank at most the newest RELEVANCE_CANDIDATES token matches: a rare word ranks all of its
    # few matches; a word in half the archive does not make ts_rank (or the phrase check, which
    # reads the body) go through half the archive.
    newest = matched.order_by(F("published_on").desc(nulls_last=True), "-id")
    candidates = newest.values("pk")[:RELEVANCE_CANDIDATES]
    if few is None and estimate is not None and estimate <= SORTED_UP_TO:
        # Neither few nor common (some thousands of matches): walking the date index would
        # check tens of thousands of rows' TOASTed vectors for the newest 500 (230 ms at
        # 250,000 articles). In the same order by an expression no index has, and with the
        # table scan (which checks every row's vector) ruled out, PostgreSQL reads the
        # matches through the GIN index and sorts them (5 ms).
        by_date = matched.order_by(Coalesce("published_on", Value(EARLIEST)).desc(), "-id")
        newest_ids = by_date.values_list("pk", flat=True)[:RELEVANCE_CANDIDATES]
        candidates = remembered(
            figures_key("candidates", newest_ids), lambda: _through_indexes(newest_ids)
        )
    return (
        exact.filter(pk__in=candidates)
        .annotate(rank=_rank(query, vendor))
        .order_by("-rank", F("published_on").desc(nulls_last=True), "-id")
    )


def _with_fields(articles: QuerySet, mixed, excluded: list[Term], vendor: str) -> QuerySet:
    """Articles meeting each clause with a person, place or page term (any of its terms: a
    filter, or a word the index finds) and none of the excluded ones."""
    for clause in mixed:
        condition = Q()
        for term in clause:
            if term.indexed:
                condition |= _matching(Query([[term]]), vendor)
            else:
                condition |= fields.field_q(term.field, term.text)
        articles = articles.filter(condition)
    for term in excluded:
        articles = articles.exclude(fields.field_q(term.field, term.text))
    return articles


def _few_matches(
    articles: QuerySet, query: Query, vendor: str
) -> tuple[list[int] | None, int | None]:
    """The ids matching the tokens if there are at most FEW_MATCHES, else None; and how many
    match by the planner's estimate (on PostgreSQL; elsewhere None). Asked of the index once
    per generation of the archive for each query, as a listing's figures are (``figures``).

    A word with few matches is then pinned to those rows, so no plan can walk the date index
    through the whole archive looking for them. On PostgreSQL a word the statistics call common
    skips the probe, and the probe may not scan the table: checking each row's TOASTed vector
    costs far more than the planner assumes.
    """
    matching = articles.model.objects.using(articles.db).filter(_matching(query, vendor))
    return remembered(figures_key("probe", matching), lambda: _probe(matching, vendor))


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
    ``length``, cut to a window around the first of them."""
    words_ = [w for w in marked if w]
    if length is not None:
        first = min((i for i in (text.find(w) for w in words_) if i >= 0), default=0)
        start = max(0, first - length // 4)
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
