/* obsolete-ddi: a call written inside the driver's own macro is reported at
 * the line where the macro is used. Two calls of the same DDI from one use of
 * a macro land on the same line and column with the same message, and are
 * reported once there. */
#include <wdm.h>

#define MAP_IT(m) MmMapLockedPages((m), KernelMode)
#define ALLOC_TAGGED(n) ExAllocatePoolWithTag(NonPagedPoolNx, (n), 'tsTD')
#define MAP_BOTH(a, b) (MAP_IT(a) != NULL && MAP_IT(b) != NULL)

PVOID bad_map_through_macro(PMDL mdl)
{
	return MAP_IT(mdl); // expected-warning{{'MmMapLockedPages' is obsolete; use 'MmMapLockedPagesSpecifyCache' instead}}
}

PVOID bad_alloc_through_macro(void)
{
	PVOID a = ALLOC_TAGGED(16); // expected-warning{{'ExAllocatePoolWithTag' is obsolete}}
	PVOID b = ALLOC_TAGGED(32); // expected-warning{{'ExAllocatePoolWithTag' is obsolete}}

	if (a == NULL)
		return b;
	return a;
}

BOOLEAN bad_nested_user_macros(PMDL a, PMDL b)
{
	return MAP_BOTH(a, b); // expected-warning 1{{'MmMapLockedPages' is obsolete}}
}
