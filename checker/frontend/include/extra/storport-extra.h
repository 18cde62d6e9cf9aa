/* extra/storport-extra.h - Storport declarations that mingw-w64 lacks.
 *
 * Included by shadow/storport.h after the real storport.h.  Not used with
 * --wdk.  mingw's storport.h (417 lines) declares about 40 StorPort*
 * routines and no role typedefs; the WDK's declares several hundred.  This
 * file adds the routines, from the documented syntax blocks of
 * learn.microsoft.com/windows-hardware/drivers/ddi/storport/nf-storport-*:
 *   - the routines ddi-contracts.md section a lists, plus the ones the
 *     Windows-driver-samples Storport miniports call,
 *   - the port/register accessors with their Storport parameter lists
 *     (shadow/storport.h hides mingw's wrong one-argument versions).
 * The types they use are in extra/storport-types.h.  Plain prototypes without
 * SAL: many are inline wrappers over StorPortExtendedFunction in the WDK, but
 * the checker wants the call to keep the documented name. */
/* Never with a real WDK, which declares all of this itself. */
#if !defined(DDILINT_STORPORT_EXTRA_H) && !defined(DDILINT_WDK)
#define DDILINT_STORPORT_EXTRA_H

#pragma clang system_header

#ifdef __cplusplus
extern "C" {
#endif

/* --- memory ----------------------------------------------------------- */
STORPORTAPI ULONG NTAPI StorPortGetSystemAddress(PVOID HwDeviceExtension, PSCSI_REQUEST_BLOCK Srb,
	PVOID *SystemAddress);
STORPORTAPI ULONG NTAPI StorPortAllocatePool(PVOID HwDeviceExtension, ULONG NumberOfBytes,
	ULONG Tag, PVOID *BufferPointer);
STORPORTAPI ULONG NTAPI StorPortFreePool(PVOID HwDeviceExtension, PVOID BufferPointer);
STORPORTAPI ULONG NTAPI StorPortAllocateMdl(PVOID HwDeviceExtension, PVOID BufferPointer,
	ULONG NumberOfBytes, PVOID *Mdl);
STORPORTAPI ULONG NTAPI StorPortFreeMdl(PVOID HwDeviceExtension, PVOID Mdl);
STORPORTAPI ULONG NTAPI StorPortBuildMdlForNonPagedPool(PVOID HwDeviceExtension, PVOID Mdl);
STORPORTAPI ULONG NTAPI StorPortGetOriginalMdl(PVOID HwDeviceExtension, PSCSI_REQUEST_BLOCK Srb,
	PVOID *Mdl);
STORPORTAPI ULONG NTAPI StorPortAllocateContiguousMemorySpecifyCacheNode(PVOID HwDeviceExtension,
	SIZE_T NumberOfBytes, PHYSICAL_ADDRESS LowestAcceptableAddress,
	PHYSICAL_ADDRESS HighestAcceptableAddress, PHYSICAL_ADDRESS BoundaryAddressMultiple,
	MEMORY_CACHING_TYPE CacheType, NODE_REQUIREMENT PreferredNode, PVOID *BufferPointer);
STORPORTAPI ULONG NTAPI StorPortFreeContiguousMemorySpecifyCache(PVOID HwDeviceExtension,
	PVOID BaseAddress, SIZE_T NumberOfBytes, MEMORY_CACHING_TYPE CacheType);
STORPORTAPI ULONG NTAPI StorPortAllocateDmaMemory(PVOID HwDeviceExtension, SIZE_T NumberOfBytes,
	PHYSICAL_ADDRESS LowestAcceptableAddress, PHYSICAL_ADDRESS HighestAcceptableAddress,
	PHYSICAL_ADDRESS BoundaryAddressMultiple, MEMORY_CACHING_TYPE CacheType,
	NODE_REQUIREMENT PreferredNode, PVOID *BufferPointer, PPHYSICAL_ADDRESS PhysicalAddress);
STORPORTAPI ULONG NTAPI StorPortFreeDmaMemory(PVOID HwDeviceExtension, PVOID BaseAddress,
	SIZE_T NumberOfBytes, MEMORY_CACHING_TYPE CacheType, PHYSICAL_ADDRESS PhysicalAddress);
STORPORTAPI ULONG NTAPI StorPortMarkDumpMemory(PVOID HwDeviceExtension, PVOID Address,
	ULONG_PTR Length, ULONG Flags);
STORPORTAPI VOID NTAPI StorPortCopyMemory(PVOID Destination, PVOID Source, ULONG_PTR Length);
STORPORTAPI STOR_PHYSICAL_ADDRESS NTAPI StorPortConvertUlongToPhysicalAddress(ULONG_PTR UlongAddress);

/* --- locks ------------------------------------------------------------ */
STORPORTAPI VOID NTAPI StorPortAcquireSpinLock(PVOID DeviceExtension, STOR_SPINLOCK SpinLock,
	PVOID LockContext, PSTOR_LOCK_HANDLE LockHandle);
STORPORTAPI ULONG NTAPI StorPortAcquireSpinLockEx(PVOID HwDeviceExtension, STOR_SPINLOCK SpinLock,
	PVOID LockContext, PSTOR_LOCK_HANDLE LockHandle);
STORPORTAPI VOID NTAPI StorPortReleaseSpinLock(PVOID DeviceExtension, PSTOR_LOCK_HANDLE LockHandle);
STORPORTAPI ULONG NTAPI StorPortAcquireMSISpinLock(PVOID HwDeviceExtension, ULONG MessageId,
	PULONG OldIrql);
STORPORTAPI ULONG NTAPI StorPortReleaseMSISpinLock(PVOID HwDeviceExtension, ULONG MessageId,
	ULONG OldIrql);

/* --- DPCs, timers, work items, passive initialization ------------------ */
STORPORTAPI VOID NTAPI StorPortInitializeDpc(PVOID DeviceExtension, PSTOR_DPC Dpc,
	PHW_DPC_ROUTINE HwDpcRoutine);
STORPORTAPI BOOLEAN NTAPI StorPortIssueDpc(PVOID DeviceExtension, PSTOR_DPC Dpc,
	PVOID SystemArgument1, PVOID SystemArgument2);
STORPORTAPI ULONG NTAPI StorPortInitializeTimer(PVOID HwDeviceExtension, PVOID *TimerHandle);
STORPORTAPI ULONG NTAPI StorPortRequestTimer(PVOID HwDeviceExtension, PVOID TimerHandle,
	PHW_TIMER_EX TimerCallback, PVOID CallbackContext, ULONGLONG TimerValue,
	ULONGLONG TolerableDelay);
STORPORTAPI ULONG NTAPI StorPortFreeTimer(PVOID HwDeviceExtension, PVOID TimerHandle);
STORPORTAPI ULONG NTAPI StorPortInitializeWorker(PVOID HwDeviceExtension, PVOID *Worker);
STORPORTAPI ULONG NTAPI StorPortQueueWorkItem(PVOID HwDeviceExtension, PHW_WORKITEM WorkItemCallback,
	PVOID Worker, PVOID Context);
STORPORTAPI ULONG NTAPI StorPortFreeWorker(PVOID HwDeviceExtension, PVOID Worker);
STORPORTAPI BOOLEAN NTAPI StorPortEnablePassiveInitialization(PVOID DeviceExtension,
	PHW_PASSIVE_INITIALIZE_ROUTINE HwPassiveInitializeRoutine);

/* --- registry ----------------------------------------------------------- */
STORPORTAPI PUCHAR NTAPI StorPortAllocateRegistryBuffer(PVOID HwDeviceExtension, PULONG Length);
STORPORTAPI VOID NTAPI StorPortFreeRegistryBuffer(PVOID HwDeviceExtension, PUCHAR Buffer);
STORPORTAPI BOOLEAN NTAPI StorPortRegistryRead(PVOID HwDeviceExtension, PUCHAR ValueName,
	ULONG Global, ULONG Type, PUCHAR Buffer, PULONG BufferLength);
STORPORTAPI BOOLEAN NTAPI StorPortRegistryWrite(PVOID HwDeviceExtension, PUCHAR ValueName,
	ULONG Global, ULONG Type, PUCHAR Buffer, ULONG BufferLength);

/* --- devices, time, power --------------------------------------------- */
STORPORTAPI BOOLEAN NTAPI StorPortSetDeviceQueueDepth(PVOID HwDeviceExtension, UCHAR PathId,
	UCHAR TargetId, UCHAR Lun, ULONG Depth);
STORPORTAPI ULONG NTAPI StorPortStateChangeDetected(PVOID HwDeviceExtension, ULONG ChangedEntity,
	PSTOR_ADDRESS Address, ULONG Attributes, PHW_STATE_CHANGE HwStateChange,
	PVOID HwStateChangeContext);
STORPORTAPI ULONG NTAPI StorPortGetDeviceObjects(PVOID HwDeviceExtension, PVOID *AdapterDeviceObject,
	PVOID *PhysicalDeviceObject, PVOID *LowerDeviceObject);
STORPORTAPI ULONG NTAPI StorPortGetCurrentProcessorNumber(PVOID HwDeviceExtension,
	PPROCESSOR_NUMBER ProcNumber);
STORPORTAPI ULONG NTAPI StorPortQuerySystemTime(PVOID HwDeviceExtension, PLARGE_INTEGER CurrentTime);
STORPORTAPI ULONG NTAPI StorPortQueryPerformanceCounter(PVOID HwDeviceExtension,
	PLARGE_INTEGER PerformanceFrequency, PLARGE_INTEGER PerformanceCounter);
STORPORTAPI ULONG NTAPI StorPortPoFxActivateComponent(PVOID HwDeviceExtension, PSTOR_ADDRESS Address,
	PSCSI_REQUEST_BLOCK Srb, ULONG Component, ULONG Flags);
STORPORTAPI ULONG NTAPI StorPortPoFxIdleComponent(PVOID HwDeviceExtension, PSTOR_ADDRESS Address,
	PSCSI_REQUEST_BLOCK Srb, ULONG Component, ULONG Flags);

/* --- port and register access ------------------------------------------
 * Documented as StorPortReadRegisterUlong(h, r), StorPortWriteRegisterUlong
 * (h, r, v), StorPortReadRegisterBufferUlong(h, r, b, c) ...: the first
 * argument is the HwDeviceExtension.  mingw's storport.h:248-321 declares the
 * unbuffered ones without it (the SCSI-port signatures); shadow/storport.h
 * renames those while storport.h is read. */
STORPORTAPI UCHAR NTAPI StorPortReadPortUchar(PVOID HwDeviceExtension, PUCHAR Port);
STORPORTAPI USHORT NTAPI StorPortReadPortUshort(PVOID HwDeviceExtension, PUSHORT Port);
STORPORTAPI ULONG NTAPI StorPortReadPortUlong(PVOID HwDeviceExtension, PULONG Port);
STORPORTAPI UCHAR NTAPI StorPortReadRegisterUchar(PVOID HwDeviceExtension, PUCHAR Register);
STORPORTAPI USHORT NTAPI StorPortReadRegisterUshort(PVOID HwDeviceExtension, PUSHORT Register);
STORPORTAPI ULONG NTAPI StorPortReadRegisterUlong(PVOID HwDeviceExtension, PULONG Register);
STORPORTAPI VOID NTAPI StorPortWritePortUchar(PVOID HwDeviceExtension, PUCHAR Port, UCHAR Value);
STORPORTAPI VOID NTAPI StorPortWritePortUshort(PVOID HwDeviceExtension, PUSHORT Port, USHORT Value);
STORPORTAPI VOID NTAPI StorPortWritePortUlong(PVOID HwDeviceExtension, PULONG Port, ULONG Value);
STORPORTAPI VOID NTAPI StorPortWriteRegisterUchar(PVOID HwDeviceExtension, PUCHAR Register,
	UCHAR Value);
STORPORTAPI VOID NTAPI StorPortWriteRegisterUshort(PVOID HwDeviceExtension, PUSHORT Register,
	USHORT Value);
STORPORTAPI VOID NTAPI StorPortWriteRegisterUlong(PVOID HwDeviceExtension, PULONG Register,
	ULONG Value);
STORPORTAPI VOID NTAPI StorPortReadPortBufferUchar(PVOID HwDeviceExtension, PUCHAR Port,
	PUCHAR Buffer, ULONG Count);
STORPORTAPI VOID NTAPI StorPortReadPortBufferUshort(PVOID HwDeviceExtension, PUSHORT Port,
	PUSHORT Buffer, ULONG Count);
STORPORTAPI VOID NTAPI StorPortReadPortBufferUlong(PVOID HwDeviceExtension, PULONG Port,
	PULONG Buffer, ULONG Count);
STORPORTAPI VOID NTAPI StorPortReadRegisterBufferUchar(PVOID HwDeviceExtension, PUCHAR Register,
	PUCHAR Buffer, ULONG Count);
STORPORTAPI VOID NTAPI StorPortReadRegisterBufferUshort(PVOID HwDeviceExtension, PUSHORT Register,
	PUSHORT Buffer, ULONG Count);
STORPORTAPI VOID NTAPI StorPortReadRegisterBufferUlong(PVOID HwDeviceExtension, PULONG Register,
	PULONG Buffer, ULONG Count);
STORPORTAPI VOID NTAPI StorPortWritePortBufferUchar(PVOID HwDeviceExtension, PUCHAR Port,
	PUCHAR Buffer, ULONG Count);
STORPORTAPI VOID NTAPI StorPortWritePortBufferUshort(PVOID HwDeviceExtension, PUSHORT Port,
	PUSHORT Buffer, ULONG Count);
STORPORTAPI VOID NTAPI StorPortWritePortBufferUlong(PVOID HwDeviceExtension, PULONG Port,
	PULONG Buffer, ULONG Count);
STORPORTAPI VOID NTAPI StorPortWriteRegisterBufferUchar(PVOID HwDeviceExtension, PUCHAR Register,
	PUCHAR Buffer, ULONG Count);
STORPORTAPI VOID NTAPI StorPortWriteRegisterBufferUshort(PVOID HwDeviceExtension, PUSHORT Register,
	PUSHORT Buffer, ULONG Count);
STORPORTAPI VOID NTAPI StorPortWriteRegisterBufferUlong(PVOID HwDeviceExtension, PULONG Register,
	PULONG Buffer, ULONG Count);

#ifdef __cplusplus
}
#endif

#endif /* DDILINT_STORPORT_EXTRA_H */
