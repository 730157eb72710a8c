# Fayuan (法援) — the two commands a newcomer needs:
#   make run    build and open the console on its default store
#   make test   build and run every test (unit, screen, end-to-end in tmux)
SWIFT ?= swift
BIN := .build/debug/fayuan

.PHONY: run test build deps keymaps docs build-release install uninstall bench-quick bench

PREFIX ?= /usr/local
DESTDIR ?=

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

run: build
	$(BIN) $(ARGS)

# The tests run beside a throw-away PostgreSQL (scripts/pg-scratch.sh: initdb in a temporary
# directory, a free loopback port, removed afterwards), so the engine tests cover both engines.
test: deps
	$(SWIFT) build --build-tests
	scripts/pg-scratch.sh $(SWIFT) test --skip-build
	$(MAKE) --no-print-directory bench-quick

# fayuan-bench --quick (issue 22): a fresh 100 000-case store, every figure printed, nothing
# asserted (timings on a shared machine are not a pass/fail test). It runs on the debug build
# `make test` has just made and says so; the JSON goes to .build/bench-quick.json.
bench-quick:
	.build/debug/fayuan-bench --quick --dir $${TMPDIR:-/tmp}/fayuan-bench-quick > .build/bench-quick.json

# BENCHMARKS.md regenerated: release build, fresh 10k/100k/1M stores, load test (30–40 min).
bench:
	scripts/bench.sh

# Re-embed keymaps/*.toml into the binary after editing them (a test fails until you do).
keymaps:
	scripts/embed-keymaps.sh

# The command-line reference, generated from the command definitions (a test fails when stale).
docs: build
	$(BIN) _docs markdown > docs/cli.md

build-release: deps
	$(SWIFT) build -c release --product fayuan

# Installs the binary, the man page (man fayuan) and bash/zsh/fish completions under
# $(DESTDIR)$(PREFIX); `make uninstall` removes them. PREFIX defaults to /usr/local.
install: build-release
	BIN=.build/release/fayuan PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" scripts/install.sh install

uninstall:
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" scripts/install.sh uninstall
