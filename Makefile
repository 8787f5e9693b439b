# Two commands do everything: `make lab` and `make test`.
# Both create .venv when it is missing and (re)install the project only when pyproject.toml changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The first port to try for JupyterLab, and extra options, e.g. make lab LAB_ARGS=--no-browser
LAB_PORT ?= 8888
LAB_ARGS ?=
# The same for the Voila app (make app): first port to try and extra options.
APP_PORT ?= 8866
APP_ARGS ?=
# The first free loopback port from the one given (so the printed address is the real one).
define FREE_PORT
import socket, sys
start = int(sys.argv[1])
for port in range(start, start + 50):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
    print(port)
    break
else:
    sys.exit(f"no free port from {start} to {start + 49}: try make lab LAB_PORT=...")
endef
export FREE_PORT
# JupyterLab refuses to start as root (containers) without --allow-root: add it then, and only then.
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: lab app test install clean mutation

lab: $(STAMP)
	@port=$$($(BIN)/python -c "$$FREE_PORT" $(LAB_PORT)); \
	token=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(24))'); \
	echo; echo "  Psoas Coach: open http://127.0.0.1:$$port/lab/tree/00_start_here.ipynb?token=$$token"; echo; \
	exec $(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$$port --ServerApp.port_retries=0 \
		--IdentityProvider.token=$$token $(ROOT_FLAG) $(LAB_ARGS) notebooks/00_start_here.ipynb

# The notebooks as a clean app (Voila: outputs and widgets, no code) on 127.0.0.1 with a token.
app: $(STAMP)
	@port=$$($(BIN)/python -c "$$FREE_PORT" $(APP_PORT)); \
	token=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(24))'); \
	echo; echo "  Psoas Coach app: open http://127.0.0.1:$$port/?token=$$token"; echo; \
	exec $(BIN)/voila notebooks --Voila.ip=127.0.0.1 --Voila.port=$$port --Voila.port_retries=0 \
		--Voila.token=$$token --strip_sources=True --no-browser $(APP_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest

install: $(STAMP)

# Mutation testing (not part of make test; about 5 minutes on 2 cores): mutmut mutates the
# timer, the assessment and progress, each against its own tests ([tool.mutmut] in
# pyproject.toml), then prints each module's score against its target.
mutation: $(VENV)/.mutation-installed
	rm -rf mutants
	$(BIN)/mutmut run --max-children $$(nproc 2>/dev/null || echo 2)
	$(BIN)/python tools/mutation_report.py

$(VENV)/.mutation-installed: pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	@touch $@

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Psoas Coach needs Python 3.11 or newer; run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

clean:
	rm -rf $(VENV) build mutants *.egg-info
