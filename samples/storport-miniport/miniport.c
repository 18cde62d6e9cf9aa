/* miniport.c - storport-miniport: a small physical Storport miniport for an
 * imaginary PCI disk controller with one register window and one command
 * slot. It uses StorPort* routines for most of its work, and a few WDM DDIs
 * that a Storport miniport must not call (HwStorPortProhibitedDDIs); those
 * are the findings, marked on their lines with the StorPort routine to use,
 * with one IRQL bug in HwInterrupt.
 * The roles are registered through HW_INITIALIZATION_DATA in DriverEntry. */
#include <ntddk.h>
#include <storport.h>

#define MINI_TAG 'iniM'

/* Register offsets in the controller's memory window. */
#define REG_CONTROL   0x00
#define REG_STATUS    0x04
#define REG_CMD_LOW   0x08
#define REG_CMD_HIGH  0x0C
#define REG_WINDOW_SIZE 0x100

#define CONTROL_RESET      0x1
#define CONTROL_ENABLE     0x2
#define CONTROL_GO         0x4
#define STATUS_READY       0x1
#define STATUS_DONE        0x2
#define STATUS_ERROR       0x4

typedef struct _MINI_COMMAND {
	ULONG opcode;
	ULONG length;
	ULONGLONG data_address;
	ULONGLONG lba;
} MINI_COMMAND, *PMINI_COMMAND;

typedef struct _MINI_EXTENSION {
	PUCHAR registers;              /* from StorPortGetDeviceBase */
	PMINI_COMMAND command;         /* uncached, the one command slot */
	STOR_PHYSICAL_ADDRESS command_pa;
	PSCSI_REQUEST_BLOCK active;    /* the SRB in the slot, or NULL */
	PULONG sense_log;              /* diagnostics, from pool */
	KSPIN_LOCK log_lock;
	ULONG log_index;
} MINI_EXTENSION, *PMINI_EXTENSION;

/* Role routines, declared with the Storport role types as the WDK samples do,
 * and registered through HW_INITIALIZATION_DATA in DriverEntry. */
sp_DRIVER_INITIALIZE DriverEntry;
static HW_FIND_ADAPTER MiniHwFindAdapter;
static HW_INITIALIZE MiniHwInitialize;
static HW_STARTIO MiniHwStartIo;
static HW_INTERRUPT MiniHwInterrupt;
static HW_RESET_BUS MiniHwResetBus;

static ULONG MiniRead(PMINI_EXTENSION ext, ULONG offset)
{
	return StorPortReadRegisterUlong(ext, (PULONG)(ext->registers + offset));
}

static VOID MiniWrite(PMINI_EXTENSION ext, ULONG offset, ULONG value)
{
	StorPortWriteRegisterUlong(ext, (PULONG)(ext->registers + offset), value);
}

static VOID MiniLog(PMINI_EXTENSION ext, ULONG value)
{
	KIRQL old;

	/* Prohibited: a miniport synchronises with StorPortAcquireSpinLock
	 * (or relies on the StartIo lock it already holds here). */
	KeAcquireSpinLock(&ext->log_lock, &old); // expected-error{{'KeAcquireSpinLock' must not be called by a Storport miniport (HwStorPortProhibitedDDIs); use 'StorPortAcquireSpinLock' instead [storport-prohibited-ddi]}} expected-error{{'KeAcquireSpinLock' requires IRQL <= DISPATCH_LEVEL but is called at DIRQL: 'MiniLog' is called at DIRQL from 'MiniHwInterrupt' at line 184 [irql-too-high]}}
	if (ext->sense_log != NULL)
		ext->sense_log[ext->log_index++ % 64] = value;
	KeReleaseSpinLock(&ext->log_lock, old); // expected-error{{'KeReleaseSpinLock' must not be called by a Storport miniport (HwStorPortProhibitedDDIs); use 'StorPortReleaseSpinLock' instead [storport-prohibited-ddi]}}
}

