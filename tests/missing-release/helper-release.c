// A release through a helper of the same file counts as the release it
// performs: the engine summarises each function (what it releases, what it
// acquires, what it returns) and applies the summary at every call.
#include <wdm.h>

typedef struct _CTX {
	PVOID Buffer;
	PMDL Mdl;
	KSPIN_LOCK Lock;
	KIRQL Irql;
} CTX, *PCTX;

static VOID free_buffer(PVOID p)
{
	ExFreePoolWithTag(p, 'tseT');
}

/* Frees only what is there: a NULL pointer is skipped. */
static VOID free_if_any(PVOID p)
{
	if (p != NULL)
		ExFreePoolWithTag(p, 'tseT');
}

static PVOID alloc_buffer(ULONG len)
{
	return ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT');
}

static VOID lock_ctx(PCTX ctx)
{
	KeAcquireSpinLock(&ctx->Lock, &ctx->Irql);
}

static VOID unlock_ctx(PCTX ctx)
{
	KeReleaseSpinLock(&ctx->Lock, ctx->Irql);
}

NTSTATUS good_helper_frees(ULONG len)
{
	PVOID p = ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT');

	if (!p)
		return STATUS_INSUFFICIENT_RESOURCES;
	RtlZeroMemory(p, len);
	free_buffer(p);
	return STATUS_SUCCESS;
}

NTSTATUS good_helper_null_safe(ULONG len)
{
	PVOID p = ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT');

	free_if_any(p);
	return STATUS_SUCCESS;
}

NTSTATUS bad_helper_allocates(ULONG len)
{
	PVOID p = alloc_buffer(len); // expected-warning{{pool allocation 'p' from 'alloc_buffer' is not released on this path (ExFreePoolWithTag)}}

	if (!p)
		return STATUS_INSUFFICIENT_RESOURCES;
	if (len > 64)
		return STATUS_INVALID_PARAMETER;
	free_buffer(p);
	return STATUS_SUCCESS;
}

VOID good_lock_helpers(PCTX ctx)
{
	lock_ctx(ctx);
	ctx->Buffer = NULL;
	unlock_ctx(ctx);
}

VOID bad_lock_helpers(PCTX ctx, BOOLEAN early)
{
	lock_ctx(ctx); // expected-warning{{spin lock '&ctx->Lock' from 'lock_ctx' is not released on this path (KeReleaseSpinLock)}}
	if (early)
		return;
	unlock_ctx(ctx);
}

/* Recursion: the summaries are computed for the group together. */
static VOID release_chain(PCTX ctx, ULONG depth);

static VOID release_chain(PCTX ctx, ULONG depth)
{
	if (depth)
		release_chain(ctx, depth - 1);
	else
		unlock_ctx(ctx);
}

VOID good_recursive_release(PCTX ctx)
{
	lock_ctx(ctx);
	release_chain(ctx, 3);
}
