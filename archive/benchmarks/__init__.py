"""What the benchmarks run beside the real code: the naive way of each page and a query count
on every response for ``bench_http`` (``archive.benchmarks.settings``), and the parse with the
name recogniser for ``bench_import`` (``archive.benchmarks.recognizer``)."""
