/* irql-too-high, no false positive from correlated branches: a lock taken
 * and released under the same condition (a parameter, or a flag set next to
 * the acquire) is released on every path that took it, so the call after
 * the second test runs at the entry IRQL. The engine keeps such paths apart
 * (docs/irql.md, "Path sensitivity"). */
#include <wdm.h>

typedef struct _EXT {
	KSPIN_LOCK Lock;
	ULONG Count;
} EXT, *PEXT;

_IRQL_requires_(PASSIVE_LEVEL)
VOID good_same_condition(PEXT e, BOOLEAN locked, HANDLE h)
{
	KIRQL old;

	if (locked)
		KeAcquireSpinLock(&e->Lock, &old);
	e->Count++;
	if (locked)
		KeReleaseSpinLock(&e->Lock, old);
	ZwClose(h);
}

_IRQL_requires_(PASSIVE_LEVEL)
VOID good_flag(PEXT e, HANDLE h)
{
	KIRQL old;
	BOOLEAN held = FALSE;

	if (e->Count > 10) {
		KeAcquireSpinLock(&e->Lock, &old);
		held = TRUE;
	}
	e->Count++;
	if (held)
		KeReleaseSpinLock(&e->Lock, old);
	ZwClose(h);
}

_IRQL_requires_(PASSIVE_LEVEL)
VOID bad_flag_changed(PEXT e, HANDLE h, BOOLEAN locked)
{
	KIRQL old;

	if (locked)
		KeAcquireSpinLock(&e->Lock, &old); // expected-warning{{'bad_flag_changed' returns at DISPATCH_LEVEL on some paths}} expected-warning{{[missing-release]}}
	locked = FALSE;
	if (locked)
		KeReleaseSpinLock(&e->Lock, old);
	ZwClose(h); // expected-error{{'ZwClose' requires PASSIVE_LEVEL but is called at DISPATCH_LEVEL: spin lock acquired at line 48 (KeAcquireSpinLock)}}
}
// ddilint-rules: irql-not-restored missing-release
