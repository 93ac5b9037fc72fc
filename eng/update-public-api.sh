#!/usr/bin/env bash
# Adds every symbol the PublicApiAnalyzers report as undeclared (RS0016) to the project's
# PublicAPI.Unshipped.txt and drops entries reported as gone (RS0017). Review the diff afterwards:
# a public API change is a decision, not a side effect.
# Usage: eng/update-public-api.sh src/CompositeIndex
set -euo pipefail
proj="${1:?project folder}"
log=$(mktemp)
dotnet build "$proj" --no-incremental >"$log" 2>&1 || true
python3 - "$proj" "$log" <<'PY'
import re, sys, os
proj, log = sys.argv[1], sys.argv[2]
out = open(log, encoding="utf-8").read()
path = os.path.join(proj, "PublicAPI.Unshipped.txt")
lines = open(path, encoding="utf-8").read().splitlines()
add = set(re.findall(r"RS0016: Symbol '(.+?)' is not part of the declared public API", out))
remove = set(re.findall(r"RS0017: Symbol '(.+?)' is part of the declared API", out))
body = sorted((set(l for l in lines if l and not l.startswith("#")) - remove) | add)
open(path, "w", encoding="utf-8").write("#nullable enable\n" + "".join(l + "\n" for l in body))
print(f"added {len(add)}, removed {len(remove)}")
PY
rm -f "$log"
