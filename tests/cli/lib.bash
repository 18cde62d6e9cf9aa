# lib.bash - helpers for the CLI tests. Each test: bash tests/cli/X.sh DDILINT SRCDIR
set -u
DDILINT=$1
SRC=$2
TMP=$(mktemp -d)
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
FAILS=0

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
ok() { echo "ok: $*"; }

# run EXPECTED_RC CMD... : runs CMD, keeps stdout/stderr in $TMP/out $TMP/err
run() {
	local want=$1; shift
	"$@" >"$TMP/out" 2>"$TMP/err"
	local rc=$?
	if [ "$rc" != "$want" ]; then
		fail "exit $rc, wanted $want: $*"; sed 's/^/  stderr: /' "$TMP/err" | head -20 >&2
		return 1
	fi
	ok "exit $rc: $*"
}

expect_in() { # FILE PATTERN
	grep -q -- "$2" "$1" || { fail "'$2' not in $(basename "$1")"; sed 's/^/  | /' "$1" | head -20 >&2; }
}
expect_not_in() {
	! grep -q -- "$2" "$1" || fail "'$2' unexpectedly in $(basename "$1")"
}

finish() {
	[ "$FAILS" = 0 ] && { echo "all passed"; exit 0; }
	echo "$FAILS failure(s)" >&2; exit 1
}

# A driver file with one obsolete call, and a clean one.
make_files() {
	cat >"$TMP/bad.c" <<'C'
#include <ntddk.h>
PVOID bad_map(PMDL Mdl) { return MmGetSystemAddressForMdl(Mdl); }
C
	cat >"$TMP/clean.c" <<'C'
#include <ntddk.h>
PVOID good_map(PMDL Mdl) { return MmGetSystemAddressForMdlSafe(Mdl, NormalPagePriority); }
C
}

# only_rules DIR RULE...: a .ddilint.json in DIR that switches every other rule
# off, so that a test of the machinery (baselines, fixes) does not change when
# other rules learn to find more in its driver code.
only_rules() {
	local dir=$1; shift
	"$DDILINT" --list-rules | python3 -c '
import json, sys
keep = set(sys.argv[1:])
rules = {line.split()[0]: "off" for line in sys.stdin if line.split() and line.split()[0] not in keep}
print(json.dumps({"rules": rules}))' "$@" >"$dir/.ddilint.json"
}
