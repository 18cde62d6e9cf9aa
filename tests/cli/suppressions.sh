# Suppressed findings are not dropped: SARIF keeps them as results with
# suppressions (kind inSource, with the justification) and the SARIF still
# validates; text and JSON leave them out, the summary counts them, and they
# never make the exit status 1. --report-unused-suppressions reports the
# suppressions that suppress nothing. (The forms themselves: tests/suppressions/.)
. "$(dirname "$0")/lib.bash"
cat >"$TMP/s.c" <<'C'
#include <ntddk.h>
PVOID a(PMDL m)
{
	// ddilint-ignore-next-line(obsolete-ddi): must load on Windows 98
	return MmGetSystemAddressForMdl(m);
}
PVOID b(PMDL m)
{
#pragma prefast(suppress: 28159, "checked by hand")
	return MmGetSystemAddressForMdl(m);
}
PVOID c(PMDL m)
{
	return MmGetSystemAddressForMdl(m);
}
// ddilint-ignore-next-line(missing-seh-guard)
int d(void) { return 0; }
#pragma warning(disable: 4996)
// NOLINTNEXTLINE
int e(void) { return 0; }
int f(void) { return 0; } // NOLINT(obsolete-ddi)
C
run 1 "$DDILINT" "$TMP/s.c"
expect_in "$TMP/out" "s.c:14:9: warning"
[ "$(grep -c 'is obsolete' "$TMP/out")" = 1 ] || fail "text shows suppressed findings"
expect_in "$TMP/err" "1 finding in 1 file.*; 2 suppressed in the source"
run 1 "$DDILINT" --format json -o "$TMP/r.json" "$TMP/s.c"
python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))["findings"]; assert len(f) == 1, f' "$TMP/r.json" ||
	fail "JSON shows suppressed findings"
run 1 "$DDILINT" --format sarif -o "$TMP/r.sarif" "$TMP/s.c"
python3 "$SRC/tests/report/validate-sarif.py" "$TMP/r.sarif" >/dev/null || fail "SARIF with suppressions does not validate"
python3 - "$TMP/r.sarif" <<'PY' || fail "SARIF suppressions"
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
got = {r["locations"][0]["physicalLocation"]["region"]["startLine"]: r.get("suppressions") for r in res}
assert got[5] == [{"kind": "inSource", "status": "accepted", "justification": "must load on Windows 98"}], got[5]
assert got[10] == [{"kind": "inSource", "status": "accepted", "justification": "checked by hand"}], got[10]
assert got[14] is None, got[14]
assert len(res) == 3
PY
# Everything suppressed: exit 0.
sed -i 's|^\treturn MmGetSystemAddressForMdl(m);$|\treturn MmGetSystemAddressForMdl(m); // NOLINT(obsolete-ddi)|' "$TMP/s.c"
run 0 "$DDILINT" "$TMP/s.c"
# Unused suppressions: the missing-seh-guard one and the NOLINT(obsolete-ddi) on a line
# without a call (two suppressions covering one finding are both used).
run 1 "$DDILINT" --report-unused-suppressions "$TMP/s.c"
expect_in "$TMP/out" "s.c:16:1: warning: unused suppression 'ddilint-ignore-next-line(missing-seh-guard)'.*\[unused-suppression\]"
expect_in "$TMP/out" "s.c:21:.*unused suppression 'NOLINT(obsolete-ddi)'"
[ "$(grep -c 'unused suppression' "$TMP/out")" = 2 ] || fail "wrong number of unused suppressions"
expect_not_in "$TMP/out" "4996"
expect_not_in "$TMP/out" "s.c:19:"                    # a bare NOLINT may be clang-tidy's
run 1 "$DDILINT" --report-unused-suppressions --format sarif -o "$TMP/u.sarif" "$TMP/s.c"
python3 "$SRC/tests/report/validate-sarif.py" "$TMP/u.sarif" >/dev/null || fail "SARIF with unused suppressions does not validate"
python3 - "$TMP/u.sarif" <<'PY' || fail "unused-suppression rule in SARIF"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
assert "unused-suppression" in ids
assert all(r["ruleId"] in ids for r in run["results"])
PY
# A suppression of a rule the configuration switches off is not "unused".
echo '{"rules": {"obsolete-ddi": "off"}}' >"$TMP/off.json"
run 1 "$DDILINT" --config "$TMP/off.json" --report-unused-suppressions "$TMP/s.c"
expect_not_in "$TMP/out" "obsolete-ddi"
expect_in "$TMP/out" "s.c:16:1: warning: unused suppression 'ddilint-ignore-next-line(missing-seh-guard)'"
# Suppressing in --verify: suppressed findings need no expectation.
run 0 "$DDILINT" --verify "$SRC/tests/suppressions/pragmas.c"
finish
