/* unchecked_result.c - a result that can signal failure, used without a check.
 *
 * ExAllocatePool*, IoAllocateMdl, MmMapLockedPagesSpecifyCache (KernelMode,
 * BugCheckOnFailure FALSE), MmGetSystemAddressForMdlSafe, MmMapIoSpace and
 * the other acquisitions the knowledge base marks "fails: null" return
 * NULL on failure. A path that dereferences the result, or passes it where
 * a DDI needs a valid pointer, before any NULL test is reported at that use.
 * Allocations that raise instead (a raise-on-failure flag) never return NULL.
 */
#include "rule.h"

static void check_path(struct rule_ctx *ctx, const struct path_event *ev)
{
	if (ev->kind != PATH_UNCHECKED_RESULT)
		return;
	rule_report_path(ctx, &ev->loc, ev->function, ev->message, ev->steps, ev->n_steps);
}

const struct rule rule_unchecked_result = {
	.id = "unchecked-result",
	.name = "UncheckedResult",
	.summary = "A result that is NULL on failure is dereferenced or passed on without a NULL check.",
	.description = "Allocations and mappings fail under memory pressure, and Driver Verifier's low "
		       "resources simulation makes them fail on purpose. A NULL result used as a pointer "
		       "is a bug check in kernel mode. The path engine reports the first use of such a "
		       "result on a path where no test has ruled NULL out.",
	.severity = SEV_WARNING,
	.tags = "correctness,reliability,wdk",
	.prefast = "C6011,C6387",
	.codeql = NULL,
	.alias = "DDI1006",
	.on_path = check_path,
};
