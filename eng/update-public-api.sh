#!/usr/bin/env bash
# Adds every symbol the PublicApiAnalyzers report as undeclared (RS0016) to the project's
# PublicAPI.Unshipped.txt and drops entries reported as gone (RS0017). Review the diff afterwards:
# a public API change is a decision, not a side effect. New lines are appended (never re-sorted: see below).
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
shipped_path = os.path.join(proj, "PublicAPI.Shipped.txt")
lines = open(path, encoding="utf-8").read().splitlines()
shipped = set(open(shipped_path, encoding="utf-8").read().splitlines()) if os.path.exists(shipped_path) else set()
add = sorted(set(re.findall(r"RS0016: Symbol '(.+?)' is not part of the declared public API", out)))
remove = set(re.findall(r"RS0017: Symbol '(.+?)' is part of the declared API", out))
# Keep the file's order and append: re-sorting the whole file makes every branch's change a whole-file diff,
# and the union merge (.gitattributes) then duplicates the re-ordered lines (RS0025).
body, seen = [], set()
for l in lines:
    if l and not l.startswith("#nullable") and l not in remove and l not in seen:
        body.append(l); seen.add(l)
for l in add:
    if l not in seen:
        body.append(l); seen.add(l)
# A symbol removed after it shipped is declared as removed, not deleted from PublicAPI.Shipped.txt.
for l in sorted(remove & shipped):
    r = "*REMOVED*" + l
    if r not in seen:
        body.append(r); seen.add(r)
open(path, "w", encoding="utf-8").write("#nullable enable\n" + "".join(l + "\n" for l in body))
print(f"added {len(add)}, removed {len(remove)} ({len(remove & shipped)} shipped, declared *REMOVED*)")
PY
rm -f "$log"
