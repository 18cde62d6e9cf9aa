// A function with thousands of statements and hundreds of branches (built
// by macros) is analysed quickly and with bounded memory (docs/paths.md);
// a leak inside it is still found, and the balanced lock is not reported.
#include <wdm.h>

typedef struct _BIG {
	KSPIN_LOCK Lock;
	ULONG V[64];
	ULONG Flags;
} BIG, *PBIG;

#define STEP(i) \
	if (b->Flags & (1u << ((i) & 31))) \
		b->V[(i) & 63] += (i); \
	else \
		b->V[((i) + 1) & 63] -= (i); \
	b->V[((i) + 2) & 63] ^= b->V[(i) & 63];
#define STEP4(i) STEP(i) STEP((i) + 1) STEP((i) + 2) STEP((i) + 3)
#define STEP16(i) STEP4(i) STEP4((i) + 4) STEP4((i) + 8) STEP4((i) + 12)
#define STEP64(i) STEP16(i) STEP16((i) + 16) STEP16((i) + 32) STEP16((i) + 48)
#define STEP256(i) STEP64(i) STEP64((i) + 64) STEP64((i) + 128) STEP64((i) + 192)

NTSTATUS bad_large(PBIG b, ULONG n)
{
	KIRQL irql;
	PVOID p = ExAllocatePool2(POOL_FLAG_NON_PAGED, n, 'tseT'); // expected-warning{{pool allocation 'p' from 'ExAllocatePool2' is not released on this path}}

	if (p == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	KeAcquireSpinLock(&b->Lock, &irql);
	STEP256(0)
	STEP256(256)
	KeReleaseSpinLock(&b->Lock, irql);
	if (b->Flags == 0)
		return STATUS_UNSUCCESSFUL; /* leaks p */
	STEP256(512)
	STEP256(768)
	ExFreePoolWithTag(p, 'tseT');
	return STATUS_SUCCESS;
}
