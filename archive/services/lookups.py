"""Finding or creating what an import names: people (by name or alias), newspapers, districts."""

from __future__ import annotations

from django.utils.text import slugify

from archive.ingest.districts import DISTRICTS
from archive.models import Author, AuthorAlias, District, Publication, Speaker, SpeakerAlias


def unique_slug(model, name: str) -> str:
    """A URL slug from the name (Chinese kept as it is), numbered when taken."""
    base = slugify(name, allow_unicode=True)[:50] or "person"
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


class ImportCache:
    """Rows an import looks up again and again, by printed name; created on first sight.

    Lives for a whole run so 祝越 is looked up once, not once per article; cleared when a
    transaction rolls back.
    """

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self._authors: dict[str, Author] = {}
        self._speakers: dict[str, Speaker] = {}
        self._publications: dict[str, Publication] = {}
        self._districts: dict[str, District] = {}

    def prefetch(self, *, authors: set[str], speakers: set[str]) -> None:
        """Look up a batch's people at once (a query for names, one for aliases) and create the
        new ones in one statement each; call inside the batch's transaction."""
        authors, speakers = authors - self._authors.keys(), speakers - self._speakers.keys()
        self._authors |= people_find_or_create(Author, AuthorAlias, "author", authors)
        self._speakers |= people_find_or_create(Speaker, SpeakerAlias, "speaker", speakers)

    def author(self, name: str) -> Author:
        if name not in self._authors:
            self._authors[name] = person_get_or_create(Author, AuthorAlias, "author", name)
        return self._authors[name]

    def speaker(self, name: str) -> Speaker:
        if name not in self._speakers:
            self._speakers[name] = person_get_or_create(Speaker, SpeakerAlias, "speaker", name)
        return self._speakers[name]

    def publication(self, name: str | None) -> Publication | None:
        if not name:
            return None
        if name not in self._publications:
            self._publications[name] = publication_get_or_create(name=name)
        return self._publications[name]

    def district(self, name: str) -> District:
        if not self._districts:
            self._districts = {district.name: district for district in District.objects.all()}
        if name not in self._districts:
            # A row deleted by hand comes back from the fixed list instead of failing the run.
            info = next(d for d in DISTRICTS if d.name == name)
            self._districts[name], _ = District.objects.update_or_create(
                code=info.code, defaults=info._asdict()
            )
        return self._districts[name]


def publication_get_or_create(*, name: str) -> Publication:
    publication = Publication.objects.filter(name=name).first()
    if publication is None:
        publication = Publication.objects.create(name=name, slug=unique_slug(Publication, name))
    return publication


def people_by_name(model, alias_model, alias_field: str, names: set[str]) -> dict:
    """The people these names (or their aliases) already belong to, by name."""
    if not names:
        return {}
    found = {person.name: person for person in model.objects.filter(name__in=names)}
    if rest := names - found.keys():
        for alias in alias_model.objects.select_related(alias_field).filter(name__in=rest):
            found[alias.name] = getattr(alias, alias_field)
    return found


def people_find_or_create(model, alias_model, alias_field: str, names: set[str]) -> dict:
    """``people_by_name``, and the names nobody has yet created in one INSERT (a name whose slug is
    taken, or shared with another new name, one by one: ``person_get_or_create`` numbers it)."""
    found = people_by_name(model, alias_model, alias_field, names)
    slugs: dict[str, list[str]] = {}
    for name in sorted(names - found.keys()):
        slugs.setdefault(slugify(name, allow_unicode=True)[:50] or "person", []).append(name)
    taken = set(model.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    new = [
        model(name=batch[0], slug=slug)
        for slug, batch in slugs.items()
        if len(batch) == 1 and slug not in taken
    ]
    found |= {person.name: person for person in model.objects.bulk_create(new)}
    for name in names - found.keys():
        found[name] = person_get_or_create(model, alias_model, alias_field, name)
    return found


def person_get_or_create(model, alias_model, alias_field: str, name: str):
    person = model.objects.filter(name=name).first()
    if person is not None:
        return person
    alias = alias_model.objects.select_related(alias_field).filter(name=name).first()
    if alias is not None:
        return getattr(alias, alias_field)
    return model.objects.create(name=name, slug=unique_slug(model, name))
