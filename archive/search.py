"""Chinese full-text search: one query language, two back ends that return the same articles.

Tokens come from jieba (``archive.ingest.tokens``) at write time and are stored per article,
weighted title > kicker, subtitle and people > body. PostgreSQL keeps them in a ``tsvector`` column
with a GIN index; SQLite in an FTS5 table. Both vectors and queries are built here as literals,
never by PostgreSQL's text parser, so results do not depend on the server's locale.

Query language: words must all match; ``"exact phrase"``; ``-excluded``; ``a OR b``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db import connection, connections
from django.db.models import BooleanField, F, FloatField, Func, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils.safestring import SafeString, mark_safe

from archive.ingest.tokens import TOKEN, add_words, search_tokens, words
from archive.pagination import estimated_count

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MAX_POSITION = 16383  # PostgreSQL's largest tsvector position
FTS_TABLE = "archive_article_fts"
SNIPPET_LENGTH = 120
RELEVANCE_CANDIDATES = 500
FEW_MATCHES = 2000
COMMON_ESTIMATE = 50_000  # planner's row estimate above which a word is common enough
WEIGHTS = ("A", "B", "C")  # title; kicker, subtitle, column, people, places; body and captions


# The query language -------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    text: str
    tokens: tuple[str, ...]
    phrase: bool = False

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
        found = {term.text for clause in self.clauses for term in clause}
        found |= {token for clause in self.clauses for term in clause for token in term.tokens}
        return sorted(found, key=len, reverse=True)


QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_query(text: str) -> Query:
    """Turn what a reader typed into clauses; anything unsearchable is dropped, never an error."""
    query = Query()
    joining = False
    for match in QUERY_PART.finditer(text[:MAX_QUERY_LENGTH]):
        negative, phrase, word = match.group(1), match.group(2), match.group(3)
        if word == "OR":
            joining = bool(query.clauses)
            continue
        if word is not None:
            negative, phrase_text, is_phrase = word.startswith("-") and len(word) > 1, word, False
            phrase_text = phrase_text[1:] if negative else phrase_text
        else:
            phrase_text, is_phrase = phrase, True
        tokens = tuple(dict.fromkeys(words(phrase_text)))
        if not tokens:
            continue
        # A term the tokenizer splits (养老床位 → 养老 / 床位) must also occur as written.
        exact = (is_phrase or len(tokens) > 1) and len(phrase_text.strip()) > 1
        term = Term(phrase_text.strip(), tokens, exact)
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


# Writing the index ------------------------------------------------------------------------


def document_fields(article) -> tuple[str, str, str]:
    """The three weighted texts of an article, from what the database holds now."""
    return _fields(
        article,
        people=[b.author.name for b in article.bylines.all()]
        + [q.speaker.name for q in article.quotes.all()],
        places=[link.district.name for link in article.district_links.all()],
        captions=[photo.caption for photo in article.photos.all()],
    )


def parsed_document_fields(parsed) -> tuple[str, str, str]:
    """The same texts from a parse, so an import indexes without reading its rows back."""
    return _fields(
        parsed,
        people=[b.name for b in parsed.bylines] + [q.speaker for q in parsed.quotes],
        places=[district.name for district in parsed.districts],
        captions=[photo.caption for photo in parsed.photos],
    )


def _fields(article, *, people: list[str], places: list[str], captions: list[str]):
    add_words(people)  # a name is one token, in the index and in later queries alike
    meta = [article.kicker, article.subtitle, article.column, article.original_title]
    return (
        article.title,
        "\n".join(filter(None, [*meta, *people, *places])),
        "\n".join([article.body, *captions]),
    )


def tsvector_literal(fields: tuple[str, str, str]) -> str:
    """A tsvector in PostgreSQL's input syntax: 'token':1A,7C … (positions capped)."""
    weighted = [
        (token, weight)
        for weight, text in zip(WEIGHTS, fields, strict=True)
        for token in search_tokens(text)
    ]
    positions: dict[str, list[str]] = {}
    for position, (token, weight) in enumerate(weighted, start=1):
        marks = positions.get(token)
        if marks is None:
            positions[token] = [f"{min(position, MAX_POSITION)}{weight}"]
        elif len(marks) < 256:
            marks.append(f"{min(position, MAX_POSITION)}{weight}")
    return " ".join(f"{_quote(token)}:{','.join(marks)}" for token, marks in positions.items())


