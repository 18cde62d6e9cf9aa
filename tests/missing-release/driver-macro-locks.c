// A lock taken and dropped inside driver macros under a condition of their
// own (a recursive lock: take the mutex unless this thread already owns it,
// drop it when the count falls to zero). Whether the release pairs with the
// acquire depends on fields the engine does not follow, so neither counts:
// no finding, on any path.
#include <wdm.h>

typedef struct _FCB {
	FAST_MUTEX Mutex;
	PVOID Owner;
	ULONG Count;
	ULONG State;
} FCB, *PFCB;

#define LOCK_FCB(F) {                                   \
	PVOID _me = PsGetCurrentThread();               \
	if (_me != (F)->Owner) {                        \
		ExAcquireFastMutex(&(F)->Mutex);        \
		(F)->Owner = _me;                       \
	}                                               \
	(F)->Count += 1;                                \
}

#define UNLOCK_FCB(F) {                                 \
	(F)->Count -= 1;                                \
	if ((F)->Count == 0) {                          \
		(F)->Owner = NULL;                      \
		ExReleaseFastMutex(&(F)->Mutex);        \
	}                                               \
}

VOID good_recursive_lock(PFCB f)
{
	LOCK_FCB(f);
	f->State = 1;
	UNLOCK_FCB(f);
}

VOID good_nested(PFCB f)
{
	LOCK_FCB(f);
	LOCK_FCB(f);
	UNLOCK_FCB(f);
	UNLOCK_FCB(f);
}

// expected-no-findings
