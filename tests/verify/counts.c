/* verify: a count before {{ asks for exactly that many matching findings on
 * the line; it combines with a relative line. Must pass. */
#include <wdm.h>

VOID good_two_on_one_line(PVOID *p)
{
	p[0] = ExAllocatePool(PagedPool, 8); p[1] = ExAllocatePool(PagedPool, 16); // expected-warning 2{{'ExAllocatePool' is obsolete}}
}

VOID good_count_with_offset(PVOID *p)
{
	// expected-warning@+1 3{{[obsolete-ddi]}}
	p[0] = ExAllocatePool(PagedPool, 8); p[1] = ExAllocatePool(PagedPool, 16); p[2] = ExAllocatePool(PagedPool, 32);
}

VOID good_two_directives_one_line(PVOID *p, PMDL mdl)
{
	p[0] = ExAllocatePool(PagedPool, 8); p[1] = MmMapLockedPages(mdl, KernelMode); // expected-warning{{'ExAllocatePool'}} expected-warning{{'MmMapLockedPages'}}
}
