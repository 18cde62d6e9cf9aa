# tools/peer-score on a fake CodeQL driver pack laid out like the real one
# (our own two-function snippet, not the pack's code): the per-query line,
# the disagreement lists, --by-name, the machine-readable last line, the
# three kinds of PACK_DIR (checkout, git copy, extract directory) and exit 2
# on a directory that is not a pack.
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "skip: python3 is not installed"; exit 77; }
PS="$SRC/tools/peer-score"

pack=$TMP/pack
tpl=$pack/src/drivers/test/TestTemplates/WDMTestTemplate/driver
q=$pack/src/drivers/general/queries/IrqlTooHigh
mkdir -p "$tpl" "$q"
cat >"$tpl/fail_driver1.h" <<'C'
#include <wdm.h>
DRIVER_INITIALIZE DriverEntry;
C
cat >"$tpl/fail_driver1.c" <<'C'
#include "fail_driver1.h"
#include "driver_snippet.c"
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNREFERENCED_PARAMETER(DriverObject);
	UNREFERENCED_PARAMETER(RegistryPath);
	return STATUS_SUCCESS;
}
C
: >"$tpl/driver_snippet.c"
cat >"$q/driver_snippet.c" <<'C'
_IRQL_requires_max_(PASSIVE_LEVEL)
VOID PeerPassiveOnly(VOID) { }

VOID PeerRaise_fail(VOID)
{
	KIRQL old;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	PeerPassiveOnly();
	KeLowerIrql(old);
}
C
# The pack's expected results: none (as if the query missed PeerRaise_fail).
cat >"$q/IrqlTooHigh.sarif" <<'J'
{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL"}}, "results": []}]}
J

run 0 python3 "$PS" "$DDILINT" "$pack"
expect_in "$TMP/out" "^IrqlTooHigh  *irql-too-high  *2  *0  *1  *1/2$"
expect_in "$TMP/out" "ddilint only: PeerRaise_fail driver_snippet.c:4-11"
expect_not_in "$TMP/out" "expected only:"
expect_in "$TMP/out" "^IrqlTooLow .*skipped: not in the pack"
[ "$(tail -n 1 "$TMP/out")" = "peer-score: agree=1 total=2 ddilint_only=1 pack_only=0 queries=1 failed=0" ] ||
	fail "last line: $(tail -n 1 "$TMP/out")"

# --by-name: the name says PeerRaise_fail is a failing case.
run 0 python3 "$PS" --by-name "$DDILINT" "$pack"
expect_in "$TMP/out" "^IrqlTooHigh  *irql-too-high  *2  *1  *1  *2/2$"
expect_in "$TMP/out" "peer-score: agree=2 total=2 ddilint_only=0 pack_only=0"

# The pack's result inside PeerPassiveOnly: ddilint disagrees in both directions.
cat >"$q/IrqlTooHigh.sarif" <<'J'
{"version": "2.1.0", "runs": [{"results": [{"ruleId": "cpp/drivers/irql-too-high",
 "message": {"text": "made up"}, "locations": [{"physicalLocation":
 {"artifactLocation": {"uri": "driver/driver_snippet.c"}, "region": {"startLine": 2}}}]}]}]}
J
run 0 python3 "$PS" --query IrqlTooHigh -v "$DDILINT" "$pack"
expect_in "$TMP/out" "expected only: PeerPassiveOnly driver_snippet.c:1-2"
expect_in "$TMP/out" "pack:    made up"
expect_in "$TMP/out" "peer-score: agree=0 total=2 ddilint_only=1 pack_only=1 queries=1 failed=0"

# A git copy of the pack, read at HEAD.
if command -v git >/dev/null; then
	(cd "$pack" && git init -q && git add -A &&
		git -c user.name=t -c user.email=t@t commit -qm pack) || fail "git init of the fake pack"
	git clone -q --bare "$pack" "$TMP/pack.git" || fail "git clone --bare"
	run 0 python3 "$PS" --query IrqlTooHigh "$DDILINT" "$TMP/pack.git"
	expect_in "$TMP/out" "^peer-score: git copy"
	expect_in "$TMP/out" "peer-score: agree=0 total=2"
fi

# An extract directory (codeql-peer.py's layout): expected results from --expected.
ext=$TMP/extract/IrqlTooHigh/driver
mkdir -p "$ext"
cp "$tpl/fail_driver1.c" "$tpl/fail_driver1.h" "$q/driver_snippet.c" "$ext/"
run 0 python3 "$PS" "$DDILINT" "$TMP/extract"
expect_in "$TMP/out" "^IrqlTooHigh .*skipped: no expected results"
printf 'query\tfamily\tfile\tfunction\tline\tend\texpected\n' >"$TMP/peer.tsv"
printf 'IrqlTooHigh\tirql-too-high\tx/driver_snippet.c\tPeerRaise_fail\t4\t11\tflagged\n' >>"$TMP/peer.tsv"
run 0 python3 "$PS" --expected "$TMP/peer.tsv" "$DDILINT" "$TMP/extract"
expect_in "$TMP/out" "^peer-score: extract directory"
expect_in "$TMP/out" "peer-score: agree=2 total=2 ddilint_only=0 pack_only=0 queries=1 failed=0"

# --inline pastes the snippet into the harness; the lines still map back.
run 0 python3 "$PS" --inline --expected "$TMP/peer.tsv" "$DDILINT" "$TMP/extract"
expect_in "$TMP/out" "peer-score: agree=2 total=2"

# Not a pack, no binary, unknown query: exit 2 and say why.
mkdir -p "$TMP/empty"
run 2 python3 "$PS" "$DDILINT" "$TMP/empty"
expect_in "$TMP/err" "is not the CodeQL driver pack"
run 2 python3 "$PS" "$DDILINT" "$TMP/no-such-dir"
expect_in "$TMP/err" "not a directory"
run 2 python3 "$PS" "$TMP/no-such-ddilint" "$pack"
expect_in "$TMP/err" "ddilint binary not found"
run 2 python3 "$PS" --query NoSuchQuery "$DDILINT" "$pack"
expect_in "$TMP/err" "unknown query NoSuchQuery"
run 2 python3 "$PS" "$DDILINT"
finish
