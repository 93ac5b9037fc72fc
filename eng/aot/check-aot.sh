#!/usr/bin/env bash
# Checks that a Native AOT compindex writes the same bytes as the JIT (framework-dependent) tool: every command of the
# CLI on the repository's samples (stdout, stderr, exit code and every file written), including errors.
# Usage: eng/aot/check-aot.sh AOT_BINARY [JIT_COMMAND]
#   AOT_BINARY   e.g. the `compindex` of `dotnet publish src/CompositeIndex.Cli -c Release -r linux-x64`, or of an
#                installed CompositeIndex.Cli.linux-x64 tool
#   JIT_COMMAND  default: dotnet src/CompositeIndex.Cli/bin/Release/net10.0/compindex.dll (build it first)
# Needs ../shared/data (geo shapes, ASEM data). A command must exit 0 on both sides, except those marked "!" (errors:
# same message, same non-zero exit). Prints one line per command and "aot check: N passed, N failed".
set -uo pipefail
shopt -u patsub_replacement 2>/dev/null || true   # bash 5.2: '&' in ${c//…/…} must stay a literal '&'
repo=$(cd "$(dirname "$0")/../.." && pwd)
aot=$(realpath "$1")
jit=${2:-"dotnet $repo/src/CompositeIndex.Cli/bin/Release/net10.0/compindex.dll"}
shared=$(realpath "$repo/../shared/data")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for side in jit aot; do
  mkdir -p "$work/$side/out"
  ln -s "$repo/samples" "$work/$side/samples"
  ln -s "$shared" "$work/$side/data"
done

