/* irql-too-high: an interrupt service routine runs at the device's DIRQL
 * (nc-wdm-kservice_routine); IoCompleteRequest requires DISPATCH_LEVEL or
 * below. The ISR gets its role from its declaration (KSERVICE_ROUTINE), or
 * from IoConnectInterrupt, which registers its second argument. The DPC it
 * queues is the place to complete the request. */
#include <wdm.h>

typedef struct _EXT {
	PKINTERRUPT Interrupt;
	PIRP Current;
} EXT, *PEXT;

KSERVICE_ROUTINE DeclaredIsr;

BOOLEAN DeclaredIsr(PKINTERRUPT Interrupt, PVOID Context)
{
	PEXT e = Context;

	IoCompleteRequest(e->Current, IO_NO_INCREMENT); // expected-error{{'IoCompleteRequest' requires IRQL <= DISPATCH_LEVEL but is called at DIRQL: 'DeclaredIsr' runs at DIRQL as a KSERVICE_ROUTINE (declared at line 13)}}
	return TRUE;
}

static BOOLEAN RegisteredIsr(PKINTERRUPT Interrupt, PVOID Context)
{
	PEXT e = Context;

	IoCompleteRequest(e->Current, IO_NO_INCREMENT); // expected-error{{'RegisteredIsr' runs at DIRQL as a KSERVICE_ROUTINE (registered by IoConnectInterrupt at line 40)}}
	return TRUE;
}

KDEFERRED_ROUTINE GoodDpc;

VOID GoodDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	IoCompleteRequest(((PEXT)Context)->Current, IO_NO_INCREMENT);
}

NTSTATUS Connect(PEXT e)
{
	return IoConnectInterrupt(&e->Interrupt, RegisteredIsr, e, NULL, 0, 5, 5, LevelSensitive, TRUE, 1, FALSE);
}
