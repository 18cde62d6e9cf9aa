/* extra/wdm-extra.h - WDM declarations that mingw-w64's wdm.h lacks.
 *
 * Included by shadow/wdm.h right after the real wdm.h, so every DDK type is
 * available.  Only used without --wdk (the shadow directory is not on the
 * include path then).  Each block is a plain WDK fact: a prototype with the
 * documented parameter list, a constant with its documented value, or a role
 * typedef matching a pointer typedef mingw already has.  Prototypes carry no
 * SAL: the DDI contracts come from rules/ddi-kb.json, not from headers.
 * Functions that the WDK implements inline (ExAllocatePoolZero, ...) are
 * plain prototypes here, so a call stays a call to that name.
 * The page of each DDI is learn.microsoft.com/windows-hardware/drivers/ddi/
 * wdm/nf-wdm-<lowercase name>; docs/headers.md lists what each block fixes. */
/* Never with a real WDK, which declares all of this itself. */
#if !defined(DDILINT_WDM_EXTRA_H) && !defined(DDILINT_WDK)
#define DDILINT_WDM_EXTRA_H

#pragma clang system_header

#ifdef __cplusplus
extern "C" {
#endif

/* --- ExAllocatePool2/3 and the pool flags (Windows 10 2004) -------------
 * Values from learn.microsoft.com/windows-hardware/drivers/kernel/pool_flags */
typedef ULONG64 POOL_FLAGS;

#define POOL_FLAG_REQUIRED_START	0x0000000000000001ULL
#define POOL_FLAG_USE_QUOTA		0x0000000000000001ULL
#define POOL_FLAG_UNINITIALIZED		0x0000000000000002ULL
#define POOL_FLAG_SESSION		0x0000000000000004ULL
#define POOL_FLAG_CACHE_ALIGNED		0x0000000000000008ULL
#define POOL_FLAG_RESERVED1		0x0000000000000010ULL
#define POOL_FLAG_RAISE_ON_FAILURE	0x0000000000000020ULL
#define POOL_FLAG_NON_PAGED		0x0000000000000040ULL
#define POOL_FLAG_NON_PAGED_EXECUTE	0x0000000000000080ULL
#define POOL_FLAG_PAGED			0x0000000000000100ULL
#define POOL_FLAG_RESERVED2		0x0000000000000200ULL
#define POOL_FLAG_RESERVED3		0x0000000000000400ULL
#define POOL_FLAG_REQUIRED_END		0x0000000080000000ULL

/* ns-wdm-pool_extended_parameter, ne-wdm-pool_extended_parameter_type */
typedef enum POOL_EXTENDED_PARAMETER_TYPE {
	PoolExtendedParameterInvalidType = 0,
	PoolExtendedParameterPriority,
	PoolExtendedParameterSecurePool,
	PoolExtendedParameterNumaNode,
	PoolExtendedParameterMax
} POOL_EXTENDED_PARAMETER_TYPE, *PPOOL_EXTENDED_PARAMETER_TYPE;

#define POOL_EXTENDED_PARAMETER_TYPE_BITS		8
#define POOL_EXTENDED_PARAMETER_REQUIRED_FIELD_BITS	1
#define POOL_EXTENDED_PARAMETER_RESERVED_BITS		(64 - POOL_EXTENDED_PARAMETER_TYPE_BITS - POOL_EXTENDED_PARAMETER_REQUIRED_FIELD_BITS)

typedef ULONG POOL_NODE_REQUIREMENT;
/* Only ever passed by pointer; the layout is not needed to parse callers. */
typedef struct _POOL_EXTENDED_PARAMS_SECURE_POOL POOL_EXTENDED_PARAMS_SECURE_POOL;

typedef struct _POOL_EXTENDED_PARAMETER {
	struct {
		ULONG64 Type : POOL_EXTENDED_PARAMETER_TYPE_BITS;
		ULONG64 Optional : POOL_EXTENDED_PARAMETER_REQUIRED_FIELD_BITS;
		ULONG64 Reserved : POOL_EXTENDED_PARAMETER_RESERVED_BITS;
	} DUMMYSTRUCTNAME;
	union {
		ULONG64 Reserved2;
		PVOID Reserved3;
		EX_POOL_PRIORITY Priority;
		POOL_EXTENDED_PARAMS_SECURE_POOL *SecurePoolParams;
		POOL_NODE_REQUIREMENT PreferredNode;
	} DUMMYUNIONNAME;
} POOL_EXTENDED_PARAMETER, *PPOOL_EXTENDED_PARAMETER;
typedef const POOL_EXTENDED_PARAMETER *PCPOOL_EXTENDED_PARAMETER;

NTKERNELAPI PVOID NTAPI ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag);
NTKERNELAPI PVOID NTAPI ExAllocatePool3(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag,
	PCPOOL_EXTENDED_PARAMETER ExtendedParameters, ULONG ExtendedParametersCount);
