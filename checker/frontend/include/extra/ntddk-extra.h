/* extra/ntddk-extra.h - ntddk.h declarations that mingw-w64 lacks.
 *
 * Included by shadow/ntddk.h after the real ntddk.h (which has already pulled
 * in wdm.h and extra/wdm-extra.h).  Not used with --wdk.  Mostly role
 * typedefs: the function types behind pointer typedefs mingw already has, so
 * that `DRIVER_REINITIALIZE MyReinit;` declares a function (the lead's role
 * detection keys on the typedef name).  Parameter lists are copied from
 * mingw's own pointer typedefs, cited by line. */
/* Never with a real WDK, which declares all of this itself. */
#if !defined(DDILINT_NTDDK_EXTRA_H) && !defined(DDILINT_WDK)
#define DDILINT_NTDDK_EXTRA_H

#pragma clang system_header

#ifdef __cplusplus
extern "C" {
#endif

/* ntddk.h:235, nc-ntddk-driver_reinitialize */
typedef VOID NTAPI DRIVER_REINITIALIZE(struct _DRIVER_OBJECT *DriverObject, PVOID Context,
	ULONG Count);
/* ntddk.h:2345, nc-ntddk-pcreate_process_notify_routine_ex */
typedef VOID NTAPI CREATE_PROCESS_NOTIFY_ROUTINE_EX(PEPROCESS Process, HANDLE ProcessId,
	PPS_CREATE_NOTIFY_INFO CreateInfo);
/* ntddk.h:2382, nc-ntddk-pload_image_notify_routine */
typedef VOID NTAPI LOAD_IMAGE_NOTIFY_ROUTINE(PUNICODE_STRING FullImageName, HANDLE ProcessId,
	PIMAGE_INFO ImageInfo);
/* ntddk.h:1912 */
typedef VOID NTAPI EXPAND_STACK_CALLOUT(PVOID Parameter);

/* ntddk.h:2692 (AVL tables) */
typedef RTL_GENERIC_COMPARE_RESULTS NTAPI RTL_AVL_COMPARE_ROUTINE(struct _RTL_AVL_TABLE *Table,
	PVOID FirstStruct, PVOID SecondStruct);
typedef PVOID NTAPI RTL_AVL_ALLOCATE_ROUTINE(struct _RTL_AVL_TABLE *Table, CLONG ByteSize);
typedef VOID NTAPI RTL_AVL_FREE_ROUTINE(struct _RTL_AVL_TABLE *Table, PVOID Buffer);
typedef NTSTATUS NTAPI RTL_AVL_MATCH_FUNCTION(struct _RTL_AVL_TABLE *Table, PVOID UserData,
	PVOID MatchData);
/* ntddk.h:2740 (splay tables); with RTL_USE_AVL_TABLES mingw #defines the
 * RTL_GENERIC_* names to the RTL_AVL_* ones (ntddk.h:2776), as the WDK does. */
#ifndef RTL_USE_AVL_TABLES
typedef RTL_GENERIC_COMPARE_RESULTS NTAPI RTL_GENERIC_COMPARE_ROUTINE(
	struct _RTL_GENERIC_TABLE *Table, PVOID FirstStruct, PVOID SecondStruct);
typedef PVOID NTAPI RTL_GENERIC_ALLOCATE_ROUTINE(struct _RTL_GENERIC_TABLE *Table, CLONG ByteSize);
typedef VOID NTAPI RTL_GENERIC_FREE_ROUTINE(struct _RTL_GENERIC_TABLE *Table, PVOID Buffer);
#endif

/* nf-wdm-mmprobeandlockselectedpages (needs FILE_SEGMENT_ELEMENT, which
 * mingw defines in ntddk.h:1205, not in wdm.h) */
NTKERNELAPI VOID NTAPI MmProbeAndLockSelectedPages(PMDL MemoryDescriptorList,
	PFILE_SEGMENT_ELEMENT SegmentArray, KPROCESSOR_MODE AccessMode, LOCK_OPERATION Operation);

/* nf-ntddk-keexpandkernelstackandcalloutex (Windows 7) */
NTKERNELAPI NTSTATUS NTAPI KeExpandKernelStackAndCalloutEx(PEXPAND_STACK_CALLOUT Callout,
	PVOID Parameter, SIZE_T Size, BOOLEAN Wait, PVOID Context);

/* ns-ntddk-_file_fs_sector_size_information (Windows 8); the
 * FileFsSectorSizeInformation class itself is in mingw's enum (wdm.h:5205). */
typedef struct _FILE_FS_SECTOR_SIZE_INFORMATION {
	ULONG LogicalBytesPerSector;
	ULONG PhysicalBytesPerSectorForAtomicity;
	ULONG PhysicalBytesPerSectorForPerformance;
	ULONG FileSystemEffectivePhysicalBytesPerSectorForAtomicity;
	ULONG Flags;
	ULONG ByteOffsetForSectorAlignment;
	ULONG ByteOffsetForPartitionAlignment;
} FILE_FS_SECTOR_SIZE_INFORMATION, *PFILE_FS_SECTOR_SIZE_INFORMATION;
#define SSINFO_FLAGS_ALIGNED_DEVICE			0x00000001
#define SSINFO_FLAGS_PARTITION_ALIGNED_ON_DEVICE	0x00000002
#define SSINFO_FLAGS_NO_SEEK_PENALTY			0x00000004
#define SSINFO_FLAGS_TRIM_ENABLED			0x00000008
#define SSINFO_FLAGS_BYTE_ADDRESSABLE			0x00000010
#define SSINFO_OFFSET_UNKNOWN				0xffffffff

#ifdef __cplusplus
}
#endif

#endif /* DDILINT_NTDDK_EXTRA_H */
