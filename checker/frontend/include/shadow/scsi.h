/* shadow/scsi.h - mingw-w64's scsi.h uses the kernel base types (ULONG, USHORT,
 * PHYSICAL_ADDRESS ...) without including anything that declares them, so a
 * miniport that includes it first fails.  The WDK's storage headers do not
 * have this problem.  Pull in ntddk.h first when no DDK header came before.
 * Not used with --wdk.  See docs/headers.md. */
#ifndef DDILINT_SHADOW_SCSI_H
#define DDILINT_SHADOW_SCSI_H

#pragma clang system_header

#ifndef _WDMDDK_
#include <ntddk.h>
#endif
#include <srb.h>	/* through shadow/srb.h, before scsi.h's own "srb.h" */
#include_next <scsi.h>

#endif /* DDILINT_SHADOW_SCSI_H */
