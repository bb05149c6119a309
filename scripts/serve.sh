#!/usr/bin/env bash
# Installs the project in .venv (no Debian package; nothing on a second start) and starts the
# reference app on http://127.0.0.1:8000/ (options: --port N, --database PATH; the demo
# accounts are printed on start).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/precoro-2fa serve "$@"
