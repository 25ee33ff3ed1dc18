# Caseweb: two commands do all set-up on a fresh machine.
#   make run    install, migrate, load demo data, serve on http://127.0.0.1:8000 with worker and beat
#   make test   install and run the whole test suite
# Both need only Python 3.11 and the package registries; both are safe to run again.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
PYTEST_ARGS ?= -n 2

.PHONY: run test install install-dev lint migrate messages compilemessages otp bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Caseweb needs Python 3.11 (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(STAMP_DEV): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(STAMP_RUN)

install: $(STAMP_RUN)
install-dev: $(STAMP_DEV)

migrate: $(STAMP_RUN)
	$(BIN)/python manage.py migrate --noinput

run: migrate
	$(BIN)/python manage.py seed_demo
	@echo
	@echo "Caseweb is starting on http://127.0.0.1:8000/ (web, Celery worker and beat). Ctrl-C stops all."
	@echo
	$(BIN)/honcho start -f Procfile

test: $(STAMP_DEV)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP_DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

messages: $(STAMP_DEV)
	$(BIN)/python manage.py makemessages --locale ar --ignore '.venv/*' --ignore 'var/*' --no-obsolete

compilemessages: $(STAMP_DEV)
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

otp: $(STAMP_RUN)
	@$(BIN)/python manage.py demo_otp $(user)

# Benchmarks on PostgreSQL (a database of their own); results go to docs/benchmarks.md.
# The dataset (1,000,000 cases at --scale 1) is generated once and kept; --regenerate forces it.
#   make bench BENCH_ARGS="--scale 0.01"     a small run
BENCH_ARGS ?=
bench: $(STAMP_DEV)
	$(BIN)/python -m bench.pages $(BENCH_ARGS)
	$(BIN)/python -m bench.load $(BENCH_ARGS)
	CELERY_TASK_DEFAULT_QUEUE=caseweb-bench $(BIN)/python -m bench.sweep $(BENCH_ARGS)
	$(BIN)/python -m bench.names $(BENCH_ARGS)
	$(BIN)/python -m bench.exports $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var staticfiles
