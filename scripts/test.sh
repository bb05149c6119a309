#!/usr/bin/env bash
# Installs everything the tests need (Debian packages, .venv) and runs every check: ruff,
# mypy, pytest, the trainer notebooks (nbval); builds the living documentation and the
# notebooks' read-only site, and checks both in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --tests dev
export PATH="$PWD/.venv/bin:$PATH"

echo "== ruff";  ruff check . && ruff format --check .
echo "== mypy";  mypy
echo "== pytest"
mkdir -p reports
rm -rf reports/pictures  # the living documentation's pictures come from this run only
status=0  # the living documentation is built from the results, passed or failed
# two xdist workers; the check of the built pages comes last, once they are built
pytest -n 2 --dist worksteal --cucumberjson=reports/cucumber.json \
  --ignore=tests/browser/test_living_doc.py "$@" || status=$?
echo "== the living documentation (the article, its scenarios and their results, the notebooks)"
python scripts/living_doc.py reports/cucumber.json reports/living-doc.html
[ "$status" -eq 0 ] || exit "$status"
echo "== notebooks (nbval: every stored output compared)"
pytest --nbval --nbval-current-env notebooks  # the kernel is this .venv's Python
echo "== the notebooks as a read-only site"
python scripts/notebook_site.py reports/notebooks
echo "== the living documentation and the notebooks' site in a browser (links, pictures, axe)"
pytest tests/browser/test_living_doc.py
