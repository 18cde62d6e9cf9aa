/* The team's own wrappers, described in ../.ddilint.json. */
PVOID FabMapForUser(PMDL Mdl);
PVOID FabMapBuffer(PMDL Mdl, ULONG Flags);
PVOID FabAllocate(SIZE_T Size);
KIRQL FabAcquireQueueLock(PKSPIN_LOCK Lock);
VOID FabReleaseQueueLock(PKSPIN_LOCK Lock, KIRQL OldIrql);
#define FAB_MAP_USER 1
#define FAB_MAP_KERNEL 0
