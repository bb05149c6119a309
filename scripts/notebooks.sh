#!/usr/bin/env bash
# The trainer's copy: installs what the notebooks need and opens JupyterLab on a working copy
# of notebooks/ in trainer/ (git-ignored), so a training session (autosave included) never
# changes the committed notebooks. The copy is made once; `--fresh` makes it anew.
# Other arguments go to JupyterLab (e.g. --no-browser, --port 8888).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh notebooks
if [[ "${1:-}" == "--fresh" ]]; then
  shift
  rm -rf trainer/notebooks
fi
if [[ ! -d trainer/notebooks ]]; then
  mkdir -p trainer
  cp -r notebooks trainer/notebooks
  echo "A fresh copy of the notebooks: trainer/notebooks"
fi
as_root=(); [[ $(id -u) == 0 ]] && as_root=(--allow-root)
exec .venv/bin/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=trainer/notebooks \
  ${as_root[@]+"${as_root[@]}"} "$@"
