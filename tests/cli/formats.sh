# The three formats carry the same findings; SARIF validates against the
# 2.1.0 schema; -o writes atomically and leaves stdout empty.
. "$(dirname "$0")/lib.bash"
cd "$SRC"
run 1 "$DDILINT" --format text samples/
text_n=$(grep -cE '^[^ ].*:[0-9]+:[0-9]+: (warning|error): ' "$TMP/out")
run 1 "$DDILINT" --format json -o "$TMP/r.json" samples/
[ -s "$TMP/out" ] && fail "-o FILE still wrote to stdout"
run 1 "$DDILINT" --format sarif -o "$TMP/r.sarif" samples/
python3 - "$TMP/r.json" "$TMP/r.sarif" "$text_n" <<'PY' || fail "formats disagree"
import json, sys
j = json.load(open(sys.argv[1])); s = json.load(open(sys.argv[2])); n = int(sys.argv[3])
jn = len(j["findings"]); sn = len(s["runs"][0]["results"])
print("text", n, "json", jn, "sarif", sn)
assert n == jn == sn and n > 0
PY
python3 "$SRC/tests/report/validate-sarif.py" "$TMP/r.sarif" || fail "SARIF does not validate"
finish
