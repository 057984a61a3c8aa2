"""The Celery app: ``celery -A archive worker`` imports files sent by ``import_articles --queue``.

Why: one machine parses and tokenizes a few hundred articles a second; a newspaper's whole run
goes faster on several. Workers need only the code, ``DATABASE_URL`` and ``REDIS_URL`` (the broker
and the result store): files travel in the message, so they need no shared disk.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

app = Celery("archive")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["archive"])
