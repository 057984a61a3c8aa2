"""What the archive keeps in the shared cache, and what makes it stale.

``versions``: the archive's generation and the versions of its scopes (an article, a person, a
district, a day, a year, the listing of every article), which writes move; ``stored``: figures
and fragments kept under those versions, within budgets; ``pages``: whole public pages as
readers get them, with their ETags, and one render at a time of a cold page. The design, and
which write makes which page stale, is in docs/caching.md.
"""
