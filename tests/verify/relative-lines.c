/* verify: a directive can name another line: @+N (N lines below), @-N
 * (N lines above) and @N (line N of the file). Must pass. */
#include <wdm.h>

PVOID good_relative_below(PMDL mdl)
{
	// expected-warning@+2{{'MmMapLockedPages' is obsolete}}

	return MmMapLockedPages(mdl, KernelMode);
}

PVOID good_relative_above(PMDL mdl)
{
	return MmMapLockedPages(mdl, KernelMode);
	// expected-warning@-1{{'MmMapLockedPages' is obsolete}}
}

PVOID good_absolute(SIZE_T size)
{
	return ExAllocatePool(NonPagedPool, size);
}
// expected-warning@20{{'ExAllocatePool' is obsolete}}
