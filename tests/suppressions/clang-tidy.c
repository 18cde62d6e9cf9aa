/* clang-tidy's NOLINT forms suppress ddilint findings too; a list that
 * names only clang-tidy checks is not ddilint's business. */
#include <ntddk.h>

PVOID good_nolint(PMDL m)
{
	return MmGetSystemAddressForMdl(m); // NOLINT(obsolete-ddi)
}

PVOID good_nolint_all(PMDL m)
{
	return MmGetSystemAddressForMdl(m); // NOLINT
}

PVOID good_nolintnextline(PMDL m)
{
	// NOLINTNEXTLINE(obsolete-ddi, bugprone-branch-clone)
	return MmGetSystemAddressForMdl(m);
}

PVOID good_nolint_range(PMDL m, PVOID *other)
{
	// NOLINTBEGIN(obsolete-ddi)
	*other = MmGetSystemAddressForMdl(m);
	return MmGetSystemAddressForMdl(m);
	// NOLINTEND(obsolete-ddi)
}

PVOID bad_clang_tidy_check_only(PMDL m)
{
	return MmGetSystemAddressForMdl(m); // NOLINT(bugprone-branch-clone) expected-warning{{is obsolete}}
}

PVOID bad_after_nolint_range(PMDL m)
{
	return MmGetSystemAddressForMdl(m); // expected-warning{{is obsolete}}
}
