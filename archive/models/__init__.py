from archive.models.articles import (
    Article,
    ArticleDistrict,
    ArticleQuerySet,
    Byline,
    Photo,
    Publication,
    Quote,
    Role,
    SourceKind,
)
from archive.models.copies import ArticleCopy, ArticleSignature, SignatureBand
from archive.models.people import Author, AuthorAlias, Speaker, SpeakerAlias
from archive.models.places import District
from archive.models.review import ArticleDoubt, Doubt

__all__ = [
    "Article",
    "ArticleCopy",
    "ArticleDistrict",
    "ArticleDoubt",
    "ArticleQuerySet",
    "ArticleSignature",
    "Author",
    "AuthorAlias",
    "Byline",
    "District",
    "Doubt",
    "Photo",
    "Publication",
    "Quote",
    "Role",
    "SignatureBand",
    "SourceKind",
    "Speaker",
    "SpeakerAlias",
]
