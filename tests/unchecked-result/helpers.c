// unchecked-result across functions of the file and through macros. A
// helper that returns what ExAllocatePool2 returned (directly, or after its
// own NULL test) may return NULL, so its caller must test the result; the
// finding names the helper. A driver macro around ExAllocatePool2 is the
// call it expands to. A result tested before it is handed to a helper is
// valid in the helper.
#include <wdm.h>

typedef struct _ENTRY {
	ULONG Key;
	ULONG Value;
} ENTRY, *PENTRY;

#define ENTRY_TAG 'yrtE'
#define ALLOC_ENTRY() ((PENTRY)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(ENTRY), ENTRY_TAG))

static PENTRY EntryAlloc(VOID)
{
	return ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(ENTRY), ENTRY_TAG);
}

static PENTRY EntryCreate(ULONG key)
{
	PENTRY e = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*e), ENTRY_TAG);

	if (e == NULL)
		return NULL;
	e->Key = key;
	e->Value = 0;
	return e;
}

static VOID EntrySet(PENTRY e, ULONG value)
{
	e->Value = value;
}

NTSTATUS bad_helper_result(ULONG key)
{
	PENTRY e = EntryAlloc();

	e->Key = key; // expected-warning{{'e' from 'EntryAlloc' may be NULL and is dereferenced here [unchecked-result]}}
	ExFreePoolWithTag(e, ENTRY_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS good_helper_result(ULONG key)
{
	PENTRY e = EntryAlloc();

	if (e == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	e->Key = key;
	ExFreePoolWithTag(e, ENTRY_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS bad_initialising_helper(ULONG key)
{
	PENTRY e = EntryCreate(key);

	e->Value = 1; // expected-warning{{'e' from 'EntryCreate' may be NULL and is dereferenced here}}
	ExFreePoolWithTag(e, ENTRY_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS good_initialising_helper(ULONG key)
{
	PENTRY e = EntryCreate(key);

	if (!e)
		return STATUS_INSUFFICIENT_RESOURCES;
	e->Value = 1;
	ExFreePoolWithTag(e, ENTRY_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS good_checked_then_helper(ULONG value)
{
	PENTRY e = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*e), ENTRY_TAG);

	if (e == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	EntrySet(e, value);
	ExFreePoolWithTag(e, ENTRY_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS bad_wrapper_macro(ULONG key)
{
	PENTRY e = ALLOC_ENTRY();

	e->Key = key; // expected-warning{{'e' from 'ExAllocatePool2' may be NULL and is dereferenced here}}
	ExFreePoolWithTag(e, ENTRY_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS good_wrapper_macro(ULONG key)
{
	PENTRY e = ALLOC_ENTRY();

	if (e == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	e->Key = key;
	ExFreePoolWithTag(e, ENTRY_TAG);
	return STATUS_SUCCESS;
}
