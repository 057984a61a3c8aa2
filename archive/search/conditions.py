"""A parsed query as SQL on both back ends: by words (jieba's tokens, which rank) and by
characters (the bigrams, then the exact string, which find). Built as literals here, as the
index is, so PostgreSQL and SQLite return the same articles.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQueryField
from django.db.models import BooleanField, F, FloatField, Func, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from archive.search import fields
from archive.search.characters import Pattern, fold
from archive.search.index import CHARACTERS_TABLE, FTS_TABLE, pg_quote
from archive.search.language import Query, Term

# The article's own columns the exact-string check reads, with search_extra (people and
# captions): the printed text the character index holds.
TEXT_COLUMNS = ("title", "kicker", "subtitle", "column", "original_title", "body", "search_extra")


class TsMatch(Func):
    """``vector @@ query``; column references go through the ORM, so table aliases are right."""

    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


def _tsquery_value(text: str) -> Cast:
    return Cast(Value(text), output_field=SearchQueryField())


def _fts_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


# By words ------------------------------------------------------------------------------------


def words_tsquery(query: Query) -> str:
    def term(t: Term) -> str:
        weight = ":A" if t.field == fields.TITLE else ""  # the title's tokens are weighted A
        split = "(" + " & ".join(pg_quote(token) + weight for token in t.tokens) + ")"
        return f"({pg_quote(t.whole)}{weight} | {split})" if t.whole else split

    text = " & ".join("(" + " | ".join(term(t) for t in clause) + ")" for clause in query.clauses)
    for excluded in query.excluded:
        if not excluded.phrase:
            text += f" & !{term(excluded)}"
    return text


def _words_fts(query: Query) -> str:
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


def phrase_q(term: Term) -> Q:
    """The term as written in the title, or in the title, kicker, subtitle or body."""
    if term.field == fields.TITLE:
        return Q(title__contains=term.text)
    return (
        Q(title__contains=term.text)
        | Q(kicker__contains=term.text)
        | Q(subtitle__contains=term.text)
        | Q(body__contains=term.text)
    )


class Bm25(Func):
    """An article's bm25 score in the FTS5 table, for the MATCH expression given."""

    template = (
        f"(SELECT -bm25({FTS_TABLE}, 10.0, 4.0, 1.0) FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH %(expressions)s)"
    )
    arg_joiner = " AND rowid = "
    output_field = FloatField()


def words_q(query: Query, vendor: str) -> Q:
    """Articles whose tokens match (phrases are checked apart: ``phrase_q``)."""
    if vendor == "postgresql":
        return Q(TsMatch(F("search_vector"), _tsquery_value(words_tsquery(query))))
    sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
    return Q(id__in=RawSQL(sql, [_words_fts(query)]))


def words_rank(query: Query, vendor: str) -> Func:
    if vendor == "postgresql":
        return Func(
            F("search_vector"),
            _tsquery_value(words_tsquery(query)),
            function="ts_rank",
            output_field=FloatField(),
        )
    # bm25 is lower for better matches; negated so both back ends sort rank descending.
    return Bm25(Value(_words_fts(query)), F("id"))


# By characters --------------------------------------------------------------------------------


def characters_q(query: Query, vendor: str) -> Q:
    """Articles containing, as written (folded), some term of every clause and no excluded
    term: the bigram index finds the candidates, the text decides."""
    condition = _bigrams_q(query, vendor)
    for clause in query.clauses:
        if all(_by_index_alone(term) for term in clause):
            continue  # the bigram index answered it exactly
        either = Q()
        for term in clause:
            if _by_index_alone(term):
                either |= _bigrams_q(Query([[term]]), vendor)
            else:
                either |= _contains_q(term)
        condition &= either
    for term in query.excluded:
        if not _by_index_alone(term):
            condition &= ~_contains_q(term)
    return condition


def _by_index_alone(term: Term) -> bool:
    return term.field == "" and term.characters.answered_by_index


def _bigrams_q(query: Query, vendor: str) -> Q:
    excluded = [term for term in query.excluded if _by_index_alone(term)]
    if vendor == "postgresql":
        text = " & ".join(
            "(" + " | ".join(_pattern_tsquery(t.characters) for t in clause) + ")"
            for clause in query.clauses
        )
        text += "".join(f" & !({_pattern_tsquery(t.characters)})" for t in excluded)
        return Q(TsMatch(F("search_chars"), _tsquery_value(text)))
    text = " AND ".join(
        "(" + " OR ".join(_pattern_fts(t.characters) for t in clause) + ")"
        for clause in query.clauses
    )
    for term in excluded:
        text = f"({text}) NOT ({_pattern_fts(term.characters)})"
    sql = f"SELECT rowid FROM {CHARACTERS_TABLE} WHERE {CHARACTERS_TABLE} MATCH %s"
    return Q(id__in=RawSQL(sql, [text]))


def _pattern_tsquery(pattern: Pattern) -> str:
    entries = [f"'{bigram}'" for bigram in pattern.bigrams]
    entries += [f"'{character}':*" for character in pattern.prefixes]
    return " & ".join(entries)


def _pattern_fts(pattern: Pattern) -> str:
    entries = [_fts_quote(bigram) for bigram in pattern.bigrams]
    entries += [_fts_quote(character) + "*" for character in pattern.prefixes]
    return " AND ".join(entries)


class Contains(Func):
    """``needle`` in the text (strpos / instr), folded unless the needle is Han only."""

    output_field = BooleanField()

    def __init__(self, *columns: str, needle: str, plain: bool):
        super().__init__(*[F(column) for column in columns], Value(needle))
        self.plain = plain

    def _sql(self, compiler, connection, find: str, joined: str, folded: str):
        *columns, needle = self.get_source_expressions()
        parts, params = [], []
        for column in columns:
            sql, column_params = compiler.compile(column)
            parts.append(sql)
            params += column_params
        text = joined.join(parts)
        if not self.plain:
            text = folded.replace("{}", text)
        needle_sql, needle_params = compiler.compile(needle)
        return f"{find}({text}, {needle_sql}) > 0", [*params, *needle_params]

    def as_postgresql(self, compiler, connection, **extra):
        fold_sql = "lower(normalize({}, NFKC))"
        return self._sql(compiler, connection, "strpos", " || chr(10) || ", fold_sql)

    def as_sqlite(self, compiler, connection, **extra):
        if not self.plain:
            _teach_fold(connection)
        return self._sql(compiler, connection, "instr", " || char(10) || ", "search_fold({})")


def _contains_q(term: Term) -> Q:
    columns = ("title",) if term.field == fields.TITLE else TEXT_COLUMNS
    pattern = term.characters
    return Q(Contains(*columns, needle=pattern.text, plain=pattern.plain))


def _teach_fold(connection) -> None:
    """Give the SQLite connection about to run a check ``search_fold`` (the index's NFKC and
    lower case), which SQLite lacks (PostgreSQL has normalize() and lower()); once for each
    connection it opens."""
    connection.ensure_connection()
    raw = connection.connection
    if getattr(connection, "_search_fold_for", None) is not raw:
        raw.create_function("search_fold", 1, _fold_or_null, deterministic=True)
        connection._search_fold_for = raw


def _fold_or_null(text: str | None) -> str | None:
    return None if text is None else fold(text)
