/* obsolete-ddi: only calls count. A DDI name in a comment, a string, a
 * declaration, or a function pointer taken without a call is not a finding.
 * MmMapLockedPages and ExAllocatePoolWithTag are mentioned here on purpose. */
#include <wdm.h>

// expected-no-findings

/* Prototype repeated by the driver, as some old drivers do. */
NTKERNELAPI PVOID NTAPI MmMapLockedPages(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode);

typedef PVOID (NTAPI *MAP_ROUTINE)(PMDL, KPROCESSOR_MODE);

static const char good_name_in_string[] = "MmMapLockedPages(mdl, KernelMode)";

PVOID good_function_pointer_taken(void)
{
	PVOID p = (PVOID)MmMapLockedPages;
	MAP_ROUTINE routine = MmMapLockedPages;

	// ExAllocatePoolWithTag(NonPagedPool, 16, 'tsTD') in a line comment
	/* PsGetVersion(NULL, NULL, NULL, NULL) in a block comment */
	return routine == NULL ? p : (PVOID)good_name_in_string;
}

ULONG good_sizeof_is_not_a_call(void)
{
	/* sizeof does not evaluate its operand: nothing is called. */
	return (ULONG)sizeof(ExAllocatePoolWithTag(NonPagedPool, 16, 'tsTD'));
}
