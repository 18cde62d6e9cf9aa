/* storport-prohibited-ddi: WDM DDIs that have a StorPort equivalent (contracts
 * section g: IoAllocateMdl -> StorPortAllocateMdl, KeStallExecutionProcessor ->
 * StorPortStallExecution, ExFreePool -> StorPortFreePool) but that the SDV page
 * of HwStorPortProhibitedDDIs does not list (shared/reference/
 * storport-prohibited-ddis.txt, header comment). ddilint reports them in a
 * miniport because the StorPort routine is the supported way. */
#include <ntddk.h>
#include <storport.h>

PMDL bad_allocate_mdl(PVOID buffer, ULONG length)
{
	return IoAllocateMdl(buffer, length, FALSE, FALSE, NULL); // expected-error{{'IoAllocateMdl' must not be called by a Storport miniport (the Storport interface replaces it); use 'StorPortAllocateMdl' instead}}
}

PVOID good_allocate_mdl(PVOID hw, PVOID buffer, ULONG length)
{
	PVOID mdl = NULL;

	if (StorPortAllocateMdl(hw, buffer, length, &mdl) != STOR_STATUS_SUCCESS)
		return NULL;
	return mdl;
}

VOID bad_stall(void)
{
	KeStallExecutionProcessor(10); // expected-error{{'KeStallExecutionProcessor' must not be called by a Storport miniport (the Storport interface replaces it); use 'StorPortStallExecution' instead}}
}

VOID good_stall(void)
{
	StorPortStallExecution(10);
}

VOID bad_free_pool(PVOID buffer)
{
	ExFreePool(buffer); // expected-error{{'ExFreePool' must not be called by a Storport miniport (the Storport interface replaces it); use 'StorPortFreePool' instead}}
}

VOID good_free_pool(PVOID hw, PVOID buffer)
{
	StorPortFreePool(hw, buffer);
}
