"""Writing the search index: an article's weighted texts, tokenized by jieba, stored per article.

Weighted title (A) > kicker, subtitle, column, people and places (B) > body and captions (C).
PostgreSQL keeps the tokens in a ``tsvector`` column with a GIN index, built here as a literal,
never by PostgreSQL's text parser, so the server's locale never touches Chinese text; SQLite in
an FTS5 table. Services call these after every write that changes an article's words.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Cast

from archive.search.tokens import add_words, search_tokens

MAX_POSITION = 16383  # PostgreSQL's largest tsvector position
FTS_TABLE = "archive_article_fts"
WEIGHTS = ("A", "B", "C")  # title; kicker, subtitle, column, people, places; body and captions


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
    positions: dict[str, list[str]] = defaultdict(list)
    position = 0
    for weight, text in zip(WEIGHTS, fields, strict=True):
        for token in search_tokens(text):
            position = min(position + 1, MAX_POSITION)
            if len(positions[token]) < 256:
                positions[token].append(f"{position}{weight}")
    return " ".join(f"{pg_quote(token)}:{','.join(marks)}" for token, marks in positions.items())


def article_index(articles) -> int:
    """Store the search tokens of these articles (prefetch bylines, quotes, links, photos)."""
    count = 0
    for article in articles:
        index_fields(article.pk, document_fields(article))
        count += 1
    return count


def vector_expression(fields: tuple[str, str, str], vendor: str):
    """On PostgreSQL, the search vector as an expression to save with the row; else None."""
    if vendor != "postgresql":
        return None
    return Cast(Value(tsvector_literal(fields)), output_field=SearchVectorField())


def index_fields(article_id: int, fields: tuple[str, str, str]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE archive_article SET search_vector = %s::tsvector WHERE id = %s",
                [tsvector_literal(fields), article_id],
            )
            return
        title, meta, body = (" ".join(search_tokens(text)) for text in fields)
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [article_id])
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, meta, body) VALUES (%s, %s, %s, %s)",
            [article_id, title, meta, body],
        )


def pg_quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
