/* missing_release.c - an acquired resource that some path leaves held.
 *
 * The path engine (checker/paths/) follows every resource the knowledge
 * base pairs (pool, MDLs, page locks, mappings, I/O space, spin locks of
 * every flavour, mutexes, ERESOURCEs, object references, handles, remove
 * locks) along each feasible path of the function, and reports one that
 * reaches an exit still held, neither released nor handed on (stored,
 * returned, passed to a routine that keeps it). The finding sits on the
 * acquiring call; its notes are the path: the acquisition, the branches
 * taken, the exit that leaks.
 */
#include "rule.h"

static void check_path(struct rule_ctx *ctx, const struct path_event *ev)
{
	if (ev->kind != PATH_MISSING_RELEASE)
		return;
	rule_report_path(ctx, &ev->loc, ev->function, ev->message, ev->steps, ev->n_steps);
}

const struct rule rule_missing_release = {
	.id = "missing-release",
	.name = "MissingRelease",
	.summary = "A resource acquired on some path is neither released nor handed on before the function returns.",
	.description = "Memory, MDLs, page locks, mappings, handles and references that a routine acquires "
		       "and never releases leak for the life of the system; a spin lock, mutex, ERESOURCE "
		       "or remove lock still held when the routine returns deadlocks the next acquirer or "
		       "blocks device removal. The path engine follows each acquisition from the knowledge "
		       "base along every feasible path and reports the first exit where it is still held.",
	.severity = SEV_WARNING,
	.tags = "correctness,reliability,resource-leak,wdk",
	.prefast = "C28103,C6014,C26115,C26165",
	.codeql = NULL,
	.alias = "DDI1004",
	.on_path = check_path,
};
