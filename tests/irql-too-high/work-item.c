/* irql-too-high: a work item runs at PASSIVE_LEVEL
 * (nc-wdm-io_workitem_routine), which is why drivers queue one to call Zw*
 * routines from a DPC. IoQueueWorkItem registers its second argument; the
 * routine and the DPC that queues it are both fine. */
#include <wdm.h>

typedef struct _EXT {
	PIO_WORKITEM Item;
	HANDLE Key;
	KDPC Dpc;
} EXT, *PEXT;

static VOID CloseKeyWork(PDEVICE_OBJECT Device, PVOID Context)
{
	PEXT e = Context;

	ZwClose(e->Key);
}

static VOID QueueClose(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	PEXT e = Context;

	IoQueueWorkItem(e->Item, CloseKeyWork, DelayedWorkQueue, e);
}

VOID Setup(PEXT e)
{
	KeInitializeDpc(&e->Dpc, QueueClose, e);
}

// expected-no-findings
