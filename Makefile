# Two commands do everything: `make lab` and `make test`. While working, `make check` is the
# fast loop (docs/development.md).
# Both create .venv when it is missing and (re)install the project only when pyproject.toml changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
AXE    := tests/e2e/axe/node_modules/axe-core/axe.min.js
# MediaPipe Pose for Check my form, served by Jupyter from jupyter/data/labextensions (docs/camera.md)
POSE_DIR := jupyter/data/labextensions/psoas-pose/npm
POSE   := $(POSE_DIR)/node_modules/@mediapipe/pose/pose.js
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
# The project's Jupyter settings (jupyter/config: notebooks saved without outputs, the Voila
# template without CDN links in jupyter/data), for make lab and make app.
JUPYTER_ENV := JUPYTER_CONFIG_PATH=$(CURDIR)/jupyter/config JUPYTER_PATH=$(CURDIR)/jupyter/data
# JupyterLab refuses to start as root (containers) without --allow-root: add it then, and only then.
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: lab app test check install clean mutation hub hub-install hub-admin hub-therapist

# The server binds its port itself (the first free one from LAB_PORT), then tools/announce.py
# prints the address with the port it really got: two started at once get two ports.
lab: $(STAMP)
	@token=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(24))'); \
	$(JUPYTER_ENV) JUPYTER_TOKEN=$$token exec $(BIN)/python tools/announce.py \
		"Psoas Coach: open http://127.0.0.1:{port}/lab/tree/00_start_here.ipynb?token={token}" -- \
		$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) \
		--ServerApp.port_retries=50 $(ROOT_FLAG) $(LAB_ARGS) notebooks/00_start_here.ipynb

# The workbook as one app (Voila serving notebooks/app.ipynb: a home page, a navigation bar and
# every page, outputs and widgets, no code) on 127.0.0.1 with a token. One kernel is kept
# preheated (imports done before a visitor comes; the app itself is built when they arrive:
# psoas_lib/ui/preheat.py).
# Both servers get their token through the environment (JUPYTER_TOKEN, which jupyter_server's
# IdentityProvider reads; Voila reads it with auto_token), never on the command line:
# /proc/<pid>/cmdline is readable by every local user, /proc/<pid>/environ only by you.
app: $(STAMP)
	@token=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(24))'); \
	$(JUPYTER_ENV) JUPYTER_TOKEN=$$token exec $(BIN)/python tools/announce.py \
		"Psoas Coach app: open http://127.0.0.1:{port}/?token={token}" -- \
		$(BIN)/voila notebooks/app.ipynb --Voila.ip=127.0.0.1 --Voila.port=$(APP_PORT) \
		--Voila.port_retries=50 --Voila.auto_token=True --strip_sources=True --no-browser \
		--VoilaConfiguration.preheat_kernel=True --VoilaConfiguration.default_pool_size=1 $(APP_ARGS)

# Parallel test workers (pytest-xdist) for the tests that run inside the test process: auto is
# one a core. Each worker takes the next test as it frees up.
JOBS ?= auto

# The gate: everything, in three steps. The tests that run inside the test process (unit tests,
# doctests), in parallel; then those marked slow, one at a time as their timings expect: they
# start servers, processes of their own or mypy, and the notebooks (nbval, one kernel each);
# then the browser tests (tests/e2e: one Chromium and one server for the whole run). Every step
# runs; make test fails if any of them failed.
test: $(STAMP) $(AXE) $(POSE)
	@status=0; \
	$(BIN)/python -m pytest -n $(JOBS) -m "not e2e and not slow" || status=1; \
	$(BIN)/python -m pytest -m "slow and not e2e" || status=1; \
	$(BIN)/python -m pytest tests/e2e || status=1; \
	exit $$status

# The fast loop while working (docs/development.md): ruff, then the first step of make test.
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q -n $(JOBS) -m "not e2e and not slow"

install: $(STAMP) $(AXE) $(POSE)

# axe-core for the accessibility browser tests, from npm with its lock file (nothing is
# downloaded at test time).
$(AXE): tests/e2e/axe/package-lock.json
	cd tests/e2e/axe && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# MediaPipe Pose (models and WASM runtime, about 53 MB) from npm with its lock file, readable by
# every user (a hub's clients' servers read it); nothing is downloaded when the camera runs.
$(POSE): $(POSE_DIR)/package-lock.json
	cd $(POSE_DIR) && npm ci --no-audit --no-fund --loglevel=error
	chmod -R a+rX $(POSE_DIR)/node_modules
	@touch $@

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

# The install itself with uv, which takes seconds where pip takes most of a minute: the uv on
# PATH, or else one pip puts into the venv first (a few seconds). pip does it all when neither
# works (no uv for this system, no network for it); uv's own cache is ~/.cache/uv.
$(STAMP): pyproject.toml | $(BIN)/python
	@if command -v uv >/dev/null 2>&1; then uv=uv; \
	elif [ -x $(BIN)/uv ] || $(BIN)/python -m pip install --quiet uv; then uv=$(BIN)/uv; \
	else uv=; fi; \
	if [ -n "$$uv" ] && echo "$$uv pip install -e '.[test]'" && \
		$$uv pip install --quiet --python $(BIN)/python -e '.[test]'; then :; \
	else \
		echo "pip install -e '.[test]'"; \
		$(BIN)/python -m pip install --quiet --upgrade pip && \
		$(BIN)/python -m pip install --quiet -e '.[test]'; \
	fi
	@touch $@

clean:
	rm -rf $(VENV) build mutants *.egg-info   # the hub's install in $(PSOAS_HUB_PREFIX) is left alone

