/* shadow/ntddk.h - stands in front of mingw-w64's ntddk.h (the shadow directory is
 * searched before the DDK) and adds what that header lacks, after it, from
 * extra/ntddk-extra.h.  Not used with --wdk.  See docs/headers.md. */
#ifndef DDILINT_SHADOW_NTDDK_H
#define DDILINT_SHADOW_NTDDK_H

#pragma clang system_header

#include_next <ntddk.h>
#include "../extra/ntddk-extra.h"

#endif /* DDILINT_SHADOW_NTDDK_H */
