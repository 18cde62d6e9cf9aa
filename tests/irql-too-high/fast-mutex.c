/* irql-too-high: ExAcquireFastMutex sets the IRQL to APC_LEVEL and keeps the
 * old one in the mutex until ExReleaseFastMutex (nf-wdm-exacquirefastmutex);
 * Zw* routines require PASSIVE_LEVEL. ExTryToAcquireFastMutex raises only
 * when it returns TRUE: the path that did not get the mutex is fine. */
#include <wdm.h>

typedef struct _EXT {
	FAST_MUTEX Mutex;
	HANDLE File;
} EXT, *PEXT;

VOID bad_zw_under_fast_mutex(PEXT e)
{
	ExAcquireFastMutex(&e->Mutex);
	ZwClose(e->File); // expected-error{{'ZwClose' requires PASSIVE_LEVEL but is called at APC_LEVEL: fast mutex acquired at line 14 (ExAcquireFastMutex)}}
	ExReleaseFastMutex(&e->Mutex);
}

VOID good_zw_after_fast_mutex(PEXT e)
{
	HANDLE file;

	ExAcquireFastMutex(&e->Mutex);
	file = e->File;
	e->File = NULL;
	ExReleaseFastMutex(&e->Mutex);
	if (file != NULL)
		ZwClose(file);
}

VOID bad_zw_when_try_succeeds(PEXT e)
{
	if (ExTryToAcquireFastMutex(&e->Mutex)) {
		ZwClose(e->File); // expected-error{{fast mutex acquired at line 33 (ExTryToAcquireFastMutex)}}
		ExReleaseFastMutex(&e->Mutex);
	}
}

VOID good_zw_when_try_fails(PEXT e)
{
	if (!ExTryToAcquireFastMutex(&e->Mutex)) {
		ZwClose(e->File);
		return;
	}
	ExReleaseFastMutex(&e->Mutex);
}
