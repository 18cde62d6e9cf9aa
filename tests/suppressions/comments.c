/* ddilint's own suppression comments: this line, the next line of code,
 * a range; rules named by id, name, alias or PREfast number, or none (all). */
#include <ntddk.h>

PVOID good_this_line(PMDL m)
{
	return MmGetSystemAddressForMdl(m); // ddilint-ignore(obsolete-ddi): must load on Windows 98
}

PVOID good_next_line(PMDL m)
{
	// ddilint-ignore-next-line(obsolete-ddi)
	return MmGetSystemAddressForMdl(m);
}

PVOID good_next_line_skips_comments(PMDL m)
{
	// ddilint-ignore-next-line(obsolete-ddi) -- reason
	/* a comment between the directive and the code */

	return MmGetSystemAddressForMdl(m);
}

PVOID good_every_rule(PMDL m)
{
	/* ddilint-ignore-next-line */
	return MmMapLockedPages(m, UserMode);
}

PVOID good_by_name(PMDL m)
{
	return MmGetSystemAddressForMdl(m); // ddilint-ignore(ObsoleteDdi)
}

PVOID good_by_alias(PMDL m)
{
	return MmGetSystemAddressForMdl(m); // ddilint-ignore(DDI1001)
}

PVOID good_by_prefast_number(PMDL m)
{
	return MmGetSystemAddressForMdl(m); // ddilint-ignore(C28159)
}

PVOID good_two_rules(PMDL m)
{
	return MmMapLockedPages(m, UserMode); // ddilint-ignore(obsolete-ddi, missing-seh-guard)
}

PVOID good_range(PMDL m, PVOID *other)
{
	// ddilint-ignore-begin(obsolete-ddi)
	*other = MmGetSystemAddressForMdl(m);
	return MmGetSystemAddressForMdl(m);
	// ddilint-ignore-end
}

PVOID bad_after_range(PMDL m)
{
	return MmGetSystemAddressForMdl(m); // expected-warning{{'MmGetSystemAddressForMdl' is obsolete}}
}

PVOID bad_other_rule_named(PMDL m)
{
	return MmGetSystemAddressForMdl(m); // ddilint-ignore(missing-seh-guard) expected-warning{{is obsolete}}
}

PVOID bad_only_the_named_rule(PMDL m)
{
	return MmMapLockedPages(m, UserMode); // ddilint-ignore(obsolete-ddi) expected-error{{missing-seh-guard}}
}

PVOID bad_not_the_next_line(PMDL m)
{
	PVOID a;

	// ddilint-ignore-next-line(obsolete-ddi)
	a = NULL;
	a = MmGetSystemAddressForMdl(m); // expected-warning{{is obsolete}}
	return a;
}

PVOID bad_directive_in_a_string(PMDL m)
{
	const char *s = "ddilint-ignore(obsolete-ddi)"; PVOID a = MmGetSystemAddressForMdl(m); // expected-warning{{is obsolete}}

	(void)s;
	return a;
}
