# Two commands do all set-up: `make run` and `make test`. See README.md.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# The first Python >= 3.12 found; pyenv's .python-version makes python3 resolve to 3.13 here.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& echo $$p && break; done)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv migrate demo lint format requirements prod-check serve worker bench loadtest faulttest smoke clean

$(BIN)/.installed: requirements/dev.txt
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (pyenv install 3.13)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $@

venv: $(BIN)/.installed

migrate: venv
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py load_demo

# Imports and matching run in a db_worker beside the server, as in production: a large import
# never runs inside a request. Stopping the server (Ctrl-C) stops the worker too.
run: demo
	@TASKS_BACKEND=database DEBUG=true $(BIN)/python manage.py db_worker --no-reload -v0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	TASKS_BACKEND=database DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

# pytest's exit code 5 means no test ran: that is a failure here, said plainly.
test: venv
	$(BIN)/python manage.py makemigrations --check --dry-run >/dev/null
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc

lint: venv
	$(BIN)/ruff check .

format: venv
	$(BIN)/ruff format .

# Regenerate the pinned requirements from pyproject.toml (uv is in the dev requirements).
requirements: venv
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --quiet --python-version 3.12 -o requirements/base.txt
	$(BIN)/uv pip compile pyproject.toml --quiet --python-version 3.12 --group dev -o requirements/dev.txt

# Production settings must pass Django's deployment checks with no warning at all.
prod-check: venv
	DEBUG=false HTTPS=true PROXY_SSL_HEADER=true STATIC_MANIFEST=true ALLOWED_HOSTS=factcheck.example \
	SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# Production-like serving (see README, "Running in production").
serve: venv
	$(BIN)/python manage.py migrate --no-input
	STATIC_MANIFEST=true $(BIN)/python manage.py collectstatic --no-input -v0
	STATIC_MANIFEST=true $(BIN)/gunicorn factcheck.wsgi -b $(HOST):$(PORT) --workers 3 --threads 4

worker: venv
	TASKS_BACKEND=database $(BIN)/python manage.py db_worker

bench: venv
	$(BIN)/python manage.py bench_extraction
	$(BIN)/python manage.py bench_import --copies 1000
	$(BIN)/python manage.py bench_matching --quotes 10000
	$(BIN)/python manage.py bench_queue --statements 100000

# On PostgreSQL at 127.0.0.1 (DATABASE_URL is set by the scripts), 50 clients for 60 s.
loadtest: venv
	bench/loadtest.sh 100000 50 60 2

faulttest: venv
	bench/faulttest.sh 300

# The short versions CI runs.
smoke: venv
	bench/loadtest.sh 2000 5 5
	bench/faulttest.sh 150

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache artifacts
