/* irql-too-high in a Storport miniport: the routines it stores into
 * HW_INITIALIZATION_DATA get their roles (ddi-contracts.md section f):
 * HwInterrupt runs at DIRQL, where StorPortAllocatePool (DISPATCH_LEVEL at
 * most) is not allowed; HwStartIo runs at DISPATCH_LEVEL, where it is. */
#include <ntddk.h>
#include <storport.h>

static BOOLEAN MpInterrupt(PVOID DeviceExtension)
{
	PVOID p;

	StorPortAllocatePool(DeviceExtension, 64, 'pmyM', &p); // expected-error{{'StorPortAllocatePool' requires IRQL <= DISPATCH_LEVEL but is called at DIRQL: 'MpInterrupt' runs at DIRQL as a HW_INTERRUPT (stored into HwInterrupt at line 34)}}
	return TRUE;
}

static BOOLEAN MpStartIo(PVOID DeviceExtension, PSCSI_REQUEST_BLOCK Srb)
{
	PVOID p;

	StorPortAllocatePool(DeviceExtension, 64, 'pmyM', &p);
	return TRUE;
}

static ULONG MpFindAdapter(PVOID DeviceExtension, PVOID HwContext, PVOID BusInformation, PCHAR ArgumentString,
			   PPORT_CONFIGURATION_INFORMATION ConfigInfo, PBOOLEAN Again)
{
	return SP_RETURN_FOUND;
}

ULONG DriverEntry(PVOID DriverObject, PVOID RegistryPath)
{
	HW_INITIALIZATION_DATA init = { 0 };

	init.HwInterrupt = MpInterrupt;
	init.HwStartIo = MpStartIo;
	init.HwFindAdapter = MpFindAdapter;
	return StorPortInitialize(DriverObject, RegistryPath, &init, NULL);
}
