# huashu: `make demo` and `make test` each set up .venv on first use, then run.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest clean fonts browser

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,spark]'
	@touch $(STAMP)

# Banners need a CJK font (Debian's fonts-noto-cjk); installed when fontconfig finds none.
fonts:
	@command -v fc-list >/dev/null && fc-list :lang=zh | grep -q . || { \
	  echo "banners need a CJK font: installing fontconfig fonts-noto-cjk"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq fontconfig fonts-noto-cjk; }
	@fc-list :lang=zh | grep -q . || { echo "no CJK font found; run: sudo apt-get install -y fonts-noto-cjk"; exit 1; }

# Browser tests drive Debian's chromium headless (Playwright cannot download browsers here).
browser:
	@test -x /usr/bin/chromium || { \
	  echo "browser tests need chromium: installing Debian's chromium"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

demo: $(STAMP) fonts
	$(BIN)/huashu demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) fonts browser
	$(BIN)/pytest -q

test: lint typecheck pytest

clean:
	rm -rf $(VENV) .huashu .pytest_cache .mypy_cache .ruff_cache
