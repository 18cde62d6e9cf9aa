# Fix-its: findings with a safe mechanical fix carry it (a text note, SARIF
# "fixes"), and --fix applies them in place, only when asked. Checked:
# MmMapLockedPages(Mdl, KernelMode) -> MmMapLockedPagesSpecifyCache with the
# arguments that keep its meaning and the NULL check called out;
# MmGetSystemAddressForMdl -> MmGetSystemAddressForMdlSafe; no fix where
# it would be wrong or unsafe (a Storport miniport, a call over several
# lines, a driver's own macro, a suppressed finding).
. "$(dirname "$0")/lib.bash"
cat >"$TMP/d.c" <<'C'
#include <ntddk.h>
#define MY_MAP(m) MmGetSystemAddressForMdl(m)
PVOID map_kernel(PMDL Mdl) { return MmMapLockedPages(Mdl, KernelMode); }
PVOID map_safe(PIRP Irp) { return MmGetSystemAddressForMdl(Irp->MdlAddress); }
PVOID map_nested(PMDL Mdl, PVOID Va) { return Va ? Va : MmMapLockedPages((PMDL)(Mdl), (KPROCESSOR_MODE)KernelMode); }
PVOID map_split(PMDL Mdl)
{
	return MmMapLockedPages(Mdl,
				KernelMode);
}
PVOID map_macro(PMDL Mdl) { return MY_MAP(Mdl); }
PVOID map_kept(PMDL Mdl) { return MmGetSystemAddressForMdl(Mdl); } // ddilint-ignore(obsolete-ddi): on purpose
C
cp "$TMP/d.c" "$TMP/orig.c"
run 1 "$DDILINT" "$TMP/d.c"
expect_in "$TMP/out" "d.c:3:37: note: fix: replace with 'MmMapLockedPagesSpecifyCache(Mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority)'; .*returns NULL .*check the result for NULL"
expect_in "$TMP/out" "d.c:4:35: note: fix: replace with 'MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority)'; .*check the result for NULL"
[ "$(grep -c 'note: fix:' "$TMP/out")" = 3 ] || fail "expected fixes for exactly 3 findings (not the split call or the macro)"
cmp -s "$TMP/d.c" "$TMP/orig.c" || fail "the source changed without --fix"
run 1 "$DDILINT" --format sarif -o "$TMP/r.sarif" "$TMP/d.c"
python3 "$SRC/tests/report/validate-sarif.py" "$TMP/r.sarif" >/dev/null || fail "SARIF with fixes does not validate"
python3 - "$TMP/r.sarif" <<'PY' || fail "SARIF fixes"
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
fix = {r["locations"][0]["physicalLocation"]["region"]["startLine"]: r.get("fixes") for r in res}
rep = fix[3][0]["artifactChanges"][0]["replacements"][0]
assert rep["deletedRegion"] == {"startLine": 3, "startColumn": 37, "endColumn": 70}, rep
assert rep["insertedContent"]["text"] == "MmMapLockedPagesSpecifyCache(Mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority)"
assert "NULL" in fix[3][0]["description"]["text"]
assert fix[8] is None and fix[11] is None, (fix[8], fix[11])
PY
# --fix: applied in place, the rest still reported.
run 1 "$DDILINT" --fix "$TMP/d.c"
expect_in "$TMP/err" "; 3 fixed in 1 file"
[ "$(grep -c 'is obsolete' "$TMP/out")" = 2 ] || fail "after --fix, the two unfixable findings remain"
diff "$TMP/orig.c" "$TMP/d.c" >"$TMP/diff"
expect_in "$TMP/diff" "> PVOID map_kernel(PMDL Mdl) { return MmMapLockedPagesSpecifyCache(Mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority); }"
expect_in "$TMP/diff" "> PVOID map_safe(PIRP Irp) { return MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority); }"
expect_in "$TMP/diff" "MmMapLockedPagesSpecifyCache((PMDL)(Mdl), (KPROCESSOR_MODE)KernelMode, MmCached, NULL, FALSE, NormalPagePriority)"
expect_not_in "$TMP/diff" "map_kept\|map_split\|MY_MAP"
# The fixed file parses cleanly and has nothing more to fix.
run 1 "$DDILINT" --format json -o "$TMP/after.json" "$TMP/d.c"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["files"][0]["status"] == "analysed", d["files"]' "$TMP/after.json" ||
	fail "the fixed file does not parse cleanly"
cp "$TMP/d.c" "$TMP/again.c"
run 1 "$DDILINT" --fix "$TMP/d.c"
expect_in "$TMP/err" "; 0 fixed in 0 files"
# A Storport miniport gets StorPort advice and no WDM fix.
run 1 "$DDILINT" "$SRC/tests/obsolete-ddi/in-miniport.c"
expect_in "$TMP/out" "use 'StorPortGetSystemAddress' instead"
expect_not_in "$TMP/out" "fix:"
cp "$SRC/tests/obsolete-ddi/in-miniport.c" "$TMP/mini.c"
run 1 "$DDILINT" --fix "$TMP/mini.c"
cmp -s "$TMP/mini.c" "$SRC/tests/obsolete-ddi/in-miniport.c" || fail "--fix changed a Storport miniport"
finish
