# --wdk DIR parses against a real WDK tree (DIR/km, DIR/shared, DIR/km/crt)
# instead of the mingw headers. A tiny stand-in tree checks the plumbing: the
# flags, that ddilint's prelude stays out of the way of the WDK's own
# sal.h/driverspecs.h (which define the SAL macros as empty), and findings.
. "$(dirname "$0")/lib.bash"
W="$TMP/wdk"
mkdir -p "$W/km/crt" "$W/shared"
cat >"$W/shared/sal.h" <<'H'
#pragma once
#define _In_
#define _IRQL_requires_max_(x)
H
cat >"$W/km/driverspecs.h" <<'H'
#pragma once
#define _IRQL_requires_max_(x)
#define _Function_class_(x)
H
cat >"$W/km/wdm.h" <<'H'
#pragma once
#ifndef _AMD64_
#error "No Target Architecture"
#endif
typedef void *PVOID; typedef struct _MDL *PMDL; typedef char KPROCESSOR_MODE;
enum { KernelMode, UserMode };
#define WDK_ONLY_MARKER 1
PVOID MmMapLockedPages(_In_ PMDL Mdl, _In_ KPROCESSOR_MODE AccessMode);
H
printf '#pragma once\n#include <wdm.h>\n' >"$W/km/ntddk.h"
cat >"$TMP/drv.c" <<'C'
#include <ntddk.h>
#if !WDK_ONLY_MARKER
#error "parsed against the wrong headers"
#endif
_IRQL_requires_max_(DISPATCH_LEVEL)
PVOID map_it(PMDL m) { return MmMapLockedPages(m, KernelMode); }
C
run 0 "$DDILINT" --wdk "$W" --print-flags
expect_in "$TMP/out" "^-isystem$W/km$"
expect_in "$TMP/out" "^-isystem$W/shared$"
expect_in "$TMP/out" "^--target=x86_64-pc-windows-msvc$"
expect_not_in "$TMP/out" "x86_64-w64-mingw32/include/ddk"
run 1 "$DDILINT" --wdk "$W" "$TMP/drv.c"
expect_in "$TMP/out" "drv.c:6:31: warning: 'MmMapLockedPages' is obsolete"
expect_not_in "$TMP/out" "partial"
finish
