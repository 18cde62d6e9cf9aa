# .ddilint.json (docs/config.md): found upward from each file, rules switched
# off and re-levelled, include directories and macros, excludes, the team's
# own DDI contracts; a malformed one names the file, the line and the problem.
. "$(dirname "$0")/lib.bash"
cd "$SRC"
full=tests/config/full

# The configuration's flags, severities and DDIs: drv.c's expectations hold.
run 0 "$DDILINT" --verify "$full/drv.c"
# Directory walk: the excluded copies are not analysed, and the note says so.
run 1 "$DDILINT" "$full"
expect_in "$TMP/err" "3 files excluded by the configuration"
expect_not_in "$TMP/out" "third_party\|generated/\|drv_test"
expect_in "$TMP/out" "drv.c:13:9: error: 'FabMapForUser' can raise an exception"
# Exclusion applies to files named on the command line too (what pre-commit passes).
run 2 "$DDILINT" "$full/third_party/vendor.c"
expect_in "$TMP/err" "nothing to analyse (every file is excluded by the configuration)"
# --no-config: default severities, no include directory (the file no longer parses fully).
run 1 "$DDILINT" --no-config "$full/drv.c"
expect_in "$TMP/out" "analysis partial"
expect_in "$TMP/out" "warning: 'MmGetSystemAddressForMdl' is obsolete"

# Discovery: the nearest file wins; it stops at the repository root.
mkdir -p "$TMP/repo/.git" "$TMP/repo/sub/deeper"
make_files
cp "$TMP/bad.c" "$TMP/repo/sub/deeper/a.c"
cp "$TMP/bad.c" "$TMP/repo/b.c"
echo '{"rules": {"obsolete-ddi": "off"}}' >"$TMP/repo/sub/.ddilint.json"
echo '{"rules": {"obsolete-ddi": "note"}}' >"$TMP/repo/.ddilint.json"
echo '{"rules": {"obsolete-ddi": "error"}}' >"$TMP/.ddilint.json"   # above the repository: never read
run 1 "$DDILINT" "$TMP/repo"
expect_in "$TMP/out" "b.c:2:34: note: 'MmGetSystemAddressForMdl' is obsolete"
expect_not_in "$TMP/out" "a.c:"
run 1 "$DDILINT" --config "$TMP/.ddilint.json" "$TMP/repo"
expect_in "$TMP/out" "a.c:2:34: error: 'MmGetSystemAddressForMdl' is obsolete"
expect_in "$TMP/out" "b.c:2:34: error: 'MmGetSystemAddressForMdl' is obsolete"
# A rule switched off is not described in SARIF either.
run 0 "$DDILINT" --format sarif -o "$TMP/r.sarif" "$TMP/repo/sub"
python3 - "$TMP/r.sarif" <<'PY' || fail "SARIF rules of a configuration"
import json, sys
rules = [r["id"] for r in json.load(open(sys.argv[1]))["runs"][0]["tool"]["driver"]["rules"]]
assert "obsolete-ddi" not in rules and "missing-seh-guard" in rules, rules
PY

# Malformed configurations: exit 2, file, line and problem.
for cfg in tests/config/bad/*.json; do
	want=$(head -1 "${cfg%.json}.expect")
	run 2 "$DDILINT" --config "$cfg" "$TMP/bad.c"
	expect_in "$TMP/err" "ddilint: error: $cfg: $want"
done
# Found by discovery, the error names the file as found.
cp tests/config/bad/unknown-rule.json "$TMP/repo/sub/.ddilint.json"
run 2 "$DDILINT" "$TMP/repo/sub/deeper/a.c"
expect_in "$TMP/err" "sub/.ddilint.json: line 4: unknown rule 'obsolete-dd'"
# The example of docs/config.md is the one tested here.
python3 - "$SRC/docs/config.md" "$full/.ddilint.json" <<'PY' || fail "docs/config.md example differs from $full/.ddilint.json"
import json, re, sys
doc = re.search(r"```json\n(\{.*?\n\})\n```", open(sys.argv[1]).read(), re.S).group(1)
assert json.loads(doc) == json.load(open(sys.argv[2]))
PY
finish
