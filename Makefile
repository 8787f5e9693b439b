# Two commands do everything: `make lab` and `make test`.
# Both create .venv when it is missing and (re)install the project only when pyproject.toml changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# JupyterLab refuses to start as root (containers) without --allow-root: add it then, and only then.
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: lab test install clean

lab: $(STAMP)
	@token=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(24))'); \
	exec $(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --IdentityProvider.token=$$token $(ROOT_FLAG) \
		notebooks/00_start_here.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest

install: $(STAMP)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Psoas Coach needs Python 3.11 or newer; run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

clean:
	rm -rf $(VENV) build *.egg-info