static ULONG NTAPI MiniHwFindAdapter(PVOID DeviceExtension, PVOID HwContext, PVOID BusInformation,
				     PCHAR ArgumentString, PPORT_CONFIGURATION_INFORMATION ConfigInfo,
				     PBOOLEAN Again)
{
	PMINI_EXTENSION ext = DeviceExtension;
	PACCESS_RANGE range;
	ULONG length;

	UNREFERENCED_PARAMETER(HwContext);
	UNREFERENCED_PARAMETER(BusInformation);
	UNREFERENCED_PARAMETER(ArgumentString);
	*Again = FALSE;

	if (ConfigInfo->NumberOfAccessRanges < 1)
		return SP_RETURN_NOT_FOUND;
	range = &(*ConfigInfo->AccessRanges)[0];
	if (!range->RangeInMemory || range->RangeLength < REG_WINDOW_SIZE)
		return SP_RETURN_NOT_FOUND;
	ext->registers = StorPortGetDeviceBase(DeviceExtension, ConfigInfo->AdapterInterfaceType,
					       ConfigInfo->SystemIoBusNumber, range->RangeStart,
					       range->RangeLength, FALSE);
	if (ext->registers == NULL)
		return SP_RETURN_ERROR;

	ConfigInfo->MaximumTransferLength = 64 * 1024;
	ConfigInfo->NumberOfPhysicalBreaks = 16;
	ConfigInfo->NumberOfBuses = 1;
	ConfigInfo->MaximumNumberOfTargets = 1;
	ConfigInfo->MaximumNumberOfLogicalUnits = 1;
	ConfigInfo->ScatterGather = TRUE;
	ConfigInfo->Master = TRUE;
	ConfigInfo->Dma64BitAddresses = TRUE;

	ext->command = StorPortGetUncachedExtension(DeviceExtension, ConfigInfo, sizeof(MINI_COMMAND));
	if (ext->command == NULL)
		return SP_RETURN_ERROR;
	ext->command_pa = StorPortGetPhysicalAddress(DeviceExtension, NULL, ext->command, &length);

	/* Prohibited: the pool belongs to the port driver; use StorPortAllocatePool. */
	ext->sense_log = ExAllocatePoolWithTag(NonPagedPoolNx, 64 * sizeof(ULONG), MINI_TAG); // expected-error{{'ExAllocatePoolWithTag' must not be called by a Storport miniport (HwStorPortProhibitedDDIs); use 'StorPortAllocatePool' instead [storport-prohibited-ddi]}}
	KeInitializeSpinLock(&ext->log_lock); // expected-error{{'KeInitializeSpinLock' must not be called by a Storport miniport}}
	return SP_RETURN_FOUND;
}

static BOOLEAN NTAPI MiniHwInitialize(PVOID DeviceExtension)
{
	PMINI_EXTENSION ext = DeviceExtension;
	ULONG tries;

	MiniWrite(ext, REG_CONTROL, CONTROL_ENABLE);
	for (tries = 0; tries < 1000; tries++) {
		if (MiniRead(ext, REG_STATUS) & STATUS_READY)
			return TRUE;
		StorPortStallExecution(10);
	}
	return FALSE;
}

static BOOLEAN NTAPI MiniHwStartIo(PVOID DeviceExtension, PSCSI_REQUEST_BLOCK Srb)
{
	PMINI_EXTENSION ext = DeviceExtension;
	PIRP irp = Srb->OriginalRequest;
	PVOID data;
	ULONG length;

	if (Srb->Function != SRB_FUNCTION_EXECUTE_SCSI || ext->active != NULL) {
		Srb->SrbStatus = ext->active != NULL ? SRB_STATUS_BUSY : SRB_STATUS_INVALID_REQUEST;
		StorPortNotification(RequestComplete, DeviceExtension, Srb);
		StorPortNotification(NextRequest, DeviceExtension);
		return TRUE;
	}

	/* Prohibited: the miniport gets the system address of the data buffer
	 * from the port driver with StorPortGetSystemAddress. */
	data = MmGetSystemAddressForMdlSafe(irp->MdlAddress, NormalPagePriority); // expected-error{{'MmGetSystemAddressForMdlSafe' must not be called by a Storport miniport (the Storport interface replaces it); use 'StorPortGetSystemAddress' instead [storport-prohibited-ddi]}}
	if (data == NULL) {
		Srb->SrbStatus = SRB_STATUS_ERROR;
		StorPortNotification(RequestComplete, DeviceExtension, Srb);
		StorPortNotification(NextRequest, DeviceExtension);
		return TRUE;
	}

	RtlZeroMemory(ext->command, sizeof(MINI_COMMAND));
	ext->command->opcode = Srb->Cdb[0];
	ext->command->length = Srb->DataTransferLength;
	ext->command->data_address =
		(ULONGLONG)StorPortGetPhysicalAddress(DeviceExtension, Srb, data, &length).QuadPart;
	ext->active = Srb;
	MiniLog(ext, Srb->Cdb[0]);
	MiniWrite(ext, REG_CMD_LOW, ext->command_pa.LowPart);
	MiniWrite(ext, REG_CMD_HIGH, (ULONG)ext->command_pa.HighPart);
	MiniWrite(ext, REG_CONTROL, CONTROL_ENABLE | CONTROL_GO);
	StorPortNotification(NextRequest, DeviceExtension);
	return TRUE;
}

