# An interrupted run never leaves half a report (issue 8, point 7): -o FILE is
# written beside FILE and renamed, so a run stopped by SIGINT, SIGTERM or
# SIGKILL at any moment leaves the previous report byte for byte, or none when
# there was none. The kill times are spread so that some land while files are
# analysed and some while the report is written.
. "$(dirname "$0")/lib.bash"
cd "$SRC"
mapfile -t files < <(find samples tests/missing-release tests/irql-too-high tests/unchecked-result -name '*.c' | sort)
export DDILINT_NO_CACHE=1
run 1 "$DDILINT" -q -j1 --format json -o "$TMP/prev.json" "${files[@]}"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/prev.json" || fail "the first report is not JSON"
for sig in INT TERM KILL; do
	for delay in 0.05 0.3 1 2; do
		cp "$TMP/prev.json" "$TMP/r.json"
		"$DDILINT" -q -j1 --format json -o "$TMP/r.json" "${files[@]}" >/dev/null 2>&1 &
		pid=$!
		sleep "$delay"
		kill -s "$sig" "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		# Either the run finished first (a complete new report) or it did not
		# (the previous one, untouched): both are whole JSON documents.
		if ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/r.json" 2>/dev/null; then
			fail "SIG$sig after ${delay}s left a report that is not whole JSON"
		elif ! cmp -s "$TMP/r.json" "$TMP/prev.json"; then
			# A finished run gives the same findings as the first one.
			python3 - "$TMP/prev.json" "$TMP/r.json" <<'PY' || fail "SIG$sig after ${delay}s: a different report"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
sys.exit(0 if a["findings"] == b["findings"] else 1)
PY
		fi
		# No run killed before its rename may leave its temporary file behind
		# under the report's name (a dot-file beside it is allowed after KILL).
		[ -e "$TMP/r.json" ] || fail "SIG$sig after ${delay}s removed the previous report"
	done
	ok "SIG$sig at 4 moments: the report is the previous one or a complete new one"
done
# No previous report: an interrupted run leaves none at all, never a partial one.
rm -f "$TMP/none.json"
"$DDILINT" -q -j1 --format json -o "$TMP/none.json" "${files[@]}" >/dev/null 2>&1 &
pid=$!
sleep 0.3
kill -s KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [ -e "$TMP/none.json" ]; then
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/none.json" 2>/dev/null ||
		fail "a killed first run left a partial report"
fi
ok "a run killed before its first report leaves none"
finish
