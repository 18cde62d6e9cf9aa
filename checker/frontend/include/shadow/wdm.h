/* shadow/wdm.h - stands in front of mingw-w64's wdm.h (the shadow directory is
 * searched before the DDK) and adds what that header lacks, after it, from
 * extra/wdm-extra.h.  Not used with --wdk.  See docs/headers.md. */
#ifndef DDILINT_SHADOW_WDM_H
#define DDILINT_SHADOW_WDM_H

#pragma clang system_header

#include_next <wdm.h>
#include "../extra/wdm-extra.h"

#endif /* DDILINT_SHADOW_WDM_H */
