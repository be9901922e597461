# The README's two commands: `make demo` (set up + sample video) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# EGL + Mesa llvmpipe for the offline renderer, libatomic for audio effects, DejaVu for text;
# PostgreSQL and Redis for the scale test (its fixtures start throwaway servers of their own).
DEB_PACKAGES := libgl1 libegl1 libegl-mesa0 libgl1-mesa-dri libgbm1 libatomic1 fonts-dejavu-core \
	postgresql redis-server
DEMO_PROMPT := an elephant plays saxophone in a smoky New York jazz club, slow dolly in
DEMO_SECONDS := 6

.PHONY: demo test lint bench deps clean

demo: deps $(VENV)/.installed
	@mkdir -p out
	$(BIN)/cinestra generate "$(DEMO_PROMPT)" --seconds $(DEMO_SECONDS) --size 1280x720 -o out/demo.mp4

test: deps $(VENV)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src
	$(BIN)/pytest

bench: deps $(VENV)/.installed
	$(BIN)/python -m bench.generate
	$(BIN)/python -m bench.sound

# Installs the Debian libraries when root; otherwise prints the exact line to run.
deps:
	@missing=""; \
	for pkg in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "error: missing Debian packages:$$missing" >&2; \
	    echo "Install them, then run make again:" >&2; \
	    echo "  sudo apt-get install -y$$missing" >&2; \
	    exit 1; \
	  fi; \
	fi

# Resemblyzer (tests only) pins a webrtcvad that does not build: [dev] lists the deps it
# needs and it is installed on its own, without them.
$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "error: Python 3.11 or newer is needed (PYTHON=$(PYTHON))" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,scale]"
	$(BIN)/pip install --quiet --no-deps "resemblyzer==0.1.4"
	@touch $@

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
