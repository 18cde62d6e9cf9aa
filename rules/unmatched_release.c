/* unmatched_release.c - a release of something not held on that path.
 *
 * Unmapping a mapping that failed or was never made, unlocking pages that
 * were never locked (an MDL from MmBuildMdlForNonPagedPool, a probe that
 * raised), a second free or unlock, releasing a lock that this path
 * already released, and using an MDL or a pool block after the call that
 * freed it. The path engine decides "not held" only from what the path
 * shows (a failed acquisition, a NULL variable, an earlier release); a
 * release of something the routine may have been handed is never reported.
 */
#include "rule.h"

static void check_path(struct rule_ctx *ctx, const struct path_event *ev)
{
	if (ev->kind != PATH_UNMATCHED_RELEASE)
		return;
	rule_report_path(ctx, &ev->loc, ev->function, ev->message, ev->steps, ev->n_steps);
}

const struct rule rule_unmatched_release = {
	.id = "unmatched-release",
	.name = "UnmatchedRelease",
	.summary = "A release of a resource that is not held on that path, or a use after it was freed.",
	.description = "Releasing what is not held corrupts kernel state: a double ExFreePool or IoFreeMdl "
		       "bug-checks (BAD_POOL_CALLER), MmUnlockPages on an MDL that was never locked or "
		       "MmUnmapLockedPages of a failed mapping bug-checks or corrupts the page tables, and "
		       "releasing a spin lock twice breaks mutual exclusion. The path engine reports a "
		       "release only when the path itself shows that nothing is held.",
	.severity = SEV_ERROR,
	.tags = "correctness,reliability,wdk",
	.prefast = "C26117,C28107",
	.codeql = NULL,
	.alias = "DDI1005",
	.on_path = check_path,
};