static BOOLEAN NTAPI MiniHwInterrupt(PVOID DeviceExtension)
{
	PMINI_EXTENSION ext = DeviceExtension;
	ULONG status = MiniRead(ext, REG_STATUS);
	PSCSI_REQUEST_BLOCK srb = ext->active;

	if (!(status & (STATUS_DONE | STATUS_ERROR)))
		return FALSE;
	MiniWrite(ext, REG_STATUS, status);
	if (status & STATUS_ERROR) {
		/* BUG (irql-too-high): HwInterrupt runs at the device's IRQL, and
		 * MiniLog takes a spin lock, which is for DISPATCH_LEVEL at most.
		 * Record the error here and log it from a DPC (StorPortIssueDpc). */
		MiniLog(ext, status); // expected-error{{'MiniLog' requires IRQL <= DISPATCH_LEVEL (it calls 'KeAcquireSpinLock' at line 69) but is called at DIRQL: 'MiniHwInterrupt' runs at DIRQL as a HW_INTERRUPT (declared at line 50) [irql-too-high]}}
	}
	if (srb != NULL) {
		ext->active = NULL;
		srb->SrbStatus = (status & STATUS_ERROR) ? SRB_STATUS_ERROR : SRB_STATUS_SUCCESS;
		StorPortNotification(RequestComplete, DeviceExtension, srb);
	}
	return TRUE;
}

static BOOLEAN NTAPI MiniHwResetBus(PVOID DeviceExtension, ULONG PathId)
{
	PMINI_EXTENSION ext = DeviceExtension;
	PSCSI_REQUEST_BLOCK srb = ext->active;

	UNREFERENCED_PARAMETER(PathId);
	MiniWrite(ext, REG_CONTROL, CONTROL_RESET);
	/* Prohibited: StorPortStallExecution is the miniport's busy wait. */
	KeStallExecutionProcessor(50); // expected-error{{'KeStallExecutionProcessor' must not be called by a Storport miniport (the Storport interface replaces it); use 'StorPortStallExecution' instead [storport-prohibited-ddi]}}
	MiniWrite(ext, REG_CONTROL, CONTROL_ENABLE);
	if (srb != NULL) {
		ext->active = NULL;
		srb->SrbStatus = SRB_STATUS_BUS_RESET;
		StorPortNotification(RequestComplete, DeviceExtension, srb);
	}
	StorPortNotification(NextRequest, DeviceExtension);
	return TRUE;
}

ULONG DriverEntry(PVOID DriverObject, PVOID RegistryPath)
{
	HW_INITIALIZATION_DATA init;

	RtlZeroMemory(&init, sizeof(init));
	init.HwInitializationDataSize = sizeof(HW_INITIALIZATION_DATA);
	init.AdapterInterfaceType = PCIBus;
	init.HwInitialize = MiniHwInitialize;
	init.HwStartIo = MiniHwStartIo;
	init.HwInterrupt = MiniHwInterrupt;
	init.HwFindAdapter = MiniHwFindAdapter;
	init.HwResetBus = MiniHwResetBus;
	init.DeviceExtensionSize = sizeof(MINI_EXTENSION);
	init.NumberOfAccessRanges = 1;
	init.MapBuffers = STOR_MAP_NON_READ_WRITE_BUFFERS;
	init.NeedPhysicalAddresses = TRUE;
	init.TaggedQueuing = TRUE;
	init.AutoRequestSense = TRUE;
	init.MultipleRequestPerLu = TRUE;
	return StorPortInitialize(DriverObject, RegistryPath, &init, NULL);
}
