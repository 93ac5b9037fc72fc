#!/usr/bin/env bash
# The notebook picture of the docs (docs/images/notebook-quickstart.png), taken with headless Chromium
# (Debian: apt-get install chromium). Run the notebook tests first: they write every executed sample notebook as one
# HTML page into the test project's bin/<configuration>/net10.0/rendered/.
# Usage: eng/notebook-screenshots.sh [Debug|Release]
set -euo pipefail
cd "$(dirname "$0")/.."
rendered="$PWD/tests/CompositeIndex.Notebooks.Tests/bin/${1:-Debug}/net10.0/rendered"
[ -f "$rendered/quick-start.html" ] || { echo "no $rendered/quick-start.html: run dotnet test tests/CompositeIndex.Notebooks.Tests first" >&2; exit 1; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars --window-size=1000,1750 \
  --screenshot="$PWD/docs/images/notebook-quickstart.png" "file://$rendered/quick-start.html" 2>/dev/null
ls -l docs/images/notebook-quickstart.png
