"""What the HTTP benchmark serves beside the real site: the naive way of each page, and a
query count on every response. Used only by ``bench_http`` (``archive.benchmarks.settings``)."""
