"""Chinese full-text search: one tokenizer, two indexes (words that rank, characters that find),
one query language, two back ends that return the same articles.

- ``tokens``: jieba, lazily, with the archive's user dictionary (the one place jieba is used);
- ``characters``: the character bigrams that find what jieba cut differently (pure text);
- ``index``: writing each article's weighted tokens and bigrams (services call it after every
  write);
- ``language``: a parsed query's terms and clauses; ``conditions``: those as SQL on each back end;
- ``query``: the query language's parser and the search itself, relevance and snippets
  (selectors call it).
"""

from archive.search.index import (
    Document,
    IndexData,
    article_index,
    document_fields,
    index_data,
    index_fields,
    index_store,
    parsed_document_fields,
    tsvector_literal,
    vector_expression,
)
from archive.search.language import Query
from archive.search.query import (
    RELEVANCE_CANDIDATES,
    SNIPPET_LENGTH,
    highlight,
    parse_query,
    reader_query,
    search,
    search_ready,
)

__all__ = [
    "RELEVANCE_CANDIDATES",
    "SNIPPET_LENGTH",
    "Document",
    "IndexData",
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
