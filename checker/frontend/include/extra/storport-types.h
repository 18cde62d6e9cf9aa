/* extra/storport-types.h - Storport types that mingw-w64 lacks: status
 * codes, enums, the opaque lock/DPC structures, the HW_* role function
 * typedefs and, when shadow/srb.h could arrange it, the Storport versions of
 * HW_INITIALIZATION_DATA and PORT_CONFIGURATION_INFORMATION.
 *
 * Included by shadow/storport.h right after srb.h (before the real
 * storport.h, whose prototypes use the two structures).  Not used with
 * --wdk.  Facts from learn.microsoft.com/windows-hardware/drivers/ddi/storport/
 * (ne- pages for enums, ns- for structures, nc- for callbacks).  Structures
 * documented as opaque (STOR_DPC, STOR_LOCK_HANDLE) get a layout of the right
 * kind, not necessarily the WDK's exact one. */
/* Never with a real WDK, which declares all of this itself. */
#if !defined(DDILINT_STORPORT_TYPES_H) && !defined(DDILINT_WDK)
#define DDILINT_STORPORT_TYPES_H

#pragma clang system_header

#ifdef __cplusplus
extern "C" {
#endif

/* --- status codes ------------------------------------------------------ */
#define STOR_STATUS_SUCCESS			(0x00000000L)
#define STOR_STATUS_UNSUCCESSFUL		(0xC1000001L)
#define STOR_STATUS_NOT_IMPLEMENTED		(0xC1000002L)
#define STOR_STATUS_INSUFFICIENT_RESOURCES	(0xC1000003L)
#define STOR_STATUS_BUFFER_TOO_SMALL		(0xC1000004L)
#define STOR_STATUS_ACCESS_DENIED		(0xC1000005L)
#define STOR_STATUS_INVALID_PARAMETER		(0xC1000006L)
#define STOR_STATUS_INVALID_DEVICE_REQUEST	(0xC1000007L)
#define STOR_STATUS_INVALID_IRQL		(0xC1000008L)
#define STOR_STATUS_INVALID_DEVICE_STATE	(0xC1000009L)
#define STOR_STATUS_INVALID_BUFFER_SIZE		(0xC100000AL)
#define STOR_STATUS_UNSUPPORTED_VERSION		(0xC100000BL)
#define STOR_STATUS_BUSY			(0xC100000CL)

/* nf-storport-storportstatechangedetected */
#define STATE_CHANGE_LUN	0x1
#define STATE_CHANGE_TARGET	0x2
#define STATE_CHANGE_BUS	0x4

/* PORT_CONFIGURATION_INFORMATION.MapBuffers (ns-storport-_port_configuration_information) */
#define STOR_MAP_NO_BUFFERS				(0)
#define STOR_MAP_ALL_BUFFERS				(1)
#define STOR_MAP_NON_READ_WRITE_BUFFERS			(2)
#define STOR_MAP_ALL_BUFFERS_INCLUDING_READ_WRITE	(3)

/* --- types -------------------------------------------------------------- */
/* ne-storport-_stor_spinlock */
typedef enum _STOR_SPINLOCK {
	InvalidLock,
	DpcLock,
	StartIoLock,
	InterruptLock,
	ThreadedDpcLock,
	DpcLevelLock
} STOR_SPINLOCK;

/* Opaque to miniports (they only pass its address); KIRQL OldIrql is the
 * IRQL StorPortReleaseSpinLock restores. */
typedef struct _STOR_LOCK_HANDLE {
	STOR_SPINLOCK Lock;
	struct {
		struct {
			PVOID Next;
			PVOID Lock;
		} LockQueue;
		KIRQL OldIrql;
	} Context;
} STOR_LOCK_HANDLE, *PSTOR_LOCK_HANDLE;

/* ns-storport-_stor_dpc: "an opaque structure"; Dpc is DPC_BUFFER, sized
 * here as a KDPC because that is what it holds. */
typedef struct _DPC_BUFFER {
	UCHAR Opaque[sizeof(KDPC)];
} DPC_BUFFER;
typedef struct _STOR_DPC {
	DPC_BUFFER Dpc;
	ULONG_PTR Lock;
} STOR_DPC, *PSTOR_DPC;

/* ne-storport-_stor_synchronization_model (PORT_CONFIGURATION_INFORMATION) */
typedef enum _STOR_SYNCHRONIZATION_MODEL {
	StorSynchronizeHalfDuplex,
	StorSynchronizeFullDuplex
} STOR_SYNCHRONIZATION_MODEL;

/* ne-storport-_interrupt_synchronization_mode */
typedef enum _INTERRUPT_SYNCHRONIZATION_MODE {
	InterruptSupportNone,
	InterruptSynchronizeAll,
	InterruptSynchronizePerMessage
} INTERRUPT_SYNCHRONIZATION_MODE;

/* ns-storport-_memory_region */
typedef struct _MEMORY_REGION {
	PUCHAR VirtualBase;
	PHYSICAL_ADDRESS PhysicalBase;
	ULONG Length;
} MEMORY_REGION, *PMEMORY_REGION;

/* ne-storport-scsi_unit_control_type; the last value widens the enum to a
 * ULONG, as srb.h:256 does for SCSI_ADAPTER_CONTROL_TYPE. */
__extension__ typedef enum _SCSI_UNIT_CONTROL_TYPE {
	ScsiQuerySupportedUnitControlTypes,
	ScsiUnitUsage,
	ScsiUnitStart,
	ScsiUnitPower,
	ScsiUnitPoFxPowerInfo,
	ScsiUnitPoFxPowerRequired,
	ScsiUnitPoFxPowerActive,
	ScsiUnitPoFxPowerSetFState,
	ScsiUnitPoFxPowerControl,
	ScsiUnitRemove,
	ScsiUnitSurpriseRemoval,
	ScsiUnitRichDescription,
	ScsiUnitQueryBusType,
	ScsiUnitQueryFruId,
	ScsiUnitReportInternalData,
	ScsiUnitKsrPowerDown,
	ScsiUnitControlMax,
	MakeUnitControlTypeSizeOfUlong = 0xffffffff
} SCSI_UNIT_CONTROL_TYPE, *PSCSI_UNIT_CONTROL_TYPE;

typedef enum _SCSI_UNIT_CONTROL_STATUS {
	ScsiUnitControlSuccess = 0,
	ScsiUnitControlUnsuccessful
} SCSI_UNIT_CONTROL_STATUS, *PSCSI_UNIT_CONTROL_STATUS;

/* ns-storport-_stor_address; only passed by pointer here. */
typedef struct _STOR_ADDRESS STOR_ADDRESS, *PSTOR_ADDRESS;

#ifdef DDILINT_STORPORT_CONFIG_
/* Storport layout, defined at the end of this file (the roles need the name). */
typedef struct _PORT_CONFIGURATION_INFORMATION PORT_CONFIGURATION_INFORMATION,
	*PPORT_CONFIGURATION_INFORMATION;
#endif

/* --- role typedefs --------------------------------------------------------
 * The first seven have the parameter lists of mingw's pointer typedefs
 * (srb.h:427-477), so HW_STARTIO * and PHW_STARTIO are the same type. */
typedef BOOLEAN NTAPI HW_INITIALIZE(PVOID DeviceExtension);
typedef BOOLEAN NTAPI HW_STARTIO(PVOID DeviceExtension, PSCSI_REQUEST_BLOCK Srb);
typedef BOOLEAN NTAPI HW_INTERRUPT(PVOID DeviceExtension);
typedef VOID NTAPI HW_TIMER(PVOID DeviceExtension);
typedef ULONG NTAPI HW_FIND_ADAPTER(PVOID DeviceExtension, PVOID HwContext, PVOID BusInformation,
	PCHAR ArgumentString, PPORT_CONFIGURATION_INFORMATION ConfigInfo, PBOOLEAN Again);
typedef BOOLEAN NTAPI HW_RESET_BUS(PVOID DeviceExtension, ULONG PathId);
typedef SCSI_ADAPTER_CONTROL_STATUS NTAPI HW_ADAPTER_CONTROL(PVOID DeviceExtension,
	SCSI_ADAPTER_CONTROL_TYPE ControlType, PVOID Parameters);

/* Storport-only roles (nc-storport-*). */
typedef BOOLEAN NTAPI HW_BUILDIO(PVOID DeviceExtension, PSCSI_REQUEST_BLOCK Srb);
typedef HW_BUILDIO *PHW_BUILDIO;
typedef SCSI_UNIT_CONTROL_STATUS NTAPI HW_UNIT_CONTROL(PVOID DeviceExtension,
	SCSI_UNIT_CONTROL_TYPE ControlType, PVOID Parameters);
typedef HW_UNIT_CONTROL *PHW_UNIT_CONTROL;
typedef BOOLEAN NTAPI HW_PASSIVE_INITIALIZE_ROUTINE(PVOID DeviceExtension);
typedef HW_PASSIVE_INITIALIZE_ROUTINE *PHW_PASSIVE_INITIALIZE_ROUTINE;
typedef VOID NTAPI HW_DPC_ROUTINE(PSTOR_DPC Dpc, PVOID HwDeviceExtension, PVOID SystemArgument1,
	PVOID SystemArgument2);
typedef HW_DPC_ROUTINE *PHW_DPC_ROUTINE;
typedef VOID NTAPI HW_TIMER_EX(PVOID DeviceExtension, PVOID Context);
typedef HW_TIMER_EX *PHW_TIMER_EX;
typedef BOOLEAN NTAPI HW_MESSAGE_SIGNALED_INTERRUPT_ROUTINE(PVOID HwDeviceExtension, ULONG MessageId);
typedef HW_MESSAGE_SIGNALED_INTERRUPT_ROUTINE *PHW_MESSAGE_SIGNALED_INTERRUPT_ROUTINE;
typedef VOID NTAPI HW_WORKITEM(PVOID HwDeviceExtension, PVOID Context, PVOID Worker);
typedef HW_WORKITEM *PHW_WORKITEM;
typedef VOID NTAPI HW_STATE_CHANGE(PVOID HwDeviceExtension, PVOID Context, SHORT AddressType,
	PVOID Address, ULONG Status);
typedef HW_STATE_CHANGE *PHW_STATE_CHANGE;
typedef VOID NTAPI HW_TRACING_ENABLED(PVOID HwDeviceExtension, BOOLEAN Enabled);
typedef HW_TRACING_ENABLED *PHW_TRACING_ENABLED;
typedef VOID NTAPI HW_INITIALIZE_TRACING(PVOID Arg1, PVOID Arg2);
typedef HW_INITIALIZE_TRACING *PHW_INITIALIZE_TRACING;
typedef VOID NTAPI HW_CLEANUP_TRACING(PVOID Arg1);
typedef HW_CLEANUP_TRACING *PHW_CLEANUP_TRACING;
/* Virtual miniports (nc-storport-virtual_hw_find_adapter and friends). */
typedef ULONG NTAPI VIRTUAL_HW_FIND_ADAPTER(PVOID DeviceExtension, PVOID HwContext,
	PVOID BusInformation, PVOID LowerDevice, PCHAR ArgumentString,
	PPORT_CONFIGURATION_INFORMATION ConfigInfo, PBOOLEAN Again);
typedef VIRTUAL_HW_FIND_ADAPTER *PVIRTUAL_HW_FIND_ADAPTER;
typedef VOID NTAPI HW_FREE_ADAPTER_RESOURCES(PVOID DeviceExtension);
typedef HW_FREE_ADAPTER_RESOURCES *PHW_FREE_ADAPTER_RESOURCES;
typedef VOID NTAPI HW_PROCESS_SERVICE_REQUEST(PVOID DeviceExtension, PVOID Irp);
typedef HW_PROCESS_SERVICE_REQUEST *PHW_PROCESS_SERVICE_REQUEST;
typedef VOID NTAPI HW_COMPLETE_SERVICE_IRP(PVOID DeviceExtension);
typedef HW_COMPLETE_SERVICE_IRP *PHW_COMPLETE_SERVICE_IRP;
/* The routine StorPortSynchronizeAccess runs (storport.h:395 has the pointer). */
typedef BOOLEAN NTAPI STOR_SYNCHRONIZED_ACCESS(PVOID HwDeviceExtension, PVOID Context);
/* A Storport miniport's DriverEntry (`sp_DRIVER_INITIALIZE DriverEntry;`). */
typedef ULONG NTAPI sp_DRIVER_INITIALIZE(PVOID DriverObject, PVOID RegistryPath);


/* --- Storport configuration structures ----------------------------------
 * mingw has only the SCSI-port layouts (srb.h:197, srb.h:492), which lack
 * the members Storport miniports register their callbacks through
 * (HwInitializationData.HwBuildIo, .HwUnitControl, ConfigInfo->
 * HwMSInterruptRoutine, ->SynchronizationModel ...).  When srb.h is first
 * read on behalf of storport.h, shadow/srb.h renames its two structures (and
 * PHW_FIND_ADAPTER, which uses one of them) and sets DDILINT_STORPORT_CONFIG_;
 * the Storport layouts below then take the real names.  If srb.h came first
 * some other way (#include <srb.h> or <scsi.h> before <storport.h>), the
 * SCSI-port layouts stay and these members are missing.
 * Layouts from ns-storport-_hw_initialization_data-r1 and
 * ns-storport-_port_configuration_information (DmaAddressWidth, which newer
 * storport.h versions have after DumpMode, is included). */
#ifdef DDILINT_STORPORT_CONFIG_
struct _PORT_CONFIGURATION_INFORMATION {
	ULONG Length;
	ULONG SystemIoBusNumber;
	INTERFACE_TYPE AdapterInterfaceType;
	ULONG BusInterruptLevel;
	ULONG BusInterruptVector;
	KINTERRUPT_MODE InterruptMode;
	ULONG MaximumTransferLength;
	ULONG NumberOfPhysicalBreaks;
	ULONG DmaChannel;
	ULONG DmaPort;
	DMA_WIDTH DmaWidth;
	DMA_SPEED DmaSpeed;
	ULONG AlignmentMask;
	ULONG NumberOfAccessRanges;
	ACCESS_RANGE (*AccessRanges)[];
	PVOID MiniportDumpData;
	PVOID Reserved;
	UCHAR NumberOfBuses;
	CCHAR InitiatorBusId[8];
	BOOLEAN ScatterGather;
	BOOLEAN Master;
	BOOLEAN CachesData;
	BOOLEAN AdapterScansDown;
	BOOLEAN AtdiskPrimaryClaimed;
	BOOLEAN AtdiskSecondaryClaimed;
	BOOLEAN Dma32BitAddresses;
	BOOLEAN DemandMode;
	UCHAR MapBuffers;
	BOOLEAN NeedPhysicalAddresses;
	BOOLEAN TaggedQueuing;
	BOOLEAN AutoRequestSense;
	BOOLEAN MultipleRequestPerLu;
	BOOLEAN ReceiveEvent;
	BOOLEAN RealModeInitialized;
	BOOLEAN BufferAccessScsiPortControlled;
	UCHAR MaximumNumberOfTargets;
	UCHAR SrbType;
	UCHAR AddressType;
	UCHAR ReservedUchars[2];
	ULONG SlotNumber;
	ULONG BusInterruptLevel2;
	ULONG BusInterruptVector2;
	KINTERRUPT_MODE InterruptMode2;
	ULONG DmaChannel2;
	ULONG DmaPort2;
	DMA_WIDTH DmaWidth2;
	DMA_SPEED DmaSpeed2;
	ULONG DeviceExtensionSize;
	ULONG SpecificLuExtensionSize;
	ULONG SrbExtensionSize;
	UCHAR Dma64BitAddresses;
	BOOLEAN ResetTargetSupported;
	UCHAR MaximumNumberOfLogicalUnits;
	BOOLEAN WmiDataProvider;
	STOR_SYNCHRONIZATION_MODEL SynchronizationModel;
	PHW_MESSAGE_SIGNALED_INTERRUPT_ROUTINE HwMSInterruptRoutine;
	INTERRUPT_SYNCHRONIZATION_MODE InterruptSynchronizationMode;
	MEMORY_REGION DumpRegion;
	ULONG RequestedDumpBufferSize;
	BOOLEAN VirtualDevice;
	UCHAR DumpMode;
	UCHAR DmaAddressWidth;
	ULONG ExtendedFlags1;
	ULONG MaxNumberOfIO;
	ULONG MaxIOsPerLun;
	ULONG InitialLunQueueDepth;
	ULONG BusResetHoldTime;
	ULONG FeatureSupport;
};

typedef HW_FIND_ADAPTER *PHW_FIND_ADAPTER;

typedef struct _HW_INITIALIZATION_DATA {
	ULONG HwInitializationDataSize;
	INTERFACE_TYPE AdapterInterfaceType;
	PHW_INITIALIZE HwInitialize;
	PHW_STARTIO HwStartIo;
	PHW_INTERRUPT HwInterrupt;
	PVOID HwFindAdapter;	/* PVOID in Storport: physical or virtual find-adapter routine */
	PHW_RESET_BUS HwResetBus;
	PHW_DMA_STARTED HwDmaStarted;
	PHW_ADAPTER_STATE HwAdapterState;
	ULONG DeviceExtensionSize;
	ULONG SpecificLuExtensionSize;
	ULONG SrbExtensionSize;
	ULONG NumberOfAccessRanges;
	PVOID Reserved;
	UCHAR MapBuffers;
	BOOLEAN NeedPhysicalAddresses;
	BOOLEAN TaggedQueuing;
	BOOLEAN AutoRequestSense;
	BOOLEAN MultipleRequestPerLu;
	BOOLEAN ReceiveEvent;
	USHORT VendorIdLength;
	PVOID VendorId;
	_ANONYMOUS_UNION union {
		USHORT ReservedUshort;
		USHORT PortVersionFlags;
	} DUMMYUNIONNAME;
	USHORT DeviceIdLength;
	PVOID DeviceId;
	PHW_ADAPTER_CONTROL HwAdapterControl;
	PHW_BUILDIO HwBuildIo;
	PHW_FREE_ADAPTER_RESOURCES HwFreeAdapterResources;
	PHW_PROCESS_SERVICE_REQUEST HwProcessServiceRequest;
	PHW_COMPLETE_SERVICE_IRP HwCompleteServiceIrp;
	PHW_INITIALIZE_TRACING HwInitializeTracing;
	PHW_CLEANUP_TRACING HwCleanupTracing;
	PHW_TRACING_ENABLED HwTracingEnabled;
	ULONG FeatureSupport;
	ULONG SrbTypeFlags;
	ULONG AddressTypeFlags;
	ULONG Reserved1;
	PHW_UNIT_CONTROL HwUnitControl;
} HW_INITIALIZATION_DATA, *PHW_INITIALIZATION_DATA;
#endif /* DDILINT_STORPORT_CONFIG_ */

#ifdef __cplusplus
}
#endif

#endif /* DDILINT_STORPORT_TYPES_H */
