#!/usr/bin/env bash
# Runs every benchmark in one go and prints the markdown tables of the README's
# "Performance" section. Installs the project with its dev and bench (locust) extras in
# .venv; django-otp and django-two-factor-auth get environments of their own,
# benchmarks/.venv-django and benchmarks/.venv-django2fa, made on the first run.
# Arguments go to `python -m benchmarks` (--quick, --skip-storage, --skip-dev-loop,
# --skip-load, --only-load).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh dev,bench
exec .venv/bin/python -m benchmarks "$@"
