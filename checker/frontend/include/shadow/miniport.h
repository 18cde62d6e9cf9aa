/* shadow/miniport.h - mingw-w64's miniport.h is both incomplete and
 * overlapping: its first part uses the kernel base types without including
 * them (miniport.h:41 ULONG), and its second part (miniport.h:55-239, inside
 * #ifndef __BROKEN__) repeats wdm.h's INTERFACE_TYPE, BUS_DATA_TYPE,
 * IO_RESOURCE_DESCRIPTOR ..., so after ntddk.h it fails with "redefinition of
 * '_INTERFACE_TYPE'".  Storport miniports include miniport.h first and then
 * storport.h (the WDK's miniport.h is self-contained).  Fix: pull in ntddk.h
 * when no DDK header came before, then read miniport.h with __BROKEN__
 * defined so that its copy of the wdm.h types is skipped.  Not used with --wdk. */
#ifndef DDILINT_SHADOW_MINIPORT_H
#define DDILINT_SHADOW_MINIPORT_H

#pragma clang system_header

#ifndef _WDMDDK_
#include <ntddk.h>
#endif
#ifndef __BROKEN__
#define __BROKEN__
#define DDILINT_DEFINED_BROKEN_
#endif
#include_next <miniport.h>
#ifdef DDILINT_DEFINED_BROKEN_
#undef __BROKEN__
#undef DDILINT_DEFINED_BROKEN_
#endif

#endif /* DDILINT_SHADOW_MINIPORT_H */
