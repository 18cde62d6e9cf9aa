/* verify: directives work in block comments as well as line comments; one
 * comment may hold several; a directive on a later line of a block comment
 * refers to that line. Text inside {{ }} is a plain substring of
 * "message [rule-id]", so either half can be matched on its own. Must pass. */
#include <wdm.h>

PVOID good_block_comment(SIZE_T size)
{
	return ExAllocatePool(NonPagedPool, size); /* expected-warning{{'ExAllocatePool' is obsolete}} */
}

PVOID good_two_in_one_block(PMDL mdl)
{
	/* expected-warning@+1{{[obsolete-ddi]}} expected-error@+1{{can raise an exception}} */
	return MmMapLockedPages(mdl, UserMode);
}

PVOID good_directive_on_a_later_line_of_a_block(SIZE_T size)
{
	/* This comment spans three lines; the directive on its last line
	 * refers to the line below it.
	 * expected-warning@+1{{use 'ExAllocatePool2' instead [obsolete-ddi]}} */
	return ExAllocatePool(PagedPool, size);
}

PVOID good_rule_id_only(PMDL mdl)
{
	return MmMapLockedPages(mdl, KernelMode); // expected-warning{{[obsolete-ddi]}}
}

VOID good_directive_text_not_in_strings(void)
{
	/* Strings are not comments: this is not a directive. */
	DbgPrint("// expected-warning{{never}}\n");
}
