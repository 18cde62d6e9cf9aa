/* shadow/srb.h - two jobs around mingw-w64's srb.h.  Not used with --wdk.
 * 1. srb.h uses the kernel base types (srb.h:189 PHYSICAL_ADDRESS, ULONG ...)
 *    without including anything that declares them, so a miniport that
 *    includes it first fails.  Pull in ntddk.h first when no DDK header came
 *    before.
 * 2. When shadow/storport.h includes it (DDILINT_STORPORT_SRB_ set) and it
 *    has not been read yet, rename its SCSI-port PORT_CONFIGURATION_INFORMATION
 *    and HW_INITIALIZATION_DATA (and PHW_FIND_ADAPTER, which uses the first)
 *    out of the way, so that extra/storport-types.h can give those names the
 *    Storport layouts.  mingw's storport.h has no layouts of its own.
 * See docs/headers.md. */
#ifndef DDILINT_SHADOW_SRB_H
#define DDILINT_SHADOW_SRB_H

#pragma clang system_header

#ifndef _WDMDDK_
#include <ntddk.h>
#endif

#if defined(DDILINT_STORPORT_SRB_) && !defined(_NTSRB_)
#define _PORT_CONFIGURATION_INFORMATION ddilint_scsiport_PORT_CONFIGURATION_INFORMATION_
#define PORT_CONFIGURATION_INFORMATION ddilint_scsiport_PORT_CONFIGURATION_INFORMATION
#define PPORT_CONFIGURATION_INFORMATION ddilint_scsiport_PPORT_CONFIGURATION_INFORMATION
#define _HW_INITIALIZATION_DATA ddilint_scsiport_HW_INITIALIZATION_DATA_
#define HW_INITIALIZATION_DATA ddilint_scsiport_HW_INITIALIZATION_DATA
#define PHW_INITIALIZATION_DATA ddilint_scsiport_PHW_INITIALIZATION_DATA
#define PHW_FIND_ADAPTER ddilint_scsiport_PHW_FIND_ADAPTER
#include_next <srb.h>
#undef _PORT_CONFIGURATION_INFORMATION
#undef PORT_CONFIGURATION_INFORMATION
#undef PPORT_CONFIGURATION_INFORMATION
#undef _HW_INITIALIZATION_DATA
#undef HW_INITIALIZATION_DATA
#undef PHW_INITIALIZATION_DATA
#undef PHW_FIND_ADAPTER
#define DDILINT_STORPORT_CONFIG_ 1
#else
#include_next <srb.h>
#endif

#endif /* DDILINT_SHADOW_SRB_H */