NTKERNELAPI VOID NTAPI ExFreePool2(PVOID P, ULONG Tag,
	PCPOOL_EXTENDED_PARAMETER ExtendedParameters, ULONG ExtendedParametersCount);

/* Inline wrappers in the WDK (wdm.h), prototypes here. */
PVOID NTAPI ExAllocatePoolZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
PVOID NTAPI ExAllocatePoolUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
PVOID NTAPI ExAllocatePoolQuotaZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
PVOID NTAPI ExAllocatePoolQuotaUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
PVOID NTAPI ExAllocatePoolPriorityZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag,
	EX_POOL_PRIORITY Priority);
PVOID NTAPI ExAllocatePoolPriorityUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag,
	EX_POOL_PRIORITY Priority);

/* --- no-execute pool and mappings (Windows 8) --------------------------
 * POOL_NX_ALLOCATION is the NX bit of POOL_TYPE (NonPagedPoolNx = 512 in
 * mingw's enum); MdlMapping* are OR-ed into the Priority argument of
 * MmGetSystemAddressForMdlSafe / MmMapLockedPagesSpecifyCache. */
#ifndef POOL_NX_ALLOCATION
#define POOL_NX_ALLOCATION		512
#endif
#ifndef MdlMappingNoWrite
#define MdlMappingNoWrite		0x80000000
#endif
#ifndef MdlMappingNoExecute
#define MdlMappingNoExecute		0x40000000
#endif

/* nf-wdm-exinitializedriverruntime (inline in the WDK) */
#ifndef DrvRtPoolNxOptIn
#define DrvRtPoolNxOptIn		0x00000001
#endif
VOID NTAPI ExInitializeDriverRuntime(ULONG RuntimeFlags);

/* RtlQueryRegistryValues: RTL_QUERY_REGISTRY_DIRECT type checking (Windows 8) */
#ifndef RTL_QUERY_REGISTRY_TYPECHECK
#define RTL_QUERY_REGISTRY_TYPECHECK		0x00000100
#define RTL_QUERY_REGISTRY_TYPECHECK_SHIFT	24
#endif

/* --- executive spin locks (reader/writer), Windows Vista SP1 ----------- */
typedef volatile LONG EX_SPIN_LOCK, *PEX_SPIN_LOCK;

