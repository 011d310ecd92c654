# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run load test lint bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

load: install
	$(BIN)/allybot load

# Slack when tokens are set (Socket Mode with SLACK_APP_TOKEN, else HTTP), otherwise the local shell.
run: load
	@if [ -n "$$SLACK_BOT_TOKEN" ] && [ -n "$$SLACK_APP_TOKEN" ]; then \
		exec $(BIN)/allybot serve; \
	elif [ -n "$$SLACK_BOT_TOKEN" ] && [ -n "$$SLACK_SIGNING_SECRET" ]; then \
		exec $(BIN)/allybot serve --http; \
	else \
		either="SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP)"; \
		if [ -n "$$SLACK_BOT_TOKEN" ]; then missing="$$either"; \
		elif [ -n "$$SLACK_APP_TOKEN$$SLACK_SIGNING_SECRET" ]; then missing="SLACK_BOT_TOKEN"; \
		else missing="SLACK_BOT_TOKEN and $$either"; fi; \
		echo "Not starting Slack: $$missing not set. Starting the local shell (type /help)."; \
		exec $(BIN)/allybot shell; \
	fi

lint: install
	$(BIN)/ruff check .

test: lint
	$(BIN)/pytest

bench: install
	$(BIN)/python -m bench

# A measurement, not a test: real documents against the analysts' gold facts (bench/eval.py).
# make eval ARGS="--set DIR --json --docs-dates"
eval: install
	$(BIN)/python -m bench.eval $(ARGS)

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
