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

__all__ = [
    "Article",
    "ArticleDistrict",
    "ArticleQuerySet",
    "Author",
    "AuthorAlias",
    "Byline",
    "District",
    "Photo",
    "Publication",
    "Quote",
    "Role",
    "Speaker",
    "SpeakerAlias",
]
