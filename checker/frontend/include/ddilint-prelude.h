/* ddilint-prelude.h - force-included (-include) before every driver file.
 *
 * Job: make the driver annotations (SAL for drivers, locks, dispatch types,
 * function classes) survive into the AST as AnnotateAttr strings, so the
 * checker can read what the driver author declared.  Everything else the
 * compatibility layer does (missing DDIs, Storport) lives in shadow/ and
 * extra/, because it needs DDK types and this file runs before any DDK header.
 *
 * Annotation format (what fe.c parses): every macro below expands to
 *   __attribute__((annotate("ddilint:NAME(ARGS)")))
 * NAME is the macro as written (no alias folding: docs/headers.md lists the
 * aliases), ARGS the argument text unexpanded with whitespace collapsed, empty
 * for object-like macros: "ddilint:_IRQL_requires_max_(DISPATCH_LEVEL)",
 * "ddilint:_IRQL_requires_same_()", "ddilint:_When_(return >= 0,
 * _Acquires_lock_(*L))".  Annotations nested inside _When_/_At_ stay as text.
 *
 * Why the includes come first: mingw's sal.h, concurrencysal.h and
 * driverspecs.h (and the WDK's, plus kernelspecs.h) #define these macros as
 * empty without #ifndef.  Including them here sets their include guards, so
 * our definitions below are the last ones and the DDK's later #include of the
 * same headers is a no-op.  This works the same with --wdk (DDILINT_WDK=1).
 *
 * Nothing here declares types or functions: with DDILINT_WDK the real WDK
 * declares them, and without it the shadow headers add what mingw lacks. */
#ifndef DDILINT_PRELUDE_H
#define DDILINT_PRELUDE_H

#pragma clang system_header

#include <sal.h>
#if __has_include(<concurrencysal.h>)
#include <concurrencysal.h>
#endif
#include <driverspecs.h>
#if __has_include(<kernelspecs.h>)
#include <kernelspecs.h>
#endif

