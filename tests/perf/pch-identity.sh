#!/usr/bin/env bash
# pch-identity.sh DDILINT SRCDIR - a parse against a precompiled header gives
# exactly what a plain parse gives: every test and sample file is analysed
# without a PCH, with PCHs built in this run (cold) and with PCHs read from
# the cache (warm), and the JSON reports' findings and file results must be
# identical. The result cache is off throughout.
set -euo pipefail
DDILINT=$(readlink -f "$1") # the script changes directory
SRC=$2
cd "$SRC"
# The PCH drops a TU's header macros and inclusions from what libclang shows
# directly: an engine must ask the frontend (fe_find_macro, fe_inclusions in
# checker/frontend/fe.h), or the comparison below cannot hold.
if grep -nE 'clang_getInclusions|getTranslationUnitCursor\(.*collect_macro' checker/engine/*.c checker/irql/*.c \
	checker/paths/*.c rules/*.c 2>/dev/null; then
	echo "FAIL: an engine collects macros or inclusions from libclang directly (see checker/frontend/fe.h)"
	exit 1
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# Run on a copy: files added or removed under tests/ while the three runs go
# on (someone else's work in progress) would differ between runs for reasons
# that have nothing to do with the PCH.
mkdir "$TMP/src"
cp -R samples tests "$TMP/src/"
cd "$TMP/src"
mapfile -t files < <(find samples tests -name '*.c' -not -path 'tests/verify/fail-*' -not -path 'tests/garbage/*' \
	-not -path 'tests/fuzz/*' -not -path 'tests/perf/*' | sort)
export DDILINT_NO_CACHE=1 XDG_CACHE_HOME="$TMP/cache"
for run in plain cold warm; do
	pch=1
	[ $run = plain ] && pch=0
	rc=0
	DDILINT_PCH=$pch "$DDILINT" -q -j2 --format json -o "$TMP/$run.json" "${files[@]}" || rc=$?
	case $rc in 0|1|2) ;; *) echo "FAIL: $run run exited $rc"; exit 1 ;; esac
done
ls "$TMP"/cache/ddilint/pch/*.pch >/dev/null 2>&1 || { echo "FAIL: no PCH was built"; exit 1; }
python3 - "$TMP" <<'PY'
import json, sys
tmp = sys.argv[1]
docs = {r: json.load(open("%s/%s.json" % (tmp, r))) for r in ("plain", "cold", "warm")}
bad = 0
for r in ("cold", "warm"):
    for key in ("findings", "files"):
        a, b = docs["plain"][key], docs[r][key]
        if a != b:
            bad += 1
            sa = {json.dumps(x, sort_keys=True) for x in a}
            sb = {json.dumps(x, sort_keys=True) for x in b}
            print("FAIL: %s %s differ from a plain parse (%d vs %d)" % (r, key, len(a), len(b)))
            for x in sorted(sa - sb)[:5]:
                print("  plain only: " + x[:400])
            for x in sorted(sb - sa)[:5]:
                print("  %s only: %s" % (r, x[:400]))
n = len(docs["plain"]["files"])
print("%d files, %d findings: %s" % (n, len(docs["plain"]["findings"]), "identical" if not bad else "DIFFERENT"))
sys.exit(1 if bad else 0)
PY
