"""The read-only JSON API under /api/: the listing's articles with exactly its filters and
search (the same FilterSet), an article's full record, people and places with counts, coverage
over time, and an OpenAPI description. Plain Django views: see the README for why."""