seoul="samples/gallery/seoul/seoul.json --data samples/seoul/data/illustrative-values.csv --long"
qs="samples/QuickStart/wellbeing.json --data samples/QuickStart/data/cities.csv"
commands=(
  "compute $seoul"
  "compute $seoul --format csv"
  "compute $seoul --out out/seoul.json"
  "compute $seoul --out out/seoul.csv"
  "compute samples/QuickStart/wellbeing.json --data samples/QuickStart/data/cities.parquet --format csv"
  "validate samples/gallery/seoul/seoul.json"
  "validate samples/QuickStart/factors.json --index samples/QuickStart/wellbeing.json"
  "explain $qs --unit ALD"
  "audit $qs"
  "report $qs --out out/report.html"
  "report $qs --factors samples/QuickStart/factors.json --samples 64 --no-progress --out out/report-sens.html"
  "report $seoul --geo data/geo/seoul/seoul_municipalities_geo_simple.json --geo-key name_eng=name --out out/report-geo.html"
  "sensitivity $qs --factors samples/QuickStart/factors.json --samples 64 --no-progress"
  "sensitivity $qs --factors samples/QuickStart/factors.json --samples 64 --no-progress --shard 1/2 --out out/part-1"
  "sensitivity $qs --factors samples/QuickStart/factors.json --samples 64 --no-progress --shard 0/2 --out out/p1 && compindex sensitivity $qs --factors samples/QuickStart/factors.json --samples 64 --no-progress --shard 1/2 --out out/p2 && compindex sensitivity-merge out/p1 out/p2 --out out/merged.json"
  "sensitivity $seoul --factors samples/seoul/sensitivity.json --samples 50 --no-progress"
  "new --data samples/QuickStart/data/cities.csv --out out/new.json"
  "new --factors samples/QuickStart/wellbeing.json --data samples/QuickStart/data/cities.csv --out out/factors.json"
  "schema"
  "compute samples/gallery/asem/asem.json --data data/coinr-asem/ASEM_iData.csv --unit-column uCode --name-column uName --period-column Time"
  "compute samples/gallery/cdc-svi-2022/svi-2022.json --data data/gallery/cdc-svi/SVI_2022_US_county.csv --unit-column FIPS --name-column LOCATION --default-period 2022 --missing -999"
  "compute samples/gallery/gdi/gdi.json --data data/undp/hdr2023-24_gdi.csv --unit-column iso3 --period-column year --name-column country"
  "compute samples/gallery/gii/gii.json --data data/undp/hdr2023-24_gii.csv --unit-column iso3 --period-column year --name-column country"
  "compute samples/gallery/hdi/hdi.json --data data/undp/hdr2023-24_hdi.csv --unit-column iso3 --period-column year --name-column country"
  "compute samples/gallery/ihdi/ihdi.json --data data/undp/hdr2023-24_ihdi.csv --unit-column iso3 --period-column year --name-column country"
  'compute samples/gallery/nd-gain/nd-gain.json --data "data/gallery/nd-gain/indicators/{indicator}/raw.csv" --unit-column ISO3 --name-column Name'
  "compute samples/gallery/phdi/phdi.json --data data/undp/hdr2023-24_phdi.csv --unit-column iso3 --period-column year --name-column country"
  "compute samples/gallery/tai/tai-bod.json --data data/method-examples/tai/tai_raw_23.csv --unit-column country --default-period 2001"
  "compute samples/gallery/tai/tai-gme.json --data data/method-examples/tai/tai_raw_23.csv --unit-column country --default-period 2001"
  'compute samples/gallery/wimd-2019/wimd-2019.json --data data/gallery/wimd-2019/welsh-index-multiple-deprivation-2019-index-and-domain-ranks-by-small-area.csv --unit-column "LSOA code" --name-column "LSOA name (Eng)" --default-period 2019 --map Income=income --map Employment=employment --map Health=health --map Education=education --map "Access to Services=access" --map Housing=housing --map "Community Safety=safety" --map "Physical Environment=environment"'
  "!compute out/no-such.json --data samples/QuickStart/data/cities.csv"
  "!validate samples/QuickStart/data/cities.csv"
  "--help"
)
passed=0; failed=0
for c in "${commands[@]}"; do
  expect_ok=true
  if [ "${c:0:1}" = "!" ]; then expect_ok=false; c=${c:1}; fi
  for side in jit aot; do
    rm -rf "$work/$side/out"; mkdir -p "$work/$side/out"
    if [ $side = jit ]; then exe=$jit; else exe=$aot; fi
    # "&& compindex" chains further commands of the same side (e.g. shards, then their merge).
    (cd "$work/$side" && eval "$exe ${c//&& compindex /&& $exe }" >"$work/$side.stdout" 2>"$work/$side.stderr"; echo "exit $?" >>"$work/$side.stderr")
    # Messages name the absolute output folder, the one thing that differs between the two sides.
    sed -i "s#$work/$side/#WORK/#g" "$work/$side.stdout" "$work/$side.stderr"
    (cd "$work/$side/out" && find . -type f | sort | xargs -r sha256sum) >"$work/$side.files"
  done
  status=$(tail -1 "$work/jit.stderr")
  if [ "$expect_ok" = true ] && [ "$status" != "exit 0" ]; then
    failed=$((failed + 1)); echo "FAILED ($status): compindex $c"; tail -3 "$work/jit.stderr"
  elif [ "$expect_ok" = false ] && [ "$status" = "exit 0" ]; then
    failed=$((failed + 1)); echo "SUCCEEDED but should fail: compindex $c"
  elif cmp -s "$work/jit.stdout" "$work/aot.stdout" && cmp -s "$work/jit.stderr" "$work/aot.stderr" && cmp -s "$work/jit.files" "$work/aot.files"; then
    passed=$((passed + 1)); echo "same: compindex $c ($(wc -c <"$work/jit.stdout") B stdout, $(wc -l <"$work/jit.files") files, $(tail -1 "$work/jit.stderr"))"
  else
    failed=$((failed + 1)); echo "DIFFERENT: compindex $c"
    diff <(cat "$work/jit.stdout" "$work/jit.stderr" "$work/jit.files") <(cat "$work/aot.stdout" "$work/aot.stderr" "$work/aot.files") | head -10
  fi
done
echo "aot check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
