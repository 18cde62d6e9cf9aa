# --write-baseline / --baseline: a team adopting ddilint sees only new
# findings. Matching uses the ddilint/v1 fingerprint SARIF carries, so it
# survives edits that shift lines; a changed line, a new call or one more
# of the same call is new. SARIF marks baselined results.
. "$(dirname "$0")/lib.bash"
mkdir -p "$TMP/w/src"
cd "$TMP/w"
only_rules . obsolete-ddi
cat >src/old.c <<'C'
#include <ntddk.h>
PVOID map_a(PMDL m)
{
	return MmGetSystemAddressForMdl(m);
}
PVOID map_twice(PMDL m)
{
	PVOID p;

	p = MmGetSystemAddressForMdl(m);
	p = MmGetSystemAddressForMdl(m);
	return p;
}
C
run 0 "$DDILINT" --write-baseline base.json src
expect_in "$TMP/err" "baseline written to base.json"
python3 - base.json <<'PY' || fail "baseline format"
import json, sys
b = json.load(open(sys.argv[1]))
assert b["ddilint_baseline"] == 1 and b["fingerprint"] == "ddilint/v1"
f = b["findings"]
assert len(f) == 2 and sorted(e["count"] for e in f) == [1, 2], f
assert all(e["file"] == "src/old.c" and e["ruleId"] == "obsolete-ddi" and e["fingerprint"] for e in f), f
PY
# The fingerprints are the SARIF ones (without the occurrence number).
run 1 "$DDILINT" --format sarif -o r.sarif src
python3 - base.json r.sarif <<'PY' || fail "baseline fingerprints are not SARIF's"
import json, sys
b = {e["fingerprint"] for e in json.load(open(sys.argv[1]))["findings"]}
s = {r["partialFingerprints"]["ddilint/v1"].split(":")[0] for r in json.load(open(sys.argv[2]))["runs"][0]["results"]}
assert b == s, (b, s)
PY
run 0 "$DDILINT" --baseline base.json src
expect_in "$TMP/err" "0 findings in 1 file.*; 3 in the baseline"
# Unrelated edits that shift lines (and re-indentation) keep the match.
{ printf '/* a new header comment */\n\n\n'; sed 's/^\treturn MmGet/\t\treturn   MmGet/' src/old.c; } >src/tmp && mv src/tmp src/old.c
run 0 "$DDILINT" --baseline base.json src
# A new call, one more of a counted call, a changed line: new findings.
cat >>src/old.c <<'C'
PVOID map_new(PMDL m)
{
	return MmGetSystemAddressForMdl(m);
}
C
sed -i '0,/^\tp = MmGetSystemAddressForMdl(m);$/s//\tp = MmGetSystemAddressForMdl(m);\n\tp = MmGetSystemAddressForMdl(m);/' src/old.c
run 1 "$DDILINT" --baseline base.json src
[ "$(grep -c 'is obsolete' "$TMP/out")" = 2 ] || fail "expected exactly the 2 new findings"
expect_in "$TMP/out" "^src/old.c:2[0-9]:"
run 1 "$DDILINT" --baseline base.json --format sarif -o b.sarif src
python3 "$SRC/tests/report/validate-sarif.py" b.sarif >/dev/null || fail "SARIF with a baseline does not validate"
python3 - b.sarif <<'PY' || fail "SARIF baselineState"
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
states = sorted(r["baselineState"] for r in res)
assert states == ["new", "new", "unchanged", "unchanged", "unchanged"], states
for r in res:
    if r["baselineState"] == "unchanged":
        assert r["suppressions"] == [{"kind": "external", "status": "accepted"}], r
    else:
        assert "suppressions" not in r
PY
# Refreshing: --baseline with --write-baseline records the whole current set.
run 0 "$DDILINT" --baseline base.json --write-baseline base2.json src
run 0 "$DDILINT" --baseline base2.json src
# Bad baselines are errors.
echo '{"findings": []}' >notabaseline.json
run 2 "$DDILINT" --baseline notabaseline.json src
expect_in "$TMP/err" "notabaseline.json: not a ddilint baseline"
echo '{"ddilint_baseline": 9, "findings": []}' >future.json
run 2 "$DDILINT" --baseline future.json src
expect_in "$TMP/err" "baseline format 9 is not supported"
run 2 "$DDILINT" --baseline missing.json src
expect_in "$TMP/err" "missing.json"
finish
