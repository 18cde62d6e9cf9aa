/* shadow/ntifs.h - stands in front of mingw-w64's ntifs.h (the shadow directory is
 * searched before the DDK) and adds what that header lacks, after it, from
 * extra/ntifs-extra.h.  Not used with --wdk.  See docs/headers.md. */
#ifndef DDILINT_SHADOW_NTIFS_H
#define DDILINT_SHADOW_NTIFS_H

#pragma clang system_header

#include_next <ntifs.h>
#include "../extra/ntifs-extra.h"

#endif /* DDILINT_SHADOW_NTIFS_H */
