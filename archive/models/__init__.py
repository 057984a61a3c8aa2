from archive.models.articles import (
    Article,
    ArticleDistrict,
    ArticleQuerySet,
    Byline,
    Photo,
    Publication,
    Quote,
    Role,
)
from archive.models.people import Author, AuthorAlias, Speaker, SpeakerAlias
from archive.models.places import District
from archive.models.review import ArticleDoubt, Doubt

__all__ = [
    "Article",
    "ArticleDistrict",
    "ArticleDoubt",
    "ArticleQuerySet",
    "Author",
    "AuthorAlias",
    "Byline",
    "District",
    "Doubt",
    "Photo",
    "Publication",
    "Quote",
    "Role",
    "Speaker",
    "SpeakerAlias",
]
