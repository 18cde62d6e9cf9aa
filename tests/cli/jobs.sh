# -j N: the same report as -j 1 in every format (findings merged and sorted,
# whatever the scheduling); a progress line on stderr only when it is a
# terminal (or --progress), never with --quiet; bad job counts are usage errors.
. "$(dirname "$0")/lib.bash"
cd "$SRC"
# (JSON is written from the same finished list as these two.)
set -- tests/obsolete-ddi tests/suppressions samples
for fmt in text sarif; do
	for j in 1 3; do
		run 1 "$DDILINT" -q --no-progress -j "$j" --format "$fmt" -o "$TMP/r$j.$fmt" "$@"
	done
	# The SARIF invocation records the command line, which differs in -j.
	for j in 3; do
		if [ "$fmt" = sarif ]; then
			python3 - "$TMP/r1.sarif" "$TMP/r$j.sarif" <<'PY' || fail "sarif differs between -j 1 and -j $j"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for d in (a, b):
    d["runs"][0]["invocations"][0].pop("commandLine", None)
    d["runs"][0]["invocations"][0].pop("arguments", None)
assert a == b
PY
		else
			cmp -s "$TMP/r1.$fmt" "$TMP/r$j.$fmt" || fail "$fmt differs between -j 1 and -j $j"
		fi
	done
done
[ "$(grep -c 'warning\|error' "$TMP/r1.text")" -gt 20 ] || fail "too few findings for a meaningful -j test"
# Progress: not when stderr is a file, forced with --progress, never with --quiet.
run 1 "$DDILINT" -j 2 samples
expect_not_in "$TMP/err" "\[1/3\]"
run 1 "$DDILINT" -j 2 --progress samples
expect_in "$TMP/err" "\[[0-2]/3\] samples/"
expect_in "$TMP/err" "3 files"
run 1 "$DDILINT" -j 2 --progress --quiet samples
[ -s "$TMP/err" ] && grep -q '\[' "$TMP/err" && fail "--quiet still shows progress"
if command -v script >/dev/null; then
	# A real terminal on stderr: the progress line appears without --progress.
	script -qec "$DDILINT -j 2 samples >/dev/null" "$TMP/typescript" >/dev/null 2>&1
	if grep -q "findings in 3 files" "$TMP/typescript" 2>/dev/null; then
		expect_in "$TMP/typescript" "\[[0-2]/3\] samples/"
	else
		echo "skip: no pseudo-terminal for script(1) here"
	fi
fi
# Job counts.
run 1 "$DDILINT" -j1 samples
run 1 "$DDILINT" --jobs=3 samples
for bad in 0 -1 x 257; do
	run 2 "$DDILINT" -j "$bad" samples
	expect_in "$TMP/err" "bad job count"
done
finish
