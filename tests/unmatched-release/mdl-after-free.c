// Using an MDL after IoFreeMdl freed it
// (https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-iofreemdl).
#include <wdm.h>

ULONG bad_use_after_free(PVOID buf, ULONG len)
{
	PMDL mdl = IoAllocateMdl(buf, len, FALSE, FALSE, NULL);
	ULONG count;

	if (!mdl)
		return 0;
	MmBuildMdlForNonPagedPool(mdl);
	IoFreeMdl(mdl);
	count = MmGetMdlByteCount(mdl); // expected-error{{MDL 'mdl' is dereferenced after 'IoFreeMdl' freed it}}
	return count;
}

ULONG good_use_before_free(PVOID buf, ULONG len)
{
	PMDL mdl = IoAllocateMdl(buf, len, FALSE, FALSE, NULL);
	ULONG count;

	if (!mdl)
		return 0;
	MmBuildMdlForNonPagedPool(mdl);
	count = MmGetMdlByteCount(mdl);
	IoFreeMdl(mdl);
	mdl = NULL;
	return count;
}
