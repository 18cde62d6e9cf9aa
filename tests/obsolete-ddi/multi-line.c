/* obsolete-ddi: a call split over several lines is reported on the line where
 * the call is written (the callee's name), not on the line of an argument or
 * of the closing parenthesis. */
#include <wdm.h>

PVOID bad_multi_line_call(PMDL mdl)
{
	PVOID va;

	va = MmMapLockedPages( // expected-warning{{'MmMapLockedPages' is obsolete}}
		mdl,
		KernelMode);
	return va;
}

PVOID bad_name_on_its_own_line(SIZE_T size)
{
	return
		ExAllocatePoolWithTag // expected-warning{{'ExAllocatePoolWithTag' is obsolete}}
		(NonPagedPoolNx,
		 size,
		 'tsTD');
}

PVOID bad_expectation_below(PMDL mdl)
{
	// expected-warning@+1{{'MmMapLockedPages' is obsolete}}
	return MmMapLockedPages(mdl,
				KernelMode);
}
