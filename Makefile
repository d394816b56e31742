# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run serve test test-servers check venv messages lighthouse

# Reinstall only when the requirements change.
$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed

# The Korean translation (locale/ko/LC_MESSAGES/django.po) compiled for
# Django; the .mo files are made here, not kept in git. gettext's msgfmt does
# the work: installed when missing on a Debian machine run as root, as CI is.
# The development settings, as for any target: compiling needs no secret.
messages: export DJANGO_SETTINGS_MODULE = magazine.settings.dev
messages: venv
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && apt-get update -qq && apt-get install -y -qq gettext >/dev/null; } \
	  || { echo "msgfmt is missing: install gettext (apt-get install gettext)."; exit 1; }
	$(BIN)/python manage.py compilemessages --ignore=$(VENV) --ignore=node_modules --verbosity 0

run: messages
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_archive
	$(BIN)/python manage.py create_editor
	$(BIN)/python manage.py runserver $(HOST)

# Production on this machine: the production settings under gunicorn
# (gunicorn.conf.py), DEBUG off, static files collected and served by
# WhiteNoise. SQLite unless DATABASE_URL says otherwise; set REDIS_URL for
# more than one worker. Without SECRET_KEY a key is made once and kept in
# .secret_key (not in git); behind a proxy that ends TLS set TRUSTED_PROXIES
# and SECURE_SSL_REDIRECT=on (README, "Production").
serve: export DJANGO_SETTINGS_MODULE = magazine.settings.production
serve: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve: export SECURE_SSL_REDIRECT ?= off
serve: messages
	@set -e; \
	if [ -z "$$SECRET_KEY" ]; then \
	  test -s .secret_key || (umask 077 && $(BIN)/python -c \
	    "from django.core.management.utils import get_random_secret_key as k; print(k())" \
	    > .secret_key); \
	  export SECRET_KEY="$$(cat .secret_key)"; \
	fi; \
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0; \
	$(BIN)/python manage.py migrate --no-input; \
	$(BIN)/python manage.py load_archive; \
	$(BIN)/python manage.py create_editor; \
	exec $(BIN)/gunicorn -c gunicorn.conf.py

test: messages
	@command -v chromium >/dev/null || echo "Note: Chromium is not installed; browser tests will be skipped (apt-get install chromium)."
	$(BIN)/python -m pytest

# Two app servers on one PostgreSQL and one Redis, and the outages of each
# (tests/servers/): gunicorn with the production settings, on a database and
# a Redis database made for the run. Both services must be running on
# 127.0.0.1. One test process (-n 0): the servers it starts need the cores.
test-servers: messages
	$(BIN)/python -m pytest -m servers -n 0

check: venv
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Lighthouse (npm, pinned in package-lock.json) on the production setup, with
# the targets of the README's "Lighthouse"; not part of `make test` or CI.
lighthouse: venv
	scripts/lighthouse
