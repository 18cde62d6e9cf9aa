#!/usr/bin/env bash
# program-cache.sh DDILINT SRCDIR - the result cache of a run with cross-file
# IRQL facts: an unchanged set of files is answered from the cache (the
# second run adds cache entries and reports the same), and a change to one
# file changes the findings of the other (the DPC in dpc.c calls TraceFlush in
# trace.c; once trace.c stops calling ZwClose, dpc.c's finding goes too).
set -euo pipefail
DDILINT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp "$SRC"/tests/irql-too-high/cross-file/*.c "$TMP/"
cd "$TMP"
unset DDILINT_NO_CACHE
export XDG_CACHE_HOME="$TMP/cache"
count() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$1"; }
rc=0; "$DDILINT" -q -j1 --format json -o first.json dpc.c trace.c || rc=$?
[ $rc = 1 ] || { echo "FAIL: first run exited $rc"; exit 1; }
entries=$(find cache/ddilint/results -type f | wc -l)
[ "$entries" -ge 2 ] || { echo "FAIL: a cross-file run stored $entries cache entries"; exit 1; }
rc=0; "$DDILINT" -q -j1 --format json -o second.json dpc.c trace.c || rc=$?
[ $rc = 1 ] || { echo "FAIL: second run exited $rc"; exit 1; }
python3 - first.json second.json <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
if a["findings"] != b["findings"] or a["files"] != b["files"]:
    sys.exit("FAIL: the cached run reports differently")
PY
[ "$(count first.json)" = 2 ] || { echo "FAIL: expected the 2 cross-file findings, got $(count first.json)"; exit 1; }
# trace.c no longer closes the handle: dpc.c itself is unchanged, but its
# finding depended on trace.c and must not come back from the cache.
sed -i 's/^\tZwClose(Log);.*$/\tUNREFERENCED_PARAMETER(Log);/' trace.c
grep -q ZwClose trace.c && { echo "FAIL: could not edit trace.c"; exit 1; }
rc=0; "$DDILINT" -q -j1 --format json -o third.json dpc.c trace.c || rc=$?
[ "$(count third.json)" = 0 ] || { echo "FAIL: after trace.c changed, still $(count third.json) finding(s) (exit $rc)"; exit 1; }
echo "ok: cached cross-file run identical; a change in trace.c re-analyses dpc.c"
