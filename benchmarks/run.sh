#!/usr/bin/env bash
# Runs every benchmark in one go and prints the markdown tables of the README's
# "Performance" section. Needs the README's set-up (`bash scripts/test.sh` makes .venv);
# django-otp gets its own environment, benchmarks/.venv-django, made on the first run.
# Arguments go to `python -m benchmarks` (--quick, --skip-storage, --skip-dev-loop).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -x .venv/bin/python ]] || bash scripts/install.sh dev
exec .venv/bin/python -m benchmarks "$@"
