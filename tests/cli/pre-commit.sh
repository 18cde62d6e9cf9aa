# The pre-commit integration, through the real tools: a temporary driver
# repository uses ddilint's .pre-commit-hooks.yaml with the pre-commit
# framework (offline: the hook repository is a local clone, the hook is
# language: system), and tools/git-pre-commit as a plain git hook. A commit
# adding a buggy driver file is refused with the finding shown; a clean one
# goes through. Skipped (exit 77) only where pre-commit or git is missing.
. "$(dirname "$0")/lib.bash"
if ! command -v git >/dev/null || ! command -v pre-commit >/dev/null; then
	echo "skip: pre-commit (Debian package pre-commit) or git is not installed; tools/bootstrap installs them"
	exit 77
fi
make_files
BIN=$(cd "$(dirname "$DDILINT")" && pwd)
export PATH="$BIN:$PATH" PRE_COMMIT_HOME="$TMP/pre-commit-cache" HOME="$TMP/home"
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t \
	GIT_COMMITTER_EMAIL=t@example.com XDG_CONFIG_HOME="$TMP/home/.config"
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global protocol.file.allow always

# The hook repository: what a driver repository's config points at.
hooks="$TMP/ddilint-hooks"
mkdir -p "$hooks" && cp "$SRC/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q && git -C "$hooks" add . && git -C "$hooks" commit -q -m hooks || fail "hook repo"
rev=$(git -C "$hooks" rev-parse HEAD)

both() { cat "$TMP/out" "$TMP/err" >"$TMP/both"; [ -n "${SHOW:-}" ] && cat "$TMP/both"; } # git shows hook output on stderr

new_repo() { # DIR: an empty driver repository with one commit
	mkdir -p "$1" && git -C "$1" init -q && echo "# driver" >"$1/README.md" &&
		git -C "$1" add README.md && git -C "$1" commit -q -m init
}

# --- the pre-commit framework -------------------------------------------------
repo="$TMP/driver"
new_repo "$repo"
cat >"$repo/.pre-commit-config.yaml" <<YAML
repos:
- repo: $hooks
  rev: $rev
  hooks:
  - id: ddilint
YAML
git -C "$repo" add .pre-commit-config.yaml && git -C "$repo" commit -q -m config
(cd "$repo" && pre-commit install) >"$TMP/out" 2>&1 || { fail "pre-commit install"; cat "$TMP/out" >&2; }
cp "$TMP/bad.c" "$repo/bad.c"
echo "not C" >"$repo/notes.txt"
git -C "$repo" add bad.c notes.txt
run 1 git -C "$repo" commit -m "add a buggy driver file"
both
expect_in "$TMP/both" "bad.c:2:34: warning: 'MmGetSystemAddressForMdl' is obsolete"
expect_in "$TMP/both" "ddilint (Windows driver DDI checks).*Failed"
[ "$(git -C "$repo" rev-list --count HEAD)" = 2 ] || fail "the buggy commit went through"
git -C "$repo" rm -q --cached bad.c && rm "$repo/bad.c"
cp "$TMP/clean.c" "$repo/clean.c"
git -C "$repo" add clean.c
run 0 git -C "$repo" commit -m "add a clean driver file"
both
expect_in "$TMP/both" "ddilint (Windows driver DDI checks).*Passed"
[ "$(git -C "$repo" rev-list --count HEAD)" = 3 ] || fail "the clean commit did not go through"
# A commit without C files does not run ddilint at all.
echo more >>"$repo/notes.txt" && git -C "$repo" add notes.txt
run 0 git -C "$repo" commit -m "notes only"
both
expect_in "$TMP/both" "ddilint (Windows driver DDI checks).*no files to check"

# --- the plain git hook -------------------------------------------------------------
plain="$TMP/plain"
new_repo "$plain"
cp "$SRC/tools/git-pre-commit" "$plain/.git/hooks/pre-commit"
mkdir -p "$plain/src"
cp "$TMP/bad.c" "$plain/src/bad.c"
git -C "$plain" add src/bad.c
run 1 git -C "$plain" commit -m "add a buggy driver file"
expect_in "$TMP/err" "src/bad.c:2:34: warning: 'MmGetSystemAddressForMdl' is obsolete"
expect_in "$TMP/err" "refused the commit"
git -C "$plain" rm -q --cached src/bad.c && rm "$plain/src/bad.c"
cp "$TMP/clean.c" "$plain/src/clean.c"
git -C "$plain" add src/clean.c
run 0 git -C "$plain" commit -m "add a clean driver file"
[ "$(git -C "$plain" rev-list --count HEAD)" = 2 ] || fail "the clean commit did not go through"
finish
