"""The archive's data version and what is kept under it in the shared cache (below the selectors).

``versions``: the archive's generation (the release and the last whole-archive write) and the
versions of its scopes (an article, a person, a district, a day, a year, the listing of every
article), which writes move; ``stored``: figures and fragments kept under those versions, within
budgets; ``figures``: a listing's counts, read once per request; ``backend``: the Redis cache
that answers a miss when Redis does not. Whole public pages (the HTTP page cache, which knows
the site's URLs) are ``archive.web.page_cache``'s. The design, and which write makes which page
stale, is in docs/caching.md.
"""