/* NAME is stringized as written (not expanded: it is only an operand of #). */
#define DDILINT_ANNOTATE_(name, args) \
	__attribute__((annotate("ddilint:" #name "(" args ")")))

/* Function-like macros are variadic so that an argument holding a comma
 * (_When_'s annotation list, __drv_preferredFunction's message) never breaks
 * the expansion.  #__VA_ARGS__ must sit in each macro's own body: that is
 * what keeps the argument text unexpanded (DISPATCH_LEVEL, not 2). */

/* --- IRQL (driverspecs.h / kernelspecs.h names) ----------------------- */
#undef _IRQL_requires_max_
#define _IRQL_requires_max_(...) DDILINT_ANNOTATE_(_IRQL_requires_max_, #__VA_ARGS__)
#undef _IRQL_requires_min_
#define _IRQL_requires_min_(...) DDILINT_ANNOTATE_(_IRQL_requires_min_, #__VA_ARGS__)
#undef _IRQL_requires_
#define _IRQL_requires_(...) DDILINT_ANNOTATE_(_IRQL_requires_, #__VA_ARGS__)
#undef _IRQL_raises_
#define _IRQL_raises_(...) DDILINT_ANNOTATE_(_IRQL_raises_, #__VA_ARGS__)
#undef _IRQL_saves_
#define _IRQL_saves_ DDILINT_ANNOTATE_(_IRQL_saves_, "")
#undef _IRQL_restores_
#define _IRQL_restores_ DDILINT_ANNOTATE_(_IRQL_restores_, "")
#undef _IRQL_saves_global_
#define _IRQL_saves_global_(...) DDILINT_ANNOTATE_(_IRQL_saves_global_, #__VA_ARGS__)
#undef _IRQL_restores_global_
#define _IRQL_restores_global_(...) DDILINT_ANNOTATE_(_IRQL_restores_global_, #__VA_ARGS__)
#undef _IRQL_requires_same_
#define _IRQL_requires_same_ DDILINT_ANNOTATE_(_IRQL_requires_same_, "")
#undef _IRQL_always_function_max_
#define _IRQL_always_function_max_(...) DDILINT_ANNOTATE_(_IRQL_always_function_max_, #__VA_ARGS__)
#undef _IRQL_always_function_min_
#define _IRQL_always_function_min_(...) DDILINT_ANNOTATE_(_IRQL_always_function_min_, #__VA_ARGS__)
#undef _IRQL_is_cancel_
#define _IRQL_is_cancel_ DDILINT_ANNOTATE_(_IRQL_is_cancel_, "")
#undef _IRQL_uses_cancel_
#define _IRQL_uses_cancel_ DDILINT_ANNOTATE_(_IRQL_uses_cancel_, "")

/* --- IRQL, older __drv_ spellings (same meaning, see docs/headers.md) --- */
#undef __drv_maxIRQL
#define __drv_maxIRQL(...) DDILINT_ANNOTATE_(__drv_maxIRQL, #__VA_ARGS__)
#undef __drv_minIRQL
#define __drv_minIRQL(...) DDILINT_ANNOTATE_(__drv_minIRQL, #__VA_ARGS__)
#undef __drv_requiresIRQL
#define __drv_requiresIRQL(...) DDILINT_ANNOTATE_(__drv_requiresIRQL, #__VA_ARGS__)
#undef __drv_raisesIRQL
#define __drv_raisesIRQL(...) DDILINT_ANNOTATE_(__drv_raisesIRQL, #__VA_ARGS__)
#undef __drv_setsIRQL
#define __drv_setsIRQL(...) DDILINT_ANNOTATE_(__drv_setsIRQL, #__VA_ARGS__)
#undef __drv_savesIRQL
#define __drv_savesIRQL DDILINT_ANNOTATE_(__drv_savesIRQL, "")
#undef __drv_restoresIRQL
#define __drv_restoresIRQL DDILINT_ANNOTATE_(__drv_restoresIRQL, "")
#undef __drv_savesIRQLGlobal
#define __drv_savesIRQLGlobal(...) DDILINT_ANNOTATE_(__drv_savesIRQLGlobal, #__VA_ARGS__)
#undef __drv_restoresIRQLGlobal
#define __drv_restoresIRQLGlobal(...) DDILINT_ANNOTATE_(__drv_restoresIRQLGlobal, #__VA_ARGS__)
#undef __drv_sameIRQL
#define __drv_sameIRQL DDILINT_ANNOTATE_(__drv_sameIRQL, "")
#undef __drv_useCancelIRQL
#define __drv_useCancelIRQL DDILINT_ANNOTATE_(__drv_useCancelIRQL, "")
#undef __drv_isCancelIRQL
#define __drv_isCancelIRQL DDILINT_ANNOTATE_(__drv_isCancelIRQL, "")

/* --- function class, dispatch type ------------------------------------ */
#undef _Function_class_
#define _Function_class_(...) DDILINT_ANNOTATE_(_Function_class_, #__VA_ARGS__)
#undef __drv_functionClass
#define __drv_functionClass(...) DDILINT_ANNOTATE_(__drv_functionClass, #__VA_ARGS__)
#undef _Dispatch_type_
#define _Dispatch_type_(...) DDILINT_ANNOTATE_(_Dispatch_type_, #__VA_ARGS__)
#undef __drv_dispatchType
#define __drv_dispatchType(...) DDILINT_ANNOTATE_(__drv_dispatchType, #__VA_ARGS__)
#undef __drv_dispatchType_other
#define __drv_dispatchType_other DDILINT_ANNOTATE_(__drv_dispatchType_other, "")

/* --- conditions -------------------------------------------------------- */
#undef _When_
#define _When_(...) DDILINT_ANNOTATE_(_When_, #__VA_ARGS__)
#undef __drv_when
#define __drv_when(...) DDILINT_ANNOTATE_(__drv_when, #__VA_ARGS__)
#undef _At_
#define _At_(...) DDILINT_ANNOTATE_(_At_, #__VA_ARGS__)
#undef __drv_at
#define __drv_at(...) DDILINT_ANNOTATE_(__drv_at, #__VA_ARGS__)

/* --- results and exceptions ------------------------------------------- */
#undef _Must_inspect_result_
#define _Must_inspect_result_ DDILINT_ANNOTATE_(_Must_inspect_result_, "")
/* mingw maps this to warn_unused_result; the annotation replaces it, since
 * ddilint reports unchecked results itself (rule unchecked-result). */
#undef _Check_return_
#define _Check_return_ DDILINT_ANNOTATE_(_Check_return_, "")
#undef _Raises_SEH_exception_
#define _Raises_SEH_exception_ DDILINT_ANNOTATE_(_Raises_SEH_exception_, "")
#undef _Maybe_raises_SEH_exception_
#define _Maybe_raises_SEH_exception_ DDILINT_ANNOTATE_(_Maybe_raises_SEH_exception_, "")
#undef __drv_inTry
#define __drv_inTry DDILINT_ANNOTATE_(__drv_inTry, "")

/* --- locks (concurrencysal.h) ----------------------------------------- */
#undef _Acquires_lock_
#define _Acquires_lock_(...) DDILINT_ANNOTATE_(_Acquires_lock_, #__VA_ARGS__)
#undef _Releases_lock_
#define _Releases_lock_(...) DDILINT_ANNOTATE_(_Releases_lock_, #__VA_ARGS__)
#undef _Requires_lock_held_
#define _Requires_lock_held_(...) DDILINT_ANNOTATE_(_Requires_lock_held_, #__VA_ARGS__)
#undef _Requires_lock_not_held_
#define _Requires_lock_not_held_(...) DDILINT_ANNOTATE_(_Requires_lock_not_held_, #__VA_ARGS__)
#undef _Requires_no_locks_held_
#define _Requires_no_locks_held_ DDILINT_ANNOTATE_(_Requires_no_locks_held_, "")
#undef _Acquires_exclusive_lock_
#define _Acquires_exclusive_lock_(...) DDILINT_ANNOTATE_(_Acquires_exclusive_lock_, #__VA_ARGS__)
#undef _Acquires_shared_lock_
#define _Acquires_shared_lock_(...) DDILINT_ANNOTATE_(_Acquires_shared_lock_, #__VA_ARGS__)
#undef _Releases_exclusive_lock_
#define _Releases_exclusive_lock_(...) DDILINT_ANNOTATE_(_Releases_exclusive_lock_, #__VA_ARGS__)
#undef _Releases_shared_lock_
#define _Releases_shared_lock_(...) DDILINT_ANNOTATE_(_Releases_shared_lock_, #__VA_ARGS__)
#undef _Acquires_nonreentrant_lock_
#define _Acquires_nonreentrant_lock_(...) DDILINT_ANNOTATE_(_Acquires_nonreentrant_lock_, #__VA_ARGS__)
#undef _Releases_nonreentrant_lock_
#define _Releases_nonreentrant_lock_(...) DDILINT_ANNOTATE_(_Releases_nonreentrant_lock_, #__VA_ARGS__)
#undef _Requires_exclusive_lock_held_
#define _Requires_exclusive_lock_held_(...) DDILINT_ANNOTATE_(_Requires_exclusive_lock_held_, #__VA_ARGS__)
#undef _Requires_shared_lock_held_
#define _Requires_shared_lock_held_(...) DDILINT_ANNOTATE_(_Requires_shared_lock_held_, #__VA_ARGS__)

/* --- kernel resources, memory, floating point, DO_DEVICE_INITIALIZING -- */
#undef __drv_acquiresResource
#define __drv_acquiresResource(...) DDILINT_ANNOTATE_(__drv_acquiresResource, #__VA_ARGS__)
#undef __drv_releasesResource
#define __drv_releasesResource(...) DDILINT_ANNOTATE_(__drv_releasesResource, #__VA_ARGS__)
#undef __drv_acquiresExclusiveResource
#define __drv_acquiresExclusiveResource(...) DDILINT_ANNOTATE_(__drv_acquiresExclusiveResource, #__VA_ARGS__)
#undef __drv_releasesExclusiveResource
#define __drv_releasesExclusiveResource(...) DDILINT_ANNOTATE_(__drv_releasesExclusiveResource, #__VA_ARGS__)
#undef __drv_mustHold
#define __drv_mustHold(...) DDILINT_ANNOTATE_(__drv_mustHold, #__VA_ARGS__)
#undef __drv_neverHold
#define __drv_neverHold(...) DDILINT_ANNOTATE_(__drv_neverHold, #__VA_ARGS__)
#undef __drv_acquiresCancelSpinLock
#define __drv_acquiresCancelSpinLock DDILINT_ANNOTATE_(__drv_acquiresCancelSpinLock, "")
#undef __drv_releasesCancelSpinLock
#define __drv_releasesCancelSpinLock DDILINT_ANNOTATE_(__drv_releasesCancelSpinLock, "")
#undef __drv_mustHoldCancelSpinLock
#define __drv_mustHoldCancelSpinLock DDILINT_ANNOTATE_(__drv_mustHoldCancelSpinLock, "")
#undef __drv_neverHoldCancelSpinLock
#define __drv_neverHoldCancelSpinLock DDILINT_ANNOTATE_(__drv_neverHoldCancelSpinLock, "")
#undef __drv_acquiresCriticalRegion
#define __drv_acquiresCriticalRegion DDILINT_ANNOTATE_(__drv_acquiresCriticalRegion, "")
#undef __drv_releasesCriticalRegion
#define __drv_releasesCriticalRegion DDILINT_ANNOTATE_(__drv_releasesCriticalRegion, "")
#undef __drv_mustHoldCriticalRegion
#define __drv_mustHoldCriticalRegion DDILINT_ANNOTATE_(__drv_mustHoldCriticalRegion, "")
#undef __drv_neverHoldCriticalRegion
#define __drv_neverHoldCriticalRegion DDILINT_ANNOTATE_(__drv_neverHoldCriticalRegion, "")
#undef _Kernel_acquires_resource_
#define _Kernel_acquires_resource_(...) DDILINT_ANNOTATE_(_Kernel_acquires_resource_, #__VA_ARGS__)
#undef _Kernel_releases_resource_
#define _Kernel_releases_resource_(...) DDILINT_ANNOTATE_(_Kernel_releases_resource_, #__VA_ARGS__)
#undef _Kernel_requires_resource_held_
#define _Kernel_requires_resource_held_(...) DDILINT_ANNOTATE_(_Kernel_requires_resource_held_, #__VA_ARGS__)
#undef _Kernel_requires_resource_not_held_
#define _Kernel_requires_resource_not_held_(...) DDILINT_ANNOTATE_(_Kernel_requires_resource_not_held_, #__VA_ARGS__)
#undef __drv_aliasesMem
#define __drv_aliasesMem DDILINT_ANNOTATE_(__drv_aliasesMem, "")
#undef __drv_allocatesMem
#define __drv_allocatesMem(...) DDILINT_ANNOTATE_(__drv_allocatesMem, #__VA_ARGS__)
#undef __drv_freesMem
#define __drv_freesMem(...) DDILINT_ANNOTATE_(__drv_freesMem, #__VA_ARGS__)
#undef _Kernel_float_saved_
#define _Kernel_float_saved_ DDILINT_ANNOTATE_(_Kernel_float_saved_, "")
#undef _Kernel_float_restored_
#define _Kernel_float_restored_ DDILINT_ANNOTATE_(_Kernel_float_restored_, "")
#undef _Kernel_float_used_
#define _Kernel_float_used_ DDILINT_ANNOTATE_(_Kernel_float_used_, "")
#undef __drv_floatSaved
#define __drv_floatSaved DDILINT_ANNOTATE_(__drv_floatSaved, "")
#undef __drv_floatRestored
#define __drv_floatRestored DDILINT_ANNOTATE_(__drv_floatRestored, "")
#undef __drv_floatUsed
#define __drv_floatUsed DDILINT_ANNOTATE_(__drv_floatUsed, "")
#undef _Kernel_clear_do_init_
#define _Kernel_clear_do_init_(...) DDILINT_ANNOTATE_(_Kernel_clear_do_init_, #__VA_ARGS__)
#undef __drv_clearDoInit
#define __drv_clearDoInit(...) DDILINT_ANNOTATE_(__drv_clearDoInit, #__VA_ARGS__)
#undef __drv_preferredFunction
#define __drv_preferredFunction(...) DDILINT_ANNOTATE_(__drv_preferredFunction, #__VA_ARGS__)
#undef __drv_reportError
#define __drv_reportError(...) DDILINT_ANNOTATE_(__drv_reportError, #__VA_ARGS__)

/* --- SAL the WDK has and mingw lacks, kept empty ------------------------
 * Real drivers use these (counted in the Windows-driver-samples corpus) and
 * fail to parse without them; ddilint has no use for their meaning. */
#ifndef _Inexpressible_
#define _Inexpressible_(...)
#endif
#ifndef _Old_
#define _Old_(...)
#endif
#ifndef _Post_invalid_
#define _Post_invalid_
#endif
#ifndef _Post_maybenull_
#define _Post_maybenull_
#endif
#ifndef _Post_notnull_
#define _Post_notnull_
#endif
#ifndef _Post_null_
#define _Post_null_
#endif
#ifndef _Post_valid_
#define _Post_valid_
#endif
#ifndef _Pre_maybenull_
#define _Pre_maybenull_
#endif
#ifndef _Pre_valid_
#define _Pre_valid_
#endif
#ifndef _Pre_null_
#define _Pre_null_
#endif
#ifndef _Unreferenced_parameter_
#define _Unreferenced_parameter_
#endif
#ifndef _Analysis_code_type_kernel_driver_
#define _Analysis_code_type_kernel_driver_
#endif
#ifndef _Analysis_code_type_user_code_
#define _Analysis_code_type_user_code_
#endif
#ifndef _Curr_
#define _Curr_
#endif
#ifndef _Data_
#define _Data_
#endif
#ifndef _Index_
#define _Index_
#endif
#ifndef _Global_critical_region_
#define _Global_critical_region_
#endif
#ifndef _Global_cancel_spin_lock_
#define _Global_cancel_spin_lock_
#endif
#ifndef _Global_interlock_
#define _Global_interlock_
#endif
#ifndef _Global_priority_region_
#define _Global_priority_region_
#endif
#ifndef _Flt_CompletionContext_Outptr_
#define _Flt_CompletionContext_Outptr_
#endif
#ifndef _Flt_ConnectionCookie_Outptr_
#define _Flt_ConnectionCookie_Outptr_
#endif

/* --- SEH keywords -------------------------------------------------------
 * The WDK's kernel excpt.h maps the short forms to the SEH keywords when
 * compiling C (fastfat, cdfs, sioctl use try/finally); mingw's does not. The
 * embedded default stands in for the WDK, so it does the same; with --wdk the
 * WDK's own excpt.h decides. */
#if !defined(DDILINT_WDK) && !defined(__cplusplus)
#define try __try
#define except __except
#define finally __finally
#define leave __leave
#endif

#endif /* DDILINT_PRELUDE_H */
