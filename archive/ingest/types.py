"""What the parser returns: frozen dataclasses, plain data, no database."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class ParsedByline:
    name: str
    role: str  # as printed: 记者, 摄影, 通讯员, 整理, 编辑, 图文, 作者, 实习生


@dataclass(frozen=True)
class ParsedPhoto:
    caption: str
    credit: str
    photographer: str | None
    source: str  # staff, interviewee, archive, agency, other, unknown


@dataclass(frozen=True)
class ParsedQuote:
    speaker: str
    title: str | None
    text: str
    direct: bool


@dataclass(frozen=True)
class ParsedDistrict:
    name: str
    mentions: int
    former_name: str | None = None


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    body: str
    kicker: str | None = None
    subtitle: str | None = None
    column: str | None = None
    original_title: str | None = None
    publication: str | None = None
    published_on: str | None = None  # YYYY-MM-DD
    page: str | None = None
    bylines: tuple[ParsedByline, ...] = ()
    photos: tuple[ParsedPhoto, ...] = ()
    quotes: tuple[ParsedQuote, ...] = ()
    districts: tuple[ParsedDistrict, ...] = ()
    sections: tuple[str, ...] = ()
    # Where the page came from: its web address (front matter ``url:`` or the page's own
    # 原文链接 line), whether it is a print page or a web page, and when it was read.
    source_url: str | None = None
    source_kind: str = "print"  # print or web
    accessed_on: str | None = None  # YYYY-MM-DD
    raw_text: str = field(default="", repr=False)
    # What the importer should tell the archivist about the file (a date that is no day).
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def as_json(self, *, source: str) -> dict:
        """The public JSON shape of ``import_articles --dry-run --json``."""
        data = asdict(self)
        return {
            "source": source,
            "title": self.title,
            "kicker": self.kicker,
            "subtitle": self.subtitle,
            "column": self.column,
            "original_title": self.original_title,
            "publication": self.publication,
            "published_on": self.published_on,
            "page": self.page,
            "bylines": data["bylines"],
            "photos": [
                {key: photo[key] for key in ("caption", "credit", "photographer")}
                for photo in data["photos"]
            ],
            "quotes": data["quotes"],
            "districts": [district.name for district in self.districts],
            "sections": list(self.sections),
            "source_url": self.source_url,
            "source_kind": self.source_kind,
            "accessed_on": self.accessed_on,
            "body": self.body,
        }


class IngestError(ValueError):
    """A file that cannot be imported; the message says why, in words an archivist understands."""
