/* obsolete-ddi: a call is found wherever the expression sits: as the argument
 * of another call, in the condition of an if or a loop, in a return, in a
 * conditional expression, in an initializer. */
#include <ntddk.h>

#define TAG_TEST 'tsTD'

VOID consume(PVOID p);

VOID bad_argument_of_another_call(PMDL mdl)
{
	consume(MmMapLockedPages(mdl, KernelMode)); // expected-warning{{'MmMapLockedPages' is obsolete}}
}

VOID bad_argument_of_a_ddi(SIZE_T size)
{
	ExFreePoolWithTag(ExAllocatePoolWithTag(PagedPool, size, TAG_TEST), TAG_TEST); // expected-warning{{'ExAllocatePoolWithTag' is obsolete}}
}

NTSTATUS bad_in_if_condition(PMDL mdl)
{
	if (MmMapLockedPages(mdl, KernelMode) == NULL) // expected-warning{{'MmMapLockedPages' is obsolete}}
		return STATUS_INSUFFICIENT_RESOURCES;
	return STATUS_SUCCESS;
}

VOID bad_in_loop_condition(SIZE_T size)
{
	PVOID p;

	while ((p = ExAllocatePoolWithTag(NonPagedPoolNx, size, TAG_TEST)) == NULL) // expected-warning{{'ExAllocatePoolWithTag' is obsolete}}
		size /= 2;
	consume(p);
}

PVOID bad_in_conditional(PMDL mdl, BOOLEAN user)
{
	return user ? NULL : MmMapLockedPages(mdl, KernelMode); // expected-warning{{'MmMapLockedPages' is obsolete}}
}

VOID bad_in_initializer(void)
{
	PVOID buffers[2] = {
		ExAllocatePoolWithTag(NonPagedPoolNx, 16, TAG_TEST), // expected-warning{{'ExAllocatePoolWithTag' is obsolete}}
		ExAllocatePool(NonPagedPool, 16),                    // expected-warning{{'ExAllocatePool' is obsolete}}
	};

	consume(buffers[0]);
	consume(buffers[1]);
}
