// ddilint-rules: obsolete-ddi
/* storport-prohibited-ddi: the same calls as basic.c in an ordinary WDM
 * driver (no storport.h, no StorPortInitialize) are not this rule's business.
 * Only obsolete-ddi has something to say, about ExAllocatePoolWithTag. */
#include <ntddk.h>

#define TAG_WDM 'mdWD'

PVOID good_pool_in_wdm(ULONG size)
{
	return ExAllocatePoolWithTag(NonPagedPoolNx, size, TAG_WDM); // expected-warning{{'ExAllocatePoolWithTag' is obsolete; use 'ExAllocatePool2' instead [obsolete-ddi]}}
}

PVOID good_system_address_in_wdm(PMDL mdl)
{
	return MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority);
}

VOID good_stall_in_wdm(void)
{
	KeStallExecutionProcessor(10);
}

PMDL good_allocate_mdl_in_wdm(PVOID buffer, ULONG length)
{
	return IoAllocateMdl(buffer, length, FALSE, FALSE, NULL);
}

VOID good_spin_lock_in_wdm(PKSPIN_LOCK lock, PULONG counter)
{
	KIRQL old;

	KeAcquireSpinLock(lock, &old);
	(*counter)++;
	KeReleaseSpinLock(lock, old);
}

VOID good_complete_in_wdm(PIRP irp)
{
	irp->IoStatus.Status = STATUS_SUCCESS;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
}
