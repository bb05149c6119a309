#!/usr/bin/env bash
# Installs the project in .venv and runs it. Until the web app lands, a terminal demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/precoro-2fa demo "$@"
