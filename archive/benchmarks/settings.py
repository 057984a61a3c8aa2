"""The site's settings plus the naive pages and a query count per response, for bench_http."""

from archive.settings import *  # noqa: F403
from archive.settings import MIDDLEWARE

ROOT_URLCONF = "archive.benchmarks.urls"
MIDDLEWARE = ["archive.benchmarks.naive.QueryCountMiddleware", *MIDDLEWARE]
# bench_http times how each page is rendered, beside the naive page: a stored copy would time
# the cache instead (bench_load --serve measures that).
ARCHIVE_PAGE_CACHE_SECONDS = 0