# A JupyterHub for a clinic, on 127.0.0.1 for a local trial (deploy/jupyterhub, docs/clinic.md).
# It runs as root: each client's server runs as that client's Unix user, so whatever
# a client's server runs or reads lives outside the checkout (which may sit under /root, 0700),
# in PSOAS_HUB_PREFIX, readable by all: the hub's environment (venv, built from a Python every
# user can run: pyenv's under /root cannot), a non-editable copy of the workbook in it, and the
# notebooks (notebooks/, copied into each client's home at their server's start).
HUB_DIR    := deploy/jupyterhub
HUB_PYTHON ?= /usr/bin/python3
PSOAS_HUB_PREFIX ?= /opt/psoas-coach-hub
HUB_VENV   := $(PSOAS_HUB_PREFIX)/venv
HUB_STAMP  := $(PSOAS_HUB_PREFIX)/.installed
# Check my form's pose model, on the hub environment's Jupyter path (served to every client)
HUB_POSE   := $(HUB_VENV)/share/jupyter/labextensions/psoas-pose/npm
HUB_PORT   ?= 8000
HUB_STATE  ?= $(HUB_DIR)/state
HUB_ACCOUNTS := $(HUB_VENV)/bin/python $(HUB_DIR)/accounts.py --state $(HUB_STATE)
HUB_SOURCES := $(shell find psoas_lib data notebooks -type f \( -name '*.py' -o -name '*.toml' -o -name '*.ipynb' -o -name '*.js' -o -name '*.md' \) -not -path '*/.ipynb_checkpoints/*' 2>/dev/null)

hub-install: $(HUB_STAMP)

$(HUB_STAMP): pyproject.toml $(HUB_DIR)/requirements.txt $(HUB_DIR)/package-lock.json $(POSE_DIR)/package-lock.json $(HUB_SOURCES)
	@$(HUB_PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "the hub needs Python 3.11 or newer: make hub HUB_PYTHON=...")'
	install -d -m 0755 $(PSOAS_HUB_PREFIX)
	[ -x $(HUB_VENV)/bin/python ] || $(HUB_PYTHON) -m venv $(HUB_VENV)
	$(HUB_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(HUB_VENV)/bin/python -m pip install --quiet . -r $(HUB_DIR)/requirements.txt
	$(HUB_VENV)/bin/python -m pip install --quiet --no-deps --force-reinstall .
	rm -rf $(PSOAS_HUB_PREFIX)/notebooks.new && install -d -m 0755 $(PSOAS_HUB_PREFIX)/notebooks.new
	install -m 0644 notebooks/*.ipynb $(PSOAS_HUB_PREFIX)/notebooks.new/
	rm -rf $(PSOAS_HUB_PREFIX)/notebooks && mv $(PSOAS_HUB_PREFIX)/notebooks.new $(PSOAS_HUB_PREFIX)/notebooks
	install -d -m 0755 $(HUB_POSE) && install -m 0644 $(POSE_DIR)/package*.json $(HUB_POSE)/
	cd $(HUB_POSE) && npm ci --no-audit --no-fund --loglevel=error
	chmod -R a+rX,go-w $(PSOAS_HUB_PREFIX)
	cd $(HUB_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The admin account, made here before the hub first starts (no default name: it asks).
hub-admin: $(HUB_STAMP)
	@[ "$$(id -u)" = 0 ] || { echo "run it as root (sudo make hub-admin)"; exit 1; }
	$(HUB_ACCOUNTS) admin

# A therapist's account: NAME must be a Unix user in psoas-physio (usermod -aG psoas-physio NAME).
hub-therapist: $(HUB_STAMP)
	@[ "$$(id -u)" = 0 ] || { echo "run it as root (sudo make hub-therapist NAME=...)"; exit 1; }
	@[ -n "$(NAME)" ] || { echo "make hub-therapist NAME=their-unix-name"; exit 1; }
	$(HUB_ACCOUNTS) therapist $(NAME)

hub: $(HUB_STAMP)
	@[ "$$(id -u)" = 0 ] || { echo "make hub must run as root (sudo make hub): it starts each client's server as that client's Unix user"; exit 1; }
	@$(HUB_ACCOUNTS) show | grep -q '^admin: (none yet)' && { echo "No admin account yet: make it now."; $(HUB_ACCOUNTS) admin; } || true
	@port=$$($(HUB_VENV)/bin/python -c "$$FREE_PORT" $(HUB_PORT)); \
	api=$$($(HUB_VENV)/bin/python -c "$$FREE_PORT" $$((port + 1))); \
	proxy=$$($(HUB_VENV)/bin/python -c "$$FREE_PORT" $$((api + 1))); \
	echo; echo "  Psoas Coach hub: open http://127.0.0.1:$$port/ ($$($(HUB_ACCOUNTS) show | tr '\n' ' '))"; \
	echo "  Clients sign up at http://127.0.0.1:$$port/hub/signup; a therapist approves them at"; \
	echo "  http://127.0.0.1:$$port/hub/psoas-approve. Each client needs a Unix user in psoas-clients:"; \
	echo "  useradd --create-home --key HOME_MODE=0700 -G psoas-clients NAME"; echo; \
	exec env PSOAS_HUB_PORT=$$port PSOAS_HUB_API_PORT=$$api PSOAS_HUB_PROXY_API_PORT=$$proxy \
		PSOAS_HUB_STATE=$(HUB_STATE) PSOAS_HUB_NOTEBOOKS=$(PSOAS_HUB_PREFIX)/notebooks \
		$(HUB_VENV)/bin/jupyterhub -f $(HUB_DIR)/jupyterhub_config.py
