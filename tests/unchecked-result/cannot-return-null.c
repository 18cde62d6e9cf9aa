// unchecked-result: calls that cannot return NULL need no test.
// ExAllocatePool2 with POOL_FLAG_RAISE_ON_FAILURE and ExAllocatePoolWithTag
// with POOL_RAISE_IF_ALLOCATION_FAILURE raise instead
// (wdm/nf-wdm-exallocatepool2, nf-wdm-exallocatepoolwithtag);
// MmMapLockedPagesSpecifyCache bug-checks with BugCheckOnFailure TRUE and
// raises in UserMode (nf-wdm-mmmaplockedpagesspecifycache). The raising forms
// sit in __try/__except, so missing-seh-guard has nothing to say either. The
// same calls without the flag are reported.
#include <wdm.h>

typedef struct _REQ {
	ULONG Length;
	UCHAR Data[32];
} REQ, *PREQ;

#define REQ_TAG 'qeRr'

NTSTATUS good_pool2_raises(ULONG len)
{
	PREQ r;

	__try {
		r = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, sizeof(*r), REQ_TAG);
		r->Length = len;
		ExFreePoolWithTag(r, REQ_TAG);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}

NTSTATUS bad_pool2_no_raise_flag(ULONG len)
{
	PREQ r;

	__try {
		r = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*r), REQ_TAG);
		r->Length = len; // expected-warning{{'r' from 'ExAllocatePool2' may be NULL and is dereferenced here}}
		ExFreePoolWithTag(r, REQ_TAG);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}

NTSTATUS good_pool_with_tag_raises(ULONG len)
{
	PREQ r;

	__try {
		r = ExAllocatePoolWithTag(NonPagedPoolNx | POOL_RAISE_IF_ALLOCATION_FAILURE, sizeof(*r), REQ_TAG);
		RtlZeroMemory(r, sizeof(*r));
		r->Length = len;
		ExFreePoolWithTag(r, REQ_TAG);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}

NTSTATUS bad_pool_with_tag_nx(ULONG len)
{
	PREQ r = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*r), REQ_TAG);

	RtlZeroMemory(r, sizeof(*r)); // expected-warning{{'r' from 'ExAllocatePoolWithTag' may be NULL and is passed to 'RtlZeroMemory' here}}
	r->Length = len;
	ExFreePoolWithTag(r, REQ_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS good_map_bugcheck_on_failure(PMDL mdl)
{
	PUCHAR va = MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL, TRUE, NormalPagePriority | MdlMappingNoExecute);

	va[0] = 0;
	MmUnmapLockedPages(va, mdl);
	return STATUS_SUCCESS;
}

NTSTATUS bad_map_no_bugcheck(PMDL mdl)
{
	PUCHAR va = MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority | MdlMappingNoExecute);

	va[0] = 0; // expected-warning{{'va' from 'MmMapLockedPagesSpecifyCache' may be NULL and is dereferenced here}}
	MmUnmapLockedPages(va, mdl);
	return STATUS_SUCCESS;
}

PVOID good_map_user_mode(PMDL mdl)
{
	PVOID va = NULL;

	__try {
		va = MmMapLockedPagesSpecifyCache(mdl, UserMode, MmCached, NULL, FALSE, NormalPagePriority);
		RtlZeroMemory(va, MmGetMdlByteCount(mdl));
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return NULL;
	}
	return va;
}
// ddilint-rules: missing-seh-guard
