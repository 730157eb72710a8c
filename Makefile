# Fayuan (法援) — the two commands a newcomer needs:
#   make run    build and open the console on its default store
#   make test   build and run every test (unit, screen, end-to-end in tmux)
SWIFT ?= swift
BIN := .build/debug/fayuan

.PHONY: run test build deps keymaps

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

run: build
	$(BIN) $(ARGS)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Re-embed keymaps/*.toml into the binary after editing them (a test fails until you do).
keymaps:
	scripts/embed-keymaps.sh
