/* shadow/storport.h - makes mingw-w64's storport.h parse in every include
 * order, then adds the Storport DDIs and role types it lacks
 * (extra/storport-extra.h).  Not used with --wdk.
 *
 * Two mingw defects, worked around with the least wrapping:
 * 1. storport.h:26 includes "srb.h", whose declarations need the kernel base
 *    types (srb.h:189 PHYSICAL_ADDRESS, ULONG ...), but nothing includes
 *    them.  The WDK's storport.h is self-contained, so miniports often
 *    include storport.h alone.  Fix: pull in ntddk.h first when no DDK header
 *    came before (ntddk.h rather than wdm.h, so that a miniport's call to a
 *    WDM DDI still resolves to a declaration and can be reported).
 * 2. storport.h:53 defines struct _SCSI_WMI_REQUEST_BLOCK (and its two
 *    typedefs) a second time after srb.h:309 did: "redefinition of
 *    '_SCSI_WMI_REQUEST_BLOCK'".  Fix: include srb.h first under the real
 *    names (its copy has the x64 Reserved6 member, as in the WDK), then
 *    rename storport.h's copy out of the way while it is read.
 * 3. storport.h:248-321 declares StorPortReadRegisterUlong(Register) and the
 *    other eleven unbuffered port/register accessors without the
 *    HwDeviceExtension first parameter that Storport's have (the SCSI-port
 *    signatures), so every real call is "too many arguments".  Fix: rename
 *    them while storport.h is read; extra/storport-extra.h declares the
 *    documented ones.
 * 4. mingw's HW_INITIALIZATION_DATA and PORT_CONFIGURATION_INFORMATION are
 *    the SCSI-port layouts from srb.h; shadow/srb.h and
 *    extra/storport-types.h swap in the Storport ones when srb.h is first
 *    read from here.
 * Also included: scsi.h (SCSIOP_*, SCSISTAT_*, CDB ...), which the WDK's
 * storport.h provides and miniports use without including it. */
#ifndef DDILINT_SHADOW_STORPORT_H
#define DDILINT_SHADOW_STORPORT_H

#pragma clang system_header

#ifndef _WDMDDK_
#include <ntddk.h>
#endif
#define DDILINT_STORPORT_SRB_ 1
#include <srb.h>
#undef DDILINT_STORPORT_SRB_
#include "../extra/storport-types.h"
#include <scsi.h>

#define _SCSI_WMI_REQUEST_BLOCK ddilint_storport_dup_SCSI_WMI_REQUEST_BLOCK_
#define SCSI_WMI_REQUEST_BLOCK ddilint_storport_dup_SCSI_WMI_REQUEST_BLOCK
#define PSCSI_WMI_REQUEST_BLOCK ddilint_storport_dup_PSCSI_WMI_REQUEST_BLOCK
#define StorPortReadPortUchar ddilint_mingw_StorPortReadPortUchar
#define StorPortReadPortUshort ddilint_mingw_StorPortReadPortUshort
#define StorPortReadPortUlong ddilint_mingw_StorPortReadPortUlong
#define StorPortReadRegisterUchar ddilint_mingw_StorPortReadRegisterUchar
#define StorPortReadRegisterUshort ddilint_mingw_StorPortReadRegisterUshort
#define StorPortReadRegisterUlong ddilint_mingw_StorPortReadRegisterUlong
#define StorPortWritePortUchar ddilint_mingw_StorPortWritePortUchar
#define StorPortWritePortUshort ddilint_mingw_StorPortWritePortUshort
#define StorPortWritePortUlong ddilint_mingw_StorPortWritePortUlong
#define StorPortWriteRegisterUchar ddilint_mingw_StorPortWriteRegisterUchar
#define StorPortWriteRegisterUshort ddilint_mingw_StorPortWriteRegisterUshort
#define StorPortWriteRegisterUlong ddilint_mingw_StorPortWriteRegisterUlong
#include_next <storport.h>
#undef _SCSI_WMI_REQUEST_BLOCK
#undef SCSI_WMI_REQUEST_BLOCK
#undef PSCSI_WMI_REQUEST_BLOCK
#undef StorPortReadPortUchar
#undef StorPortReadPortUshort
#undef StorPortReadPortUlong
#undef StorPortReadRegisterUchar
#undef StorPortReadRegisterUshort
#undef StorPortReadRegisterUlong
#undef StorPortWritePortUchar
#undef StorPortWritePortUshort
#undef StorPortWritePortUlong
#undef StorPortWriteRegisterUchar
#undef StorPortWriteRegisterUshort
#undef StorPortWriteRegisterUlong

#include "../extra/storport-extra.h"

#endif /* DDILINT_SHADOW_STORPORT_H */
