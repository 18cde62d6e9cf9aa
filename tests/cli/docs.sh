# Rule documentation and the manual: docs/rules/<id>.md for every rule with
# the required sections, --explain prints it (embedded), SARIF helpUri points
# at it, --list-rules and --version work, and the man page documents every
# option of --help and renders cleanly.
. "$(dirname "$0")/lib.bash"
cd "$SRC"
run 0 "$DDILINT" --list-rules
cp "$TMP/out" "$TMP/rules"
while read -r id _; do
	doc="docs/rules/$id.md"
	[ -f "$doc" ] || { fail "$id: no $doc"; continue; }
	for h in "## Why" "## Bad" "## Good" "## Suppressing" "## Fix"; do
		grep -q "^$h" "$doc" || fail "$doc: no '$h' section (what, why, bad/good example, how to suppress, fix)"
	done
	sed -n '/^## Why/,/^## /p' "$doc" | grep -q 'https://learn.microsoft.com/' ||
		fail "$doc: the Why section links no DDI docs page"
	run 0 "$DDILINT" --explain "$id"
	cmp -s "$TMP/out" "$doc" || fail "--explain $id is not $doc"
done <"$TMP/rules"
run 0 "$DDILINT" --explain DDI1001
expect_in "$TMP/out" "^# obsolete-ddi"
run 0 "$DDILINT" --explain MissingSehGuard
expect_in "$TMP/out" "^# missing-seh-guard"
run 0 "$DDILINT" --explain unused-suppression
run 2 "$DDILINT" --explain no-such-rule
expect_in "$TMP/err" "unknown rule 'no-such-rule'"
# SARIF helpUri: the page in docs/rules/.
run 1 "$DDILINT" --format sarif -o "$TMP/r.sarif" --report-unused-suppressions samples
python3 - "$TMP/r.sarif" "$SRC" <<'PY' || fail "helpUri does not point at docs/rules/<id>.md"
import json, os, sys
for r in json.load(open(sys.argv[1]))["runs"][0]["tool"]["driver"]["rules"]:
    assert r["helpUri"].endswith("/docs/rules/%s.md" % r["id"]), r["helpUri"]
    assert os.path.exists(os.path.join(sys.argv[2], "docs/rules/%s.md" % r["id"])), r["id"]
PY
run 0 "$DDILINT" --version
expect_in "$TMP/out" "^ddilint [0-9][0-9.]* (.*clang"
# The man page: every option of --help, and no roff warnings.
run 0 "$DDILINT" --help
grep -o -- '--[a-z][a-z-]*' "$TMP/out" | sort -u >"$TMP/opts"
sed 's/\\-/-/g; s/\\f[BIRP]//g' docs/ddilint.1 >"$TMP/man"
while read -r opt; do
	grep -q -- "$opt" "$TMP/man" || fail "docs/ddilint.1 does not document $opt"
done <"$TMP/opts"
if command -v man >/dev/null && command -v groff >/dev/null; then
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l docs/ddilint.1 >"$TMP/man.txt" 2>"$TMP/man.err" || fail "man cannot render docs/ddilint.1"
	[ -s "$TMP/man.err" ] && { fail "roff warnings in docs/ddilint.1"; cat "$TMP/man.err" >&2; }
	expect_in "$TMP/man.txt" "EXIT STATUS"
else
	echo "skip: rendering the man page (man or groff not installed)"
fi
# The README shows the three ways to use ddilint.
for way in "build script" "CI" "pre-commit"; do
	grep -qi "^### .*$way" README.md || fail "README.md has no section on using ddilint from a $way"
done
finish
