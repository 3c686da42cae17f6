# gradserve: `make run` serves on 127.0.0.1:8000, `make test` lints and tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint format bench client clean fuzz

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/uvicorn app.main:app --host 127.0.0.1 --port 8000 --no-access-log

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint
	$(BIN)/python -m pytest

# A longer, randomly seeded schema-fuzzing hunt than `make test` runs (tests/hardening/test_fuzz.py);
# its figures, with the seeds schemathesis chose, go to /tmp/gradserve-hardening/fuzz-long.json.
fuzz: $(STAMP)
	GRADSERVE_HARDENING_RESULTS=/tmp/gradserve-hardening/fuzz-long.json \
	GRADSERVE_SCHEMA_FUZZ_EXAMPLES=$${GRADSERVE_SCHEMA_FUZZ_EXAMPLES:-500} \
	GRADSERVE_SCHEMA_FUZZ_SEED=random GRADSERVE_SCHEMA_FUZZ_TIMEOUT=3600 \
	GRADSERVE_STATEFUL_FUZZ_RUNS=$${GRADSERVE_STATEFUL_FUZZ_RUNS:-300} \
	$(BIN)/python -m pytest tests/hardening/test_fuzz.py

bench: $(STAMP)
	$(BIN)/python -m bench

# regenerate clients/python (gradserve-client) from the app's OpenAPI document, in-process
client: $(STAMP)
	$(BIN)/python clients/python/generator/generate.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
