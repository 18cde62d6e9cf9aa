/* engine.h - walks the function bodies of one parsed file and turns every
 * call of a known DDI into an event for the rules.
 *
 * It resolves the name a call was written with (a header macro such as
 * KeAcquireSpinLock or MmGetSystemAddressForMdl) as well as the callee after
 * expansion, reports one event per written call, knows the structured
 * exception handling context of each call, and evaluates constant arguments.
 * It never walks header bodies (inline DDIs) as driver code.
 */
#ifndef ENGINE_H
#define ENGINE_H

#include "../kb/kb.h"
#include "../findings/finding.h"

#include <clang-c/Index.h>
#include <stdbool.h>

struct eng_call {
	const struct kb_ddi *ddi;   /* the resolved entry; never NULL in an event */
	const char *written;        /* name written at the call site */
	const char *callee;         /* function called after macro expansion */
	bool via_macro;             /* WRITTEN is a macro that expanded to CALLEE */
	bool args_match;            /* the call's arguments are the DDI's own parameters */
	CXCursor cursor;            /* the CallExpr */
	struct finding_loc loc;     /* where the call is written; FILE borrowed */
	const char *function;       /* enclosing function, borrowed */

	bool in_try_except;         /* inside the __try block of a __try/__except */
	bool in_try_finally;        /* inside the __try block of a __try/__finally */
	bool in_handler;            /* inside an __except filter/block or a __finally block */
	bool trusted;               /* no compiler error touches this call */

	/* The enclosing function is static and every call of it in this file
	 * is itself guarded by a __try/__except (directly or through such
	 * helpers); UNGUARDED_SITES lists the call sites that are not. */
	bool guarded_by_callers;
	const struct finding_loc *unguarded_sites; /* borrowed */
	unsigned n_unguarded_sites;

	const void *engine;         /* private to the engine */
};

/* Facts about the whole translation unit. */
struct eng_tu_facts {
	bool storport_miniport;
	char storport_reason[160];  /* why it counts as a miniport */
};

/* Called once per DDI call event, in source order. */
typedef void (*eng_call_fn)(void *user, const struct eng_call *call);

struct eng_stats {
	unsigned n_functions;       /* function bodies walked */
	unsigned n_untrusted_calls; /* DDI calls touched by a compiler error */
};

struct fe_tu;

/* Walk every function defined in TU's main file and call FN for each DDI
 * call. FACTS is filled before the first event. Returns DDL_OK or DDL_ERR_NOMEM. */
enum ddl_status eng_run(const struct fe_tu *tu, const struct kb *kb, eng_call_fn fn, void *user,
			struct eng_tu_facts *facts, struct eng_stats *stats);

/* Name of parameter INDEX (1-based) of the called function, or NULL. Into BUF. */
const char *eng_call_param_name(const struct eng_call *call, unsigned index, char *buf, unsigned size);

/* Value of argument INDEX (1-based) of CALL when it is an integer constant. */
bool eng_call_arg_value(const struct eng_call *call, unsigned index, long long *value);

/* Evaluate a KB condition on CALL's arguments (KB_UNKNOWN if they do not line up). */
enum kb_tri eng_call_cond(const struct eng_call *call, const struct kb_cond *cond);

/* Source text of argument INDEX (1-based) as written, into BUF ("" if unknown). */
const char *eng_call_arg_text(const struct eng_call *call, unsigned index, char *buf, unsigned size);

#endif
