// unchecked-result: the notes are the path from the call to the use: where
// the call may return NULL, each branch taken, and the use. Here the use is
// only on the path where the caller asked for a zeroed buffer, so the
// finding goes through the `if (zero)` branch.
#include <wdm.h>

#define BUF_TAG 'fuBz'

PVOID bad_zero_on_request(SIZE_T n, BOOLEAN zero)
{
	PVOID b = ExAllocatePoolWithTag(NonPagedPoolNx, n, BUF_TAG); // expected-note{{'ExAllocatePoolWithTag' returns NULL when it fails}}

	if (zero) // expected-note{{taking the true branch}}
		RtlZeroMemory(b, n); // expected-warning{{'b' from 'ExAllocatePoolWithTag' may be NULL and is passed to 'RtlZeroMemory' here}} expected-note{{used here without a NULL check}}
	return b;
}

PVOID good_zero_on_request(SIZE_T n, BOOLEAN zero)
{
	PVOID b = ExAllocatePoolWithTag(NonPagedPoolNx, n, BUF_TAG);

	if (zero && b != NULL)
		RtlZeroMemory(b, n);
	return b;
}
