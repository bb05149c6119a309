#!/usr/bin/env bash
# The trainer's copy: installs what the notebooks need and opens JupyterLab on a working copy
# of notebooks/ in trainer/ (git-ignored), so a training session (autosave included) never
# changes the committed notebooks. The copy is made once; `--fresh` makes it anew.
# Other arguments go to JupyterLab (e.g. --no-browser, --port 8888).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh notebooks
fresh=(); if [[ "${1:-}" == "--fresh" ]]; then fresh=(--fresh); shift; fi
.venv/bin/python scripts/trainer_copy.py trainer ${fresh[@]+"${fresh[@]}"}
as_root=(); [[ $(id -u) == 0 ]] && as_root=(--allow-root)
# JupyterLab serves trainer/ so that the notebooks' ../docs/screenshots/ images show.
exec .venv/bin/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=trainer \
  --LabApp.default_url=/lab/tree/notebooks/00_index.ipynb ${as_root[@]+"${as_root[@]}"} "$@"
