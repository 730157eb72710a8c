# Fayuan (法援) — the two commands a newcomer needs:
#   make run    build and open the console on its default store
#   make test   build and run every test (unit, screen, end-to-end in tmux)
SWIFT ?= swift
BIN := .build/debug/fayuan

.PHONY: run test build deps keymaps docs build-release install uninstall

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
