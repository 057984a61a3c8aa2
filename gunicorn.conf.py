"""gunicorn settings, read from the project folder: ``gunicorn archive.wsgi``.

Why: the search tokenizer's dictionary and every known person's name take a second or two to
load. Loaded once in the master before it forks, every worker shares those pages and its first
search is as fast as its second (``python manage.py bench_first_search`` measures both ways).
"""

preload_app = True  # import Django in the master, so the hook below can use it


def when_ready(server):
    """Runs in the master after the app is loaded and before the first worker is forked."""
    from archive.search import search_ready

    search_ready()
