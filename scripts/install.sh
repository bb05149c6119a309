#!/usr/bin/env bash
# Installs the project in .venv with the extras named as arguments (e.g. `dev`).
#   --tests   also installs the Debian packages the tests need (scripts/debian-packages-tests.txt:
#             Chromium, PostgreSQL, cairo, oathtool); the reference app needs none of them.
# A second run with the same pyproject.toml and extras installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

debian=()
if [[ "${1:-}" == "--tests" ]]; then
  shift
  while read -r package; do
    [[ -z "$package" || "$package" == \#* ]] && continue
    debian+=("$package")
  done < scripts/debian-packages-tests.txt
fi
python3 -m venv --help >/dev/null 2>&1 || debian+=(python3-venv)

missing=()
for package in ${debian[@]+"${debian[@]}"}; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if (( ${#missing[@]} )); then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""; [[ $(id -u) == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[[ -x .venv/bin/python ]] || python3 -m venv .venv
extras=$(IFS=,; echo "$*")
stamp=".venv/.installed-$(cat pyproject.toml <(echo "$extras") | sha256sum | cut -c1-16)"
[[ -f "$stamp" ]] && exit 0
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras:+[$extras]}"
touch "$stamp"
