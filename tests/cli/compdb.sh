# -p: compile_commands.json in the "arguments" and "command" forms, gcc and
# cl.exe flags (MSBuild/WDK style, @response files in UTF-16LE), relative
# directories; only the files given when there are PATHs; nothing in the
# database is ever executed; a broken database is an error (exit 2).
. "$(dirname "$0")/lib.bash"
make_files
mkdir -p "$TMP/p/src" "$TMP/p/inc" "$TMP/p/build/obj"
cat >"$TMP/p/inc/cfg.h" <<'C'
#define MAP_IT(m) MmGetSystemAddressForMdl(m)
C
cat >"$TMP/p/src/gcc.c" <<'C'
#include <ntddk.h>
#include "cfg.h"
#ifdef USE_OLD
PVOID old_map(PMDL m) { return MAP_IT(m); }
#endif
C
cat >"$TMP/p/src/cl.c" <<'C'
#include <ntddk.h>
#include "cfg.h"
#if defined(WDK_STYLE) && _KERNEL_MODE == 1 && FORCED == 7 && WITH_HASH == 2
PVOID cl_map(PMDL m) { return MmGetSystemAddressForMdl(m); }
#endif
C
cat >"$TMP/p/inc/forced.h" <<'C'
#define FORCED 7
C
cp "$TMP/clean.c" "$TMP/p/src/clean.c"
# MSBuild writes response files as UTF-16LE with a byte order mark.
printf '/DWDK_STYLE /I..\\inc /FI"..\\inc\\forced.h"' | iconv -t UTF-16LE | { printf '\xff\xfe'; cat; } >"$TMP/p/build/cl.rsp"
cat >"$TMP/p/build/compile_commands.json" <<JSON
[
 {"directory": "$TMP/p/build", "file": "../src/gcc.c",
  "arguments": ["gcc", "-c", "-O2", "-Wall", "-I../inc", "-D", "USE_OLD", "-march=native", "-o", "gcc.o", "../src/gcc.c"]},
 {"directory": "obj/..", "file": "../src/cl.c",
  "command": "\"C:\\\\Program Files\\\\MSVC\\\\bin\\\\cl.exe\" /nologo /c /kernel /GS /Zi /W4 /DWITH_HASH#2 -imsvc..\\\\sdk @cl.rsp /Fo\"x64\\\\Debug\\\\\\\\\" /wd4996 /Qspectre ..\\\\src\\\\cl.c"},
 {"directory": "$TMP/p/build", "file": "$TMP/p/src/clean.c", "command": "cc -c ../src/clean.c \$(touch $TMP/pwned) ; touch $TMP/pwned2 \`touch $TMP/pwned3\`"},
 {"directory": "$TMP/p/build", "file": "../src/clean.c", "command": "cc -DSECOND_ENTRY_IGNORED -c ../src/clean.c"},
 {"directory": "$TMP/p/build", "file": "../src/x.cpp", "command": "c++ -c ../src/x.cpp", "output": "x.o", "unknown-key": 1}
]
JSON
cd "$TMP/p"
run 1 "$DDILINT" -p build
expect_in "$TMP/out" "^src/gcc.c:4:32: warning: 'MmGetSystemAddressForMdl' is obsolete"
expect_in "$TMP/out" "^src/cl.c:4:31: warning: 'MmGetSystemAddressForMdl' is obsolete"
expect_in "$TMP/err" "2 findings in 3 files"
expect_in "$TMP/err" "note: build/compile_commands.json: flags dropped.*-march=native"
expect_in "$TMP/err" "1 entry skipped (not a C file, or compiled as C++)"
expect_not_in "$TMP/err" "/GS\|/Zi\|/Fo\|-O2\|-Wall"        # output and code generation: silent
for f in pwned pwned2 pwned3; do [ -e "$TMP/$f" ] && fail "the database's command was executed ($f)"; done
# The flags as the frontend gets them: cl options mapped onto the driver target.
run 0 "$DDILINT" -p build/compile_commands.json --print-flags src/cl.c
expect_in "$TMP/out" "^-D_KERNEL_MODE=1$"
expect_in "$TMP/out" "^-DWDK_STYLE$"
expect_in "$TMP/out" "^-DWITH_HASH=2$"
expect_in "$TMP/out" "^-I$TMP/p/inc$"
expect_in "$TMP/out" "^$TMP/p/inc/forced.h$"
grep -A1 -x -- -isystem "$TMP/out" | grep -qx "$TMP/p/sdk" || fail "-imsvc did not become -isystem $TMP/p/sdk"
expect_not_in "$TMP/out" "SECOND_ENTRY_IGNORED\|/nologo\|/kernel"
# Only the files given: a file, a directory, and a file the database lacks.
run 1 "$DDILINT" -p build src/gcc.c
expect_in "$TMP/err" "1 finding in 1 file"
run 1 "$DDILINT" -p build src
expect_in "$TMP/err" "in 3 files"
cp "$TMP/bad.c" other.c
run 1 "$DDILINT" -p build other.c
expect_in "$TMP/err" "1 file not in build/compile_commands.json, analysed with the default flags"
run 2 "$DDILINT" -p build inc
expect_in "$TMP/out" "no file under this directory is in build/compile_commands.json"
# The command line has the last word over the database.
run 0 "$DDILINT" -p build src/gcc.c -- -UUSE_OLD
# A broken or missing database stops the run.
echo '[{"directory": "/", "file": "a.c", "arguments": "not an array"}]' >bad.json
run 2 "$DDILINT" -p bad.json
expect_in "$TMP/err" "bad.json: entry 1 (a.c): needs \"arguments\" or \"command\""
printf '[\n  {"directory": "/",\n' >broken.json
run 2 "$DDILINT" -p broken.json
expect_in "$TMP/err" "broken.json: line 2: not valid JSON"
echo '{"directory": "/"}' >object.json
run 2 "$DDILINT" -p object.json
expect_in "$TMP/err" "not a compilation database"
run 2 "$DDILINT" -p "$TMP/nowhere"
expect_in "$TMP/err" "nowhere"
finish
