# The README's commands. `make run` sets everything up and serves the archive on SQLite;
# `make test` sets up and runs the test suite (add DATABASE_URL=postgres://... for PostgreSQL).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
DEV := DJANGO_DEBUG=$${DJANGO_DEBUG:-1}
# The labelled development set, kept outside the repository (its texts are third-party).
DEVSET ?= ../shared/devset

.PHONY: install migrate seed run test evaluate lint format superuser

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(DEV) $(PY) manage.py migrate --noinput

seed: migrate
	$(DEV) $(PY) manage.py import_articles seeds/

run: seed
	$(DEV) $(PY) manage.py runserver $(HOST)

test: install
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-test-only-not-secret} $(PY) -m pytest

# The parser's F1 on the development set; fails below the floor in .ci/parser-f1-floor.
evaluate: install
	$(DEV) $(PY) manage.py evaluate_parser --gold $(DEVSET)/gold.json $(DEVSET)/texts/ \
		--min-f1 $$(cat .ci/parser-f1-floor)

# ruff, and the layers of pyproject.toml's import contracts (a cycle or an upward import fails).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

superuser: migrate
	$(DEV) $(PY) manage.py createsuperuser
