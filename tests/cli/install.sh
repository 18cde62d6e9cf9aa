# cmake --install: the binary (with the knowledge base, compatibility headers
# and rule docs embedded), the knowledge base as a file, the docs, the man
# page and the plain git hook; the installed binary works on its own.
. "$(dirname "$0")/lib.bash"
BUILD=$(dirname "$DDILINT")
[ -f "$BUILD/cmake_install.cmake" ] || { echo "skip: $BUILD is not a CMake build directory"; exit 77; }
run 0 cmake --install "$BUILD" --prefix "$TMP/prefix"
P="$TMP/prefix"
for f in bin/ddilint share/ddilint/ddi-kb.json share/ddilint/ddi-kb.schema.json share/ddilint/git-pre-commit \
	share/man/man1/ddilint.1 share/doc/ddilint/README.md share/doc/ddilint/config.md \
	share/doc/ddilint/suppressions.md share/doc/ddilint/ci.md share/doc/ddilint/rules/obsolete-ddi.md; do
	[ -e "$P/$f" ] || fail "not installed: $f"
done
[ -x "$P/share/ddilint/git-pre-commit" ] || fail "the git hook is not executable"
[ -e "$P/share/doc/ddilint/ddilint.1" ] && fail "the man page belongs in man1, not in the docs"
cmp -s "$P/share/ddilint/ddi-kb.json" "$SRC/rules/ddi-kb.json" || fail "installed KB differs"
# The installed binary, away from the source and build trees.
make_files
cd "$TMP"
run 1 env HOME="$TMP" XDG_CACHE_HOME="$TMP/cache" "$P/bin/ddilint" bad.c
expect_in "$TMP/out" "is obsolete"
run 0 "$P/bin/ddilint" --explain obsolete-ddi
expect_in "$TMP/out" "^# obsolete-ddi"
if command -v man >/dev/null && command -v groff >/dev/null; then
	MANPATH="$P/share/man" MANWIDTH=80 man ddilint >"$TMP/man.txt" 2>/dev/null || fail "man ddilint"
	expect_in "$TMP/man.txt" "compile_commands.json"
fi
finish
