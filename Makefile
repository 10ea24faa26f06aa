# Glimpse: set-up, demo space, REPL and tests.
#
#   make run     install what is missing, build, make the demo space, open the REPL
#   make test    install what is missing, run every test (with a Postgres server that
#                Scripts/postgres-server.sh starts and stops, when it can)
#   make demo    only (re)build the demo space
#
# Downloads are cached in $GLIMPSE_CACHE (default ~/.cache/glimpse); the demo space
# is written to $XDG_DATA_HOME/glimpse/demo.glimpse (default ~/.local/share/glimpse).

SHELL := /bin/bash
SWIFT ?= swift
CACHE := $(or $(GLIMPSE_CACHE),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/glimpse)
DATA := $(or $(XDG_DATA_HOME),$(HOME)/.local/share)/glimpse
DEMO := $(DATA)/demo.glimpse
BIN := .build/release/glimpse

.PHONY: run demo deps build test assets clean-demo

run: demo
	@$(BIN) --space "$(DEMO)"

deps:
	@Scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product glimpse

assets: deps
	@Scripts/fetch-assets.sh

demo: build assets
	@Scripts/build-demo-space.sh "$(BIN)" "$(CACHE)" "$(DEMO)"

test: deps
	@Scripts/with-postgres.sh $(SWIFT) test

clean-demo:
	rm -f "$(DEMO)"
