"""What a parsed query is: clauses of terms, each term searched by words and by characters.

``query.parse_query`` makes these from what a reader typed; ``conditions`` turns them into SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.search import fields
from archive.search.characters import Pattern, pattern
from archive.search.tokens import TOKEN

SINGLE_CHARACTER = 1


@dataclass(frozen=True)
class Term:
    text: str
    tokens: tuple[str, ...]  # jieba's words (may be none: 14.8% has no word jieba keeps)
    phrase: bool = False  # by words: the tokens must also occur as written
    field: str = ""  # "" (anywhere) or one of search.fields: title, author, speaker, district, page

    @property
    def indexed(self) -> bool:
        """Answered by the search indexes (words anywhere, or in the title)."""
        return self.field in fields.INDEXED

    @property
    def characters(self) -> Pattern | None:
        """What the term asks of the character index (None for a person, place or page)."""
        return pattern(self.text) if self.indexed else None

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
        """What to mark in a snippet, longest first: each term as typed, and the words jieba
        found in it, but no single character of a longer term (村 in 村委会 is not marked
        wherever a 村 stands)."""
        terms = [term for clause in self.clauses for term in clause if term.indexed]
        found = {term.text for term in terms}
        found |= {t for term in terms for t in term.tokens if len(t) > SINGLE_CHARACTER}
        return sorted(found, key=len, reverse=True)

    def split(self) -> tuple[Query, list[list[Term]], list[Term]]:
        """The part the search indexes answer alone; the clauses with a person, place or page
        term (each clause ORs its terms, so the indexes cannot answer it alone); and the
        excluded person, place or page terms."""
        indexed = Query(
            [c for c in self.clauses if all(t.indexed for t in c)],
            [t for t in self.excluded if t.indexed],
        )
        mixed = [c for c in self.clauses if not all(t.indexed for t in c)]
        return indexed, mixed, [t for t in self.excluded if not t.indexed]

    def by_words(self) -> Query | None:
        """The query as jieba's tokens can answer it: the terms that have tokens; None if a
        clause has none (14.8% alone), when no article matches it by words."""
        clauses = [[term for term in clause if term.tokens] for clause in self.clauses]
        if not all(clauses):
            return None
        return Query(clauses, [term for term in self.excluded if term.tokens])
