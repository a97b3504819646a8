# make demo: set up and serve the app with the demo content (SQLite), with its task worker.
# make test: set up and run the whole test suite.
PYTHON ?= $(shell command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: demo serve test setup lint format bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "quizapp needs Python 3.12 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loadcontent
	$(BIN)/python manage.py generate --approve
	@echo "Demo accounts:"
	@$(BIN)/python manage.py createdemoaccounts
	@$(BIN)/python manage.py createdemoquiz
	@echo "Serving at http://$(HOST)/ with the task worker beside it (Ctrl-C stops both)"
	$(MAKE) --no-print-directory serve

# The web server, and the task worker (db_worker) that regenerates the bank after an admin's
# edits; the worker is stopped when the server stops, however it stops.
serve: setup
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; trap 'exit 130' INT TERM; \
	$(BIN)/python manage.py runserver $(HOST)

test: setup
	$(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3* .pytest_cache
