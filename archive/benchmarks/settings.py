"""The site's settings plus the naive pages and a query count per response, for bench_http."""

from archive.settings import *  # noqa: F403
from archive.settings import MIDDLEWARE

ROOT_URLCONF = "archive.benchmarks.urls"
MIDDLEWARE = ["archive.benchmarks.naive.QueryCountMiddleware", *MIDDLEWARE]