NTKERNELAPI KIRQL NTAPI ExAcquireSpinLockShared(PEX_SPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI ExReleaseSpinLockShared(PEX_SPIN_LOCK SpinLock, KIRQL OldIrql);
NTKERNELAPI KIRQL NTAPI ExAcquireSpinLockExclusive(PEX_SPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI ExReleaseSpinLockExclusive(PEX_SPIN_LOCK SpinLock, KIRQL OldIrql);
NTKERNELAPI VOID NTAPI ExAcquireSpinLockSharedAtDpcLevel(PEX_SPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI ExReleaseSpinLockSharedFromDpcLevel(PEX_SPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI ExAcquireSpinLockExclusiveAtDpcLevel(PEX_SPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI ExReleaseSpinLockExclusiveFromDpcLevel(PEX_SPIN_LOCK SpinLock);
NTKERNELAPI LOGICAL NTAPI ExTryConvertSharedSpinLockExclusive(PEX_SPIN_LOCK SpinLock);

/* --- kernel ----------------------------------------------------------- */
/* mingw declares these two only in its x86 branch (wdm.h:8016); the WDK
 * declares them for every architecture (nf-wdm-kesavefloatingpointstate). */
NTKERNELAPI NTSTATUS NTAPI KeSaveFloatingPointState(PKFLOATING_SAVE FloatSave);
NTKERNELAPI NTSTATUS NTAPI KeRestoreFloatingPointState(PKFLOATING_SAVE FloatSave);
/* mingw defines it (inline) only for x86 (wdm.h:7940); a macro/inline in the WDK. */
VOID NTAPI KeMemoryBarrier(VOID);

/* --- I/O manager ------------------------------------------------------ */
/* ne-wdm-_driver_regkey_type, nf-wdm-ioopendriverregistrykey (Windows 10 2004) */
typedef enum _DRIVER_REGKEY_TYPE {
	DriverRegKeyParameters,
	DriverRegKeyPersistentState,
	DriverRegKeySharedPersistentState
} DRIVER_REGKEY_TYPE, *PDRIVER_REGKEY_TYPE;
NTKERNELAPI NTSTATUS NTAPI IoOpenDriverRegistryKey(PDRIVER_OBJECT DriverObject,
	DRIVER_REGKEY_TYPE RegKeyType, ACCESS_MASK DesiredAccess, ULONG Flags,
	PHANDLE DriverRegKey);
/* nf-wdm-iosetmasterirpstatus (inline in the WDK) */
VOID NTAPI IoSetMasterIrpStatus(PIRP MasterIrp, NTSTATUS Status);

/* --- memory manager --------------------------------------------------- */
/* nf-wdm-mmmapiospaceex (Windows 10) */
NTKERNELAPI PVOID NTAPI MmMapIoSpaceEx(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes,
	ULONG Protect);

/* --- role typedefs: function types for pointer typedefs mingw has -----
 * Drivers declare their callbacks as `IO_CSQ_INSERT_IRP MyInsert;`; mingw
 * only has the PIO_CSQ_* pointer types (wdm.h:6296).  Same parameter lists. */
typedef VOID NTAPI IO_CSQ_INSERT_IRP(struct _IO_CSQ *Csq, PIRP Irp);
typedef VOID NTAPI IO_CSQ_REMOVE_IRP(struct _IO_CSQ *Csq, PIRP Irp);
typedef PIRP NTAPI IO_CSQ_PEEK_NEXT_IRP(struct _IO_CSQ *Csq, PIRP Irp, PVOID PeekContext);
typedef VOID NTAPI IO_CSQ_ACQUIRE_LOCK(struct _IO_CSQ *Csq, PKIRQL Irql);
typedef VOID NTAPI IO_CSQ_RELEASE_LOCK(struct _IO_CSQ *Csq, KIRQL Irql);
typedef VOID NTAPI IO_CSQ_COMPLETE_CANCELED_IRP(struct _IO_CSQ *Csq, PIRP Irp);
/* wdm.h:7739 */
typedef OB_PREOP_CALLBACK_STATUS NTAPI OB_PRE_OPERATION_CALLBACK(PVOID RegistrationContext,
	POB_PRE_OPERATION_INFORMATION OperationInformation);
typedef VOID NTAPI OB_POST_OPERATION_CALLBACK(PVOID RegistrationContext,
	POB_POST_OPERATION_INFORMATION OperationInformation);
/* wdm.h:1765 (lookaside list callbacks) */
typedef PVOID NTAPI ALLOCATE_FUNCTION(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
typedef VOID NTAPI FREE_FUNCTION(PVOID Buffer);
typedef PVOID NTAPI ALLOCATE_FUNCTION_EX(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag,
	PLOOKASIDE_LIST_EX Lookaside);
typedef VOID NTAPI FREE_FUNCTION_EX(PVOID Buffer, PLOOKASIDE_LIST_EX Lookaside);
/* nc-wdm-driver_dispatch_paged: DRIVER_DISPATCH for routines in paged code */
typedef NTSTATUS NTAPI DRIVER_DISPATCH_PAGED(struct _DEVICE_OBJECT *DeviceObject, struct _IRP *Irp);

#ifdef __cplusplus
}
#endif

#endif /* DDILINT_WDM_EXTRA_H */
