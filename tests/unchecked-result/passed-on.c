// A result that may be NULL passed where a DDI needs a valid pointer
// (RtlCopyMemory and the like read or write through it; a release needs
// what it releases).
#include <wdm.h>

NTSTATUS bad_copy_into(PVOID src, SIZE_T n)
{
	PVOID dst = ExAllocatePool2(POOL_FLAG_PAGED, n, 'tseT');

	RtlCopyMemory(dst, src, n); // expected-warning{{'dst' from 'ExAllocatePool2' may be NULL and is passed to 'RtlCopyMemory' here}}
	ExFreePoolWithTag(dst, 'tseT');
	return STATUS_SUCCESS;
}

NTSTATUS bad_free_unchecked(SIZE_T n)
{
	PVOID p = ExAllocatePool2(POOL_FLAG_PAGED, n, 'tseT');

	ExFreePoolWithTag(p, 'tseT'); // expected-warning{{'p' from 'ExAllocatePool2' may be NULL and is passed to 'ExFreePoolWithTag' here}}
	return STATUS_SUCCESS;
}

NTSTATUS good_unknown_callee(SIZE_T n);
VOID takes_maybe_null(PVOID p);

NTSTATUS good_unknown_callee(SIZE_T n)
{
	/* What a routine defined elsewhere does with NULL is its business. */
	PVOID p = ExAllocatePool2(POOL_FLAG_PAGED, n, 'tseT');

	takes_maybe_null(p);
	return STATUS_SUCCESS;
}
