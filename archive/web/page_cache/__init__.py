"""The HTTP page cache: whole public pages as readers get them (``pages``), served, stored and
revalidated by ``middleware.PublicPageCacheMiddleware``. It knows the site's URL vocabulary (the
parameters a page reads); the data versions it keys pages by are ``archive.cache.versions``'."""
