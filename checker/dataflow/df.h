/* df.h - a generic forward dataflow solver over a CFG.
 *
 * The client defines the lattice: a fixed-size state, the entry state, join,
 * the transfer of one element and the refinement along an edge (which can
 * declare the edge infeasible: that is where path sensitivity lives, e.g. a
 * NULL check or NT_SUCCESS(status) after an acquire). A client that wants
 * several paths apart keeps a bounded set of sub-states inside its state and
 * merges when the bound is hit. The solver iterates a worklist in reverse
 * post-order until nothing changes, calling WIDEN after a block has been
 * visited DF_WIDEN_AFTER times, and gives up (DF_ABANDONED) after
 * DF_MAX_VISITS visits per block: an engine then reports nothing for the
 * function rather than something wrong.
 */
#ifndef DF_H
#define DF_H

#include "../cfg/cfg.h"

#include <stdbool.h>
#include <stddef.h>

#define DF_WIDEN_AFTER 8
#define DF_MAX_VISITS 64

/* INIT, BOTTOM and COPY write into storage that holds no state (fresh, or
 * destroyed); the solver destroys every state it made, in-states at df_free. */
struct df_client {
	size_t state_size;
	void *user;
	/* The state at function entry. */
	void (*init)(void *user, void *state);
	/* The state of a block not yet reached ("bottom"). */
	void (*bottom)(void *user, void *state);
	/* DST := DST join SRC. Returns true if DST changed. */
	bool (*join)(void *user, void *dst, const void *src);
	/* Apply ELEM of BLOCK to STATE. An EXCEPTION edge carries the block's
	 * in-state joined with its out-state (the raise may come before any element). */
	void (*transfer)(void *user, void *state, const struct cfg *cfg, unsigned block, const struct cfg_elem *elem);
	/* Refine STATE along EDGE; return false when the edge cannot be taken
	 * in this state. NULL = every edge feasible, state unchanged. */
	bool (*edge)(void *user, void *state, const struct cfg_edge *edge);
	/* Make STATE coarser so loops converge. NULL = join only. */
	void (*widen)(void *user, void *state);
	/* Release what STATE owns (NULL if states own nothing). */
	void (*destroy)(void *user, void *state);
	void (*copy)(void *user, void *dst, const void *src); /* NULL = memcpy */
};

enum df_outcome { DF_CONVERGED, DF_ABANDONED };

struct df_result;

/* Solve. Returns DDL_OK and *OUT (owned by the caller, free with df_free), or
 * DDL_ERR_NOMEM. (*OUT)->outcome says whether the fixpoint was reached. */
enum ddl_status df_solve(const struct cfg *cfg, const struct df_client *client, struct df_result **out);
void df_free(struct df_result *r);
enum df_outcome df_outcome(const struct df_result *r);
/* The state at the entry of BLOCK (bottom if unreachable). Borrowed. */
const void *df_state_in(const struct df_result *r, unsigned block);
bool df_reachable(const struct df_result *r, unsigned block);

#endif
