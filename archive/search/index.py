"""Writing the search index: an article's weighted texts, tokenized by jieba, stored per article.

Weighted title (A) > kicker, subtitle, column, people and places (B) > body and captions (C).
PostgreSQL keeps the tokens in a ``tsvector`` column with a GIN index, built here as a literal,
never by PostgreSQL's text parser, so the server's locale never touches Chinese text; SQLite in
an FTS5 table. Services call these after every write that changes an article's words.
"""

from __future__ import annotations

import contextlib
from typing import NamedTuple

from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Cast

from archive.search.characters import bigram_tsvector, bigram_words
from archive.search.tokens import add_words, search_tokens

MAX_POSITION = 16383  # PostgreSQL's largest tsvector position
FTS_TABLE = "archive_article_fts"
CHARACTERS_TABLE = "archive_article_chars"  # SQLite's bigrams (migration 0017)
WEIGHTS = ("A", "B", "C")  # title; kicker, subtitle, column, people, places; body and captions


class Document(NamedTuple):
    """An article's searchable texts: the three weighted ones (jieba's tokens); the people and
    captions, which live on other rows (``extra``, kept beside the article's own columns); and
    all the printed text the character index holds (``printed``: not the districts an editor
    or the parser linked, which ``区:`` searches, as the truth is what the page says)."""

    title: str
    meta: str
    body: str
    extra: str = ""
    printed: str = ""


class IndexData(NamedTuple):
    """What the index stores for one article (``index_data``)."""

    words: str | tuple[str, str, str]  # a tsvector literal, or the three fields' tokens (FTS5)
    characters: str  # the bigrams: a tsvector literal, or FTS5 text
    extra: str  # Document.extra


def document_fields(article) -> Document:
    """The three weighted texts of an article, from what the database holds now."""
    return _fields(
        article,
        people=[b.author.name for b in article.bylines.all()]
        + [q.speaker.name for q in article.quotes.all()],
        places=[link.district.name for link in article.district_links.all()],
        captions=[photo.caption for photo in article.photos.all()],
    )


def parsed_document_fields(parsed) -> Document:
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
    extra = "\n".join(filter(None, [*people, *captions]))
    return Document(
        article.title,
        "\n".join(filter(None, [*meta, *people, *places])),
        "\n".join([article.body, *captions]),
        extra,
        "\n".join(filter(None, [article.title, *meta, article.body, extra])),
    )


def tsvector_literal(fields: tuple[str, str, str]) -> str:
    """A tsvector in PostgreSQL's input syntax: 'token':1A,7C … (positions capped, at most 256
    per token, as PostgreSQL keeps). Written for speed: an import builds one per article, so
    each position's mark is looked up, not formatted."""
    marks_of: dict[str, list[str]] = {}
    before = 0  # positions before this field's
    for weight_marks, text in zip(_MARKS, fields[:3], strict=True):
        tokens = search_tokens(text)
        for position, token in enumerate(tokens, before + 1):
            marks = marks_of.get(token)
            if marks is None:
                marks_of[token] = [weight_marks[min(position, MAX_POSITION)]]
            elif len(marks) < 256:
                marks.append(weight_marks[min(position, MAX_POSITION)])
        before += len(tokens)
    tokens = "".join(marks_of)
    if "'" in tokens or "\\" in tokens:
        return " ".join(f"{pg_quote(t)}:{','.join(m)}" for t, m in marks_of.items())
    return " ".join(f"'{t}':{','.join(m)}" for t, m in marks_of.items())


# Every position's mark in each weight: _MARKS[1][7] == "7B".
_MARKS = [[f"{n}{weight}" for n in range(MAX_POSITION + 1)] for weight in WEIGHTS]


def article_index(articles) -> int:
    """Store the search tokens of these articles (prefetch bylines, quotes, links, photos)."""
    count = 0
    for article in articles:
        index_fields(article.pk, document_fields(article))
        count += 1
    return count


def index_data(fields: Document, vendor: str) -> IndexData:
    """What the index stores for these texts: tsvector literals on PostgreSQL, the three
    fields' tokens and the bigrams for FTS5 elsewhere. No database, so a process pool can
    compute it."""
    printed = fields.printed if _characters_wanted else ""
    if vendor == "postgresql":
        words, characters = tsvector_literal(fields), bigram_tsvector(printed)
    else:
        words = tuple(" ".join(search_tokens(text)) for text in fields[:3])
        characters = bigram_words(printed)
    return IndexData(words, characters, fields.extra)


_characters_wanted = True


@contextlib.contextmanager
def characters_left_out():
    """Index no bigrams while inside (an empty entry each): for ``bench_import``, which
    measures what the character index costs an import. Worker processes forked inside inherit
    it."""
    global _characters_wanted
    _characters_wanted = False
    try:
        yield
    finally:
        _characters_wanted = True


def vector_expression(data: str):
    """On PostgreSQL, a search vector (``index_data``) as an expression to save with the row."""
    return Cast(Value(data), output_field=SearchVectorField())


def index_fields(article_id: int, fields: Document) -> None:
    index_store([(article_id, index_data(fields, connection.vendor))])


def index_store(rows: list[tuple[int, IndexData]], *, rows_written: bool = False) -> None:
    """Store ``(article id, index_data)`` rows, all in one statement per kind. An import
    (``rows_written``) has just written ``search_extra`` with each article's row."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                "UPDATE archive_article SET search_vector = %s::tsvector, "
                "search_chars = %s::tsvector, search_extra = %s WHERE id = %s",
                [(data.words, data.characters, data.extra, pk) for pk, data in rows],
            )
            return
        ids = [(article_id,) for article_id, _data in rows]
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", ids)
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, meta, body) VALUES (%s, %s, %s, %s)",
            [(article_id, *data.words) for article_id, data in rows],
        )
        cursor.executemany(f"DELETE FROM {CHARACTERS_TABLE} WHERE rowid = %s", ids)
        cursor.executemany(
            f"INSERT INTO {CHARACTERS_TABLE} (rowid, chars) VALUES (%s, %s)",
            [(article_id, data.characters) for article_id, data in rows],
        )
        if not rows_written:
            cursor.executemany(
                "UPDATE archive_article SET search_extra = %s WHERE id = %s",
                [(data.extra, article_id) for article_id, data in rows],
            )


def pg_quote(token: str) -> str:
    if "'" in token or "\\" in token:
        token = token.replace("\\", "\\\\").replace("'", "''")
    return f"'{token}'"
