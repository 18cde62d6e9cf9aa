/* storport-prohibited-ddi: a miniport (it includes storport.h) that calls WDM
 * DDIs on the HwStorPortProhibitedDDIs list gets one error per call, with the
 * StorPort routine to use instead; the StorPort routine itself is fine. */
#include <ntddk.h>
#include <storport.h>

#define TAG_MINI 'iniM'

PVOID bad_pool(PVOID hw, ULONG size)
{
	return ExAllocatePoolWithTag(NonPagedPoolNx, size, TAG_MINI); // expected-error{{'ExAllocatePoolWithTag' must not be called by a Storport miniport (HwStorPortProhibitedDDIs); use 'StorPortAllocatePool' instead [storport-prohibited-ddi]}}
}

PVOID good_pool(PVOID hw, ULONG size)
{
	PVOID buffer = NULL;

	if (StorPortAllocatePool(hw, size, TAG_MINI, &buffer) != STOR_STATUS_SUCCESS)
		return NULL;
	return buffer;
}

PVOID bad_map(PMDL mdl)
{
	return MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority); // expected-error{{'MmMapLockedPagesSpecifyCache' must not be called by a Storport miniport (HwStorPortProhibitedDDIs); use 'StorPortGetSystemAddress' instead}}
}

PVOID good_map(PVOID hw, PSCSI_REQUEST_BLOCK srb)
{
	PVOID va = NULL;

	if (StorPortGetSystemAddress(hw, srb, &va) != STOR_STATUS_SUCCESS)
		return NULL;
	return va;
}

VOID bad_delay(void)
{
	LARGE_INTEGER interval;

	interval.QuadPart = -10;
	KeDelayExecutionThread(KernelMode, FALSE, &interval); // expected-error{{'KeDelayExecutionThread' must not be called by a Storport miniport (HwStorPortProhibitedDDIs); use 'StorPortStallExecution' instead}}
}

VOID good_delay(void)
{
	StorPortStallExecution(1);
}

VOID bad_queue_dpc(PKDPC dpc)
{
	KeInsertQueueDpc(dpc, NULL, NULL); // expected-error{{'KeInsertQueueDpc' must not be called by a Storport miniport (HwStorPortProhibitedDDIs); use 'StorPortIssueDpc' instead}}
}

VOID good_queue_dpc(PVOID hw, PSTOR_DPC dpc)
{
	StorPortIssueDpc(hw, dpc, NULL, NULL);
}
