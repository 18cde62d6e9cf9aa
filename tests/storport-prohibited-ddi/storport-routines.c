/* storport-prohibited-ddi: a miniport that only calls StorPort* routines (and
 * its own functions) gets nothing. */
#include <ntddk.h>
#include <storport.h>

// expected-no-findings

typedef struct _GOOD_EXTENSION {
	STOR_DPC completion_dpc;
} GOOD_EXTENSION, *PGOOD_EXTENSION;

static VOID good_dpc_routine(PSTOR_DPC dpc, PVOID hw, PVOID arg1, PVOID arg2)
{
	UNREFERENCED_PARAMETER(dpc);
	UNREFERENCED_PARAMETER(arg1);
	UNREFERENCED_PARAMETER(arg2);
	StorPortNotification(NextRequest, hw);
}

BOOLEAN good_start_io(PVOID hw, PSCSI_REQUEST_BLOCK srb)
{
	PGOOD_EXTENSION ext = hw;
	STOR_LOCK_HANDLE handle;
	PVOID va = NULL;
	PVOID scratch = NULL;
	ULONG length;

	StorPortAcquireSpinLock(hw, DpcLock, NULL, &handle);
	StorPortReleaseSpinLock(hw, &handle);

	if (StorPortGetSystemAddress(hw, srb, &va) != STOR_STATUS_SUCCESS) {
		srb->SrbStatus = SRB_STATUS_ERROR;
		StorPortNotification(RequestComplete, hw, srb);
		return TRUE;
	}
	if (StorPortAllocatePool(hw, 64, 'iniM', &scratch) == STOR_STATUS_SUCCESS) {
		StorPortMoveMemory(scratch, va, 64);
		StorPortFreePool(hw, scratch);
	}
	(VOID)StorPortGetPhysicalAddress(hw, srb, va, &length);
	StorPortStallExecution(5);
	StorPortInitializeDpc(hw, &ext->completion_dpc, good_dpc_routine);
	StorPortIssueDpc(hw, &ext->completion_dpc, srb, NULL);
	return TRUE;
}
