#!/usr/bin/env bash
# Installs everything the tests need (Debian packages, .venv) and runs every check: ruff,
# mypy, pytest, the trainer notebooks (nbval); builds the living documentation and the
# notebooks' read-only site, and checks both in a browser.
#   --quick   the inner loop instead: the unit tests and every scenario on the service and
#             http drivers (no browser, no notebooks, no lint), in about a minute.
# Further arguments go to pytest (e.g. `-k turn_on`, `-x`).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
if [[ "${1:-}" == "--quick" ]]; then
  quick=true
  shift
fi
bash scripts/install.sh --tests dev  # installs nothing when nothing changed
export PATH="$PWD/.venv/bin:$PATH"
workers=(-n 2 --dist worksteal)  # two xdist workers; an idle one takes the other's last tests
# The tests' temporary files (their SQLite databases above all) in memory: a SQLite commit
# or close that waits for the disk is a third of a SQLite scenario's time (docs/testing.md).
if [[ -d /dev/shm && -w /dev/shm ]]; then export TMPDIR=/dev/shm; fi

if $quick; then
  exec pytest "${workers[@]}" tests/unit tests/steps --driver service --driver http "$@"
fi

echo "== ruff";  ruff check . && ruff format --check .
echo "== mypy";  mypy
echo "== pytest"
mkdir -p reports
rm -rf reports/pictures  # the living documentation's pictures come from this run only
status=0  # the living documentation is built from the results, passed or failed
# the check of the built pages comes last, once they are built
pytest "${workers[@]}" --cucumberjson=reports/cucumber.json \
  --ignore=tests/browser/test_living_doc.py "$@" || status=$?
echo "== the living documentation (the article, its scenarios and their results, the notebooks)"
python scripts/living_doc.py reports/cucumber.json reports/living-doc.html
[ "$status" -eq 0 ] || exit "$status"
echo "== notebooks (nbval: every stored output compared)"
# One kernel per notebook (the kernel is this .venv's Python); the notebooks, whole, shared
# between the two workers.
pytest -n 2 --dist loadfile --nbval --nbval-current-env notebooks
echo "== the notebooks as a read-only site"
python scripts/notebook_site.py reports/notebooks
echo "== the living documentation and the notebooks' site in a browser (links, pictures, axe)"
pytest tests/browser/test_living_doc.py
