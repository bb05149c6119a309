#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine: the Debian packages listed in
# scripts/debian-packages.txt (when missing) and a virtual environment in .venv with the
# project and the extras named as arguments (e.g. `bash scripts/install.sh dev`).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
while read -r package; do
  [[ -z "$package" || "$package" == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done < scripts/debian-packages.txt
if (( ${#missing[@]} )); then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""; [[ $(id -u) == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[[ -x .venv/bin/python ]] || python3 -m venv .venv
extras=$(IFS=,; echo "$*")
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras:+[$extras]}"
