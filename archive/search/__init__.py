"""Chinese full-text search: one tokenizer, one index, one query language, two back ends that
return the same articles.

- ``tokens``: jieba, lazily, with the archive's user dictionary (the one place jieba is used);
- ``index``: writing each article's weighted tokens (services call it after every write);
- ``query``: the query language and the query itself, relevance and snippets (selectors call it).
"""

from archive.search.index import (
    article_index,
    document_fields,
    index_data,
    index_fields,
    index_store,
    parsed_document_fields,
    tsvector_literal,
    vector_expression,
)
from archive.search.query import (
    RELEVANCE_CANDIDATES,
    SNIPPET_LENGTH,
    Query,
    highlight,
    parse_query,
    reader_query,
    search,
    search_ready,
)

__all__ = [
    "RELEVANCE_CANDIDATES",
    "SNIPPET_LENGTH",
    "Query",
    "article_index",
    "document_fields",
    "highlight",
    "index_data",
    "index_fields",
    "index_store",
    "parse_query",
    "parsed_document_fields",
    "reader_query",
    "search",
    "search_ready",
    "tsvector_literal",
    "vector_expression",
]
