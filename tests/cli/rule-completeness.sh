# Every rule in the table has its source file, its test directory with bad and
# good cases, and its documentation page.
. "$(dirname "$0")/lib.bash"
run 0 "$DDILINT" --list-rules
n=0
while read -r id _; do
	n=$((n + 1))
	[ -f "$SRC/rules/${id//-/_}.c" ] || fail "$id: no rules/${id//-/_}.c"
	[ -d "$SRC/tests/$id" ] || fail "$id: no tests/$id/"
	ls "$SRC/tests/$id"/*.c >/dev/null 2>&1 || fail "$id: no test files"
	grep -lq 'expected-\(warning\|error\)' "$SRC/tests/$id"/*.c || fail "$id: no bad case"
	grep -lq 'expected-no-findings' "$SRC/tests/$id"/*.c || grep -q 'good_' "$SRC/tests/$id"/*.c || fail "$id: no good case"
	[ -f "$SRC/docs/rules/$id.md" ] || fail "$id: no docs/rules/$id.md"
done <"$TMP/out"
[ "$n" -ge 3 ] || fail "only $n rules listed"
finish
