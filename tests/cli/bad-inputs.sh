# Bad inputs: each is named with its reason, gives exit 2, and the rest of the
# run completes with a valid report.
. "$(dirname "$0")/lib.bash"
make_files
printf '\x7fELF\x00\x01\x02binary\x00' >"$TMP/binary.c"
printf 'this is not C at all ;;; {{{\n' >"$TMP/garbage.c"
mkdir -p "$TMP/empty" "$TMP/loop/sub"
ln -s .. "$TMP/loop/sub/up"
cp "$TMP/bad.c" "$TMP/loop/sub/x.c"
mkdir -p "$TMP/dir with space/ünïcode"
cp "$TMP/bad.c" "$TMP/dir with space/ünïcode/drv.c"

run 2 "$DDILINT" "$TMP/binary.c" "$TMP/bad.c"
expect_in "$TMP/out" "binary.c.*binary file"
expect_in "$TMP/out" "is obsolete"
run 2 "$DDILINT" "$TMP/garbage.c" "$TMP/bad.c"
expect_in "$TMP/out" "garbage.c"
expect_in "$TMP/out" "is obsolete"
run 2 "$DDILINT" "$TMP/empty" "$TMP/bad.c"
expect_in "$TMP/out" "no C source files"
run 1 timeout 60 "$DDILINT" "$TMP/loop"                # a symlink loop ends
[ "$(grep -c 'is obsolete' "$TMP/out")" = 1 ] || fail "symlink loop: the file was not analysed exactly once"
run 1 "$DDILINT" "$TMP/dir with space"
expect_in "$TMP/out" "ünïcode/drv.c:2:"
for fmt in json sarif; do
	run 2 "$DDILINT" --format $fmt -o "$TMP/r.$fmt" "$TMP/binary.c" "$TMP/missing.c" "$TMP/bad.c"
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/r.$fmt" || fail "$fmt report is not JSON"
	expect_in "$TMP/err" "binary.c: binary file"
	expect_in "$TMP/err" "missing.c: No such file"
done
if [ "$(id -u)" != 0 ]; then
	cp "$TMP/bad.c" "$TMP/unreadable.c"; chmod 000 "$TMP/unreadable.c"
	run 2 "$DDILINT" "$TMP/unreadable.c" "$TMP/bad.c"
	expect_in "$TMP/out" "unreadable.c.*Permission denied"
else
	echo "skip: unreadable file (running as root, every file is readable)"
fi
finish
