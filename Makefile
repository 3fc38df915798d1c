# Samskab: `make run` starts it with demo data, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Settings read it too: links in e-mails point to the port the server runs on.
export PORT
# Test processes: one per core (pytest-xdist, each with its own test database).
TEST_WORKERS ?= auto

.PHONY: run serve bench test lint format migrate messages vendor lock check-deploy clean system-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# WeasyPrint (the council report's PDF) needs Pango, HarfBuzz and a font from the system:
# Debian's packages are installed with apt-get when missing (as root, or with sudo).
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
system-packages:
	@if command -v dpkg-query >/dev/null 2>&1; then \
		missing=$$(for p in $(PDF_PACKAGES); do \
			dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || printf '%s ' $$p; done); \
		if [ -n "$$missing" ]; then \
			sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
			echo "Installing $$missing (for PDF files) with apt-get"; \
			{ $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive \
				$$sudo apt-get install -y -q --no-install-recommends $$missing; } \
			|| echo "Could not install $$missing: Samskab runs, but makes no PDF files until they are." >&2; \
		fi; \
	else \
		echo "Not Debian: install Pango (1.44 or newer) for PDF files, see README." >&2; \
	fi

$(VENV)/.installed: requirements/base.txt requirements/dev.txt | $(BIN)/python system-packages
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/base.txt -r requirements/dev.txt
	touch $@

migrate: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable

run: migrate
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

serve: migrate
	$(BIN)/python manage.py collectstatic --no-input
	$(BIN)/gunicorn samskab.wsgi --bind 127.0.0.1:$(PORT) --workers 4

# Load-test the idea pages on SQLite and PostgreSQL (see scripts/bench.py); writes docs/performance.md.
bench: $(VENV)/.installed
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

test: $(VENV)/.installed
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Update the message catalogues (needs GNU gettext) and compile them. Message ids
# are English, so the English catalogue is the Danish one with every message
# translated as itself (msgen).
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages --locale da --no-obsolete --add-location file --no-wrap --ignore '.venv/*' --ignore 'assets/*' --ignore 'tests/*'
	mkdir -p locale/en/LC_MESSAGES
	msgfilter --keep-header --no-wrap -i locale/da/LC_MESSAGES/django.po -o - sed -e d \
		| msgen --no-wrap --lang=en - -o locale/en/LC_MESSAGES/django.po
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

vendor:
	$(PYTHON) scripts/vendor_assets.py

lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools
	cd requirements && ../$(BIN)/pip-compile --quiet --strip-extras --generate-hashes base.in -o base.txt
	cd requirements && ../$(BIN)/pip-compile --quiet --strip-extras --generate-hashes dev.in -o dev.txt

check-deploy: $(VENV)/.installed
	SAMSKAB_ENV=production SECRET_KEY=check-deploy-only-$$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz ALLOWED_HOSTS=samskab.example.dk \
		$(BIN)/python manage.py check --deploy --fail-level WARNING
	# The production static storage hashes every file and refuses a reference to a missing one.
	SAMSKAB_ENV=production SECRET_KEY=check-deploy-only-$$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz ALLOWED_HOSTS=samskab.example.dk \
		STATIC_ROOT=$$(mktemp -d) $(BIN)/python manage.py collectstatic --no-input --verbosity 0

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* var
