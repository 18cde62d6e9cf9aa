# Exit codes: 0 clean, 1 findings, 2 usage or an input that could not be analysed,
# and a bad input never stops the rest of the run.
. "$(dirname "$0")/lib.bash"
make_files
run 0 "$DDILINT" "$TMP/clean.c"
run 1 "$DDILINT" "$TMP/bad.c"
expect_in "$TMP/out" "bad.c:2:34: warning: 'MmGetSystemAddressForMdl' is obsolete"
run 2 "$DDILINT" "$TMP/missing.c" "$TMP/bad.c"
expect_in "$TMP/out" "missing.c"
expect_in "$TMP/out" "MmGetSystemAddressForMdl"          # the good input is still reported
run 2 "$DDILINT" --no-such-option "$TMP/bad.c"
expect_in "$TMP/err" "unknown option '--no-such-option'"
run 2 "$DDILINT"
expect_in "$TMP/err" "no input files"
run 2 "$DDILINT" --format xml "$TMP/bad.c"
expect_in "$TMP/err" "unknown format 'xml'"
run 0 "$DDILINT" --help
expect_in "$TMP/out" "Exit status"
run 0 "$DDILINT" --version
expect_in "$TMP/out" "^ddilint [0-9]"
finish
