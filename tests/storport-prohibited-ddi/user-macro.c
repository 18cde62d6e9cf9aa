/* storport-prohibited-ddi: a prohibited call hidden in the miniport's own
 * macro is reported where the macro is used. */
#include <ntddk.h>
#include <storport.h>

#define MINI_DELAY_US(us) KeStallExecutionProcessor(us)
#define MINI_ALLOC(n) ExAllocatePoolWithTag(NonPagedPoolNx, (n), 'iniM')
#define WITH_LOCK(l, o, stmt) do { KeAcquireSpinLock((l), (o)); stmt; KeReleaseSpinLock((l), *(o)); } while (0)

PVOID bad_alloc_macro(ULONG size)
{
	return MINI_ALLOC(size); // expected-error{{'ExAllocatePoolWithTag' must not be called by a Storport miniport}}
}

VOID bad_lock_macro(PKSPIN_LOCK lock, PULONG counter)
{
	KIRQL old;

	WITH_LOCK(lock, &old, (*counter)++); // expected-error{{'KeAcquireSpinLock' must not be called}} expected-error{{'KeReleaseSpinLock' must not be called}}
}
