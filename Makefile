# Quick start: `make run` sets up .venv and starts the app; `make test` sets up .venv and runs
# every test (and the linter). Both need only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test tmux chromium docs bench soak clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/microtui

# The suite runs on every core (at least 2 workers, at most 4): tests marked `serial` (the
# tmux end-to-end tests) run one after another on one worker, beside the rest; the soak
# plays its workday in the background meanwhile.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$(( n < 2 ? 2 : n > 4 ? 4 : n )))

test: $(STAMP) tmux chromium
	$(BIN)/ruff check microtui tests bench
	$(BIN)/lint-imports --no-cache --no-logo
	$(BIN)/mypy microtui
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadgroup

# End-to-end tests drive the installed app in tmux: install it when missing and we may.
tmux:
	@command -v tmux >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& apt-get update -qq && apt-get install -y -qq tmux >/dev/null; } \
		|| echo "tmux is missing and cannot be installed: end-to-end tests will be skipped"

# The HTML report's test opens the page in headless Chromium (Debian's package), and make docs
# takes the report's picture with it: install it when missing and we may.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
		|| { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
		|| echo "chromium is missing and cannot be installed: the HTML report's browser test" \
			"will be skipped"

# The README's pictures in docs/, from a fixed clock and a generated half-year of history: Today,
# the player, Progress and its insights, the Library (SVG), and the HTML report (PNG, drawn by
# headless Chromium; left as it is when Chromium is missing).
docs: $(STAMP) chromium
	$(BIN)/python bench/docs.py --out docs

# Benchmarks: ratios against bare Textual apps in the same run; writes bench/RESULTS.md.
bench: $(STAMP) tmux
	$(BIN)/python bench/run.py

# Soak: a whole workday at MICROTUI_SPEED=60 (about 9 minutes), unattended: every set due is
# played on time, once, and memory stays flat. bench/soak.py --help for a shorter day
# (make test plays one ending at noon).
soak: $(STAMP) tmux
	$(BIN)/python bench/soak.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
