/* shadow/ata.h - mingw-w64's ata.h uses the kernel base types (ULONG, USHORT,
 * PHYSICAL_ADDRESS ...) without including anything that declares them, so a
 * miniport that includes it first fails.  The WDK's storage headers do not
 * have this problem.  Pull in ntddk.h first when no DDK header came before.
 * Not used with --wdk.  See docs/headers.md. */
#ifndef DDILINT_SHADOW_ATA_H
#define DDILINT_SHADOW_ATA_H

#pragma clang system_header

#ifndef _WDMDDK_
#include <ntddk.h>
#endif
#include_next <ata.h>

#endif /* DDILINT_SHADOW_ATA_H */