def article_index(articles) -> int:
    """Store the search tokens of these articles (prefetch bylines, quotes, links, photos)."""
    count = 0
    for article in articles:
        index_fields(article.pk, document_fields(article))
        count += 1
    return count


def index_data(fields: tuple[str, str, str], vendor: str) -> str | tuple[str, str, str]:
    """What the index stores for these texts: the tsvector literal on PostgreSQL, the three
    fields' tokens for FTS5 elsewhere. No database, so a process pool can compute it."""
    if vendor == "postgresql":
        return tsvector_literal(fields)
    return tuple(" ".join(search_tokens(text)) for text in fields)


def vector_expression(data):
    """On PostgreSQL, the search vector (``index_data``) as an expression to save with the row."""
    return Cast(Value(data), output_field=SearchVectorField())


def index_fields(article_id: int, fields: tuple[str, str, str]) -> None:
    index_store([(article_id, index_data(fields, connection.vendor))])


def index_store(rows: list[tuple[int, str | tuple[str, str, str]]]) -> None:
    """Store ``(article id, index_data)`` rows, all in one statement per kind."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                "UPDATE archive_article SET search_vector = %s::tsvector WHERE id = %s",
                [(data, article_id) for article_id, data in rows],
            )
            return
        ids = [(article_id,) for article_id, _data in rows]
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", ids)
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, meta, body) VALUES (%s, %s, %s, %s)",
            [(article_id, *data) for article_id, data in rows],
        )


# Querying ---------------------------------------------------------------------------------


def _quote(token: str) -> str:
    if "'" in token or "\\" in token:
        token = token.replace("\\", "\\\\").replace("'", "''")
    return f"'{token}'"


def _fts_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _tsquery(query: Query) -> str:
    def term(t: Term) -> str:
        split = "(" + " & ".join(_quote(token) for token in t.tokens) + ")"
        return f"({_quote(t.whole)} | {split})" if t.whole else split

    text = " & ".join("(" + " | ".join(term(t) for t in clause) + ")" for clause in query.clauses)
    for excluded in query.excluded:
        if not excluded.phrase:
            text += f" & !{term(excluded)}"
    return text


def _fts_match(query: Query) -> str:
    def term(t: Term) -> str:
        split = "(" + " AND ".join(_fts_quote(token) for token in t.tokens) + ")"
        return f"({_fts_quote(t.whole)} OR {split})" if t.whole else split

    text = " AND ".join(
        "(" + " OR ".join(term(t) for t in clause) + ")" for clause in query.clauses
    )
    for excluded in query.excluded:
        if not excluded.phrase:
            text = f"({text}) NOT {term(excluded)}"
    return text


def _phrase_q(term: Term) -> Q:
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


def search(articles: QuerySet, text: str, *, rank: bool = True) -> QuerySet:
    """Articles matching the query, by relevance then recency; none if nothing is searchable."""
    load_people_words(articles.db)
    query = parse_query(text)
    if query.empty:
        return articles.none()
    vendor = connections[articles.db].vendor
    matched = articles.filter(_matching(query, vendor))
    few = _few_matches(articles, query, vendor)
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
    return (
        exact.filter(pk__in=candidates)
        .annotate(rank=_rank(query, vendor))
        .order_by("-rank", F("published_on").desc(nulls_last=True), "-id")
    )


def _few_matches(articles: QuerySet, query: Query, vendor: str) -> list[int] | None:
    """The ids matching the tokens if there are at most FEW_MATCHES, else None.

    A word with few matches is then pinned to those rows, so no plan can walk the date index
    through the whole archive looking for them. On PostgreSQL a word the statistics call common
    skips the probe, and the probe may not scan the table: checking each row's TOASTed vector
    costs far more than the planner assumes.
    """
    matching = articles.model.objects.using(articles.db).filter(_matching(query, vendor))
    probe = matching.order_by().values_list("pk", flat=True)[: FEW_MATCHES + 1]
    if vendor != "postgresql":
        found = list(probe)
    elif (estimated_count(matching) or 0) > COMMON_ESTIMATE:
        return None
    else:
        with connections[articles.db].cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            try:
                found = list(probe)
            finally:
                cursor.execute("RESET enable_seqscan")
    return found if len(found) <= FEW_MATCHES else None


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
