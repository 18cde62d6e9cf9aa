/* irql-too-high across files: the DPC in this file calls a helper in
 * trace.c that calls ZwClose (PASSIVE_LEVEL only). One finding at each end:
 * here, because the helper requires PASSIVE_LEVEL; in trace.c, because the
 * helper is called at DISPATCH_LEVEL from here. The two files are analysed
 * as one program (ddilint-with; the CLI does the same for every file of a
 * run or of a compile_commands.json). */
// ddilint-with: trace.c
#include <wdm.h>

VOID TraceFlush(HANDLE Log);

typedef struct _EXT {
	KDPC Dpc;
	HANDLE Log;
} EXT, *PEXT;

static VOID FlushDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	PEXT e = Context;

	TraceFlush(e->Log); // expected-error{{'TraceFlush' requires PASSIVE_LEVEL (it calls 'ZwClose' at trace.c:12) but is called at DISPATCH_LEVEL: 'FlushDpc' runs at DISPATCH_LEVEL as a KDEFERRED_ROUTINE (registered by KeInitializeDpc at line 26)}}
}

VOID StartFlush(PEXT e)
{
	KeInitializeDpc(&e->Dpc, FlushDpc, e);
}
