#!/usr/bin/env bash
# Set up everything the tests need, then run every test. Usage: bash tests/run.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
if [ ! -d node_modules/axe-core ] || [ ! -d node_modules/scorm-again ]; then
  npm install --no-audit --no-fund --no-package-lock --loglevel=error
fi
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: run 'sudo apt-get install -y chromium' (Debian) and try again." >&2
    exit 1
  fi
fi
export NO_MKDOCS_2_WARNING=1
exec python3 -m pytest "$@"
