# The two commands a newcomer needs are `make demo` and `make test`; both install what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint format check-django messages bench bench-fleet stop clean-data

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	DJANGO_SETTINGS_MODULE=portal.settings.demo $(BIN)/python manage.py demo

test: $(STAMP) lint check-django
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-django: $(STAMP)
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py compile_translations --check

# Extract new strings (needs GNU gettext's xgettext) and compile them (pure Python).
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale zh_Hans --ignore ".venv/*" --ignore ".data/*" --no-obsolete
	$(BIN)/python manage.py compile_translations

bench: $(STAMP)
	$(BIN)/python -m bench

# The fleet benchmark (issue 20): hours at 3,000 federations; sizes in BENCH_FLEET_SIZES.
bench-fleet: $(STAMP)
	$(BIN)/python -m bench fleet

# Stops the embedded PostgreSQL that `make demo` and `make test` leave running under .data/.
stop: $(STAMP)
	$(BIN)/python -m portal.embedded stop

clean-data: stop
	rm -rf .data
