/* df.c - the generic forward dataflow solver.
 *
 * Worklist in reverse post-order (a min-heap of RPO positions, so a block is
 * taken only after the blocks before it in RPO that are pending: loops settle
 * inside out, join points see all their inputs). For the block taken:
 *   state := copy(in[B]); transfer each element; then for each edge E:
 *   s := state (for an EXCEPTION edge: in[B] joined with state, because the
 *   exception may come before, between or after the elements: the start
 *   and the end are the two ends of that range and the client's join is
 *   trusted to cover what lies between, which holds for the usual
 *   monotone "may" facts; a precise client would need a state per element),
 *   refine s along E (client.edge; false = infeasible, nothing flows),
 *   and fold s into in[E.to]: the first arrival copies, later ones join.
 * A target whose in-state changed goes back on the worklist; once it has been
 * visited DF_WIDEN_AFTER times its in-state is widened after each join. A
 * block visited more than DF_MAX_VISITS times ends the solve with
 * DF_ABANDONED (the states are left as they were).
 * Blocks never reached keep the bottom state and df_reachable() is false.
 * States are STATE_SIZE blobs inside one array, each aligned for any type.
 */
#include "df.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

struct df_result {
	enum df_outcome outcome;
	struct df_client client;  /* a copy, for destroy at df_free */
	unsigned n_blocks;
	size_t stride;
	unsigned char *states;    /* n_blocks in-states */
	bool *reached;
};

struct solver {
	const struct cfg *cfg;
	const struct df_client *cl;
	struct df_result *r;
	unsigned *rpo_of;         /* block -> RPO position, or UINT_MAX if unreachable in the graph */
	unsigned *block_at;       /* RPO position -> block */
	unsigned *heap;           /* RPO positions pending */
	unsigned n_heap;
	bool *queued;             /* by block */
	unsigned *visits;         /* by block */
};

static void *state_at(const struct df_result *r, unsigned block)
{
	return r->states + (size_t)block * r->stride;
}

static void st_copy(const struct df_client *cl, void *dst, const void *src)
{
	if (cl->copy)
		cl->copy(cl->user, dst, src);
	else
		memcpy(dst, src, cl->state_size);
}

static void st_destroy(const struct df_client *cl, void *st)
{
	if (cl->destroy)
		cl->destroy(cl->user, st);
}

/* Reverse post-order from the entry over all edges. Returns the count. */
static unsigned compute_rpo(const struct cfg *cfg, unsigned *block_at, unsigned *rpo_of)
{
	unsigned n = cfg->n_blocks, sp = 0, np = 0, i;
	unsigned *stack = malloc((size_t)n * sizeof(*stack)), *next = malloc((size_t)n * sizeof(*next));
	bool *seen = calloc(n, sizeof(*seen));

	if (!stack || !next || !seen) {
		free(stack);
		free(next);
		free(seen);
		return (unsigned)-1;
	}
	seen[cfg->entry] = true;
	stack[sp] = cfg->entry;
	next[sp++] = 0;
	while (sp) {
		unsigned v = stack[sp - 1];
		const struct cfg_block *b = &cfg->blocks[v];

		if (next[sp - 1] < b->n_succs) {
			unsigned w = b->succs[next[sp - 1]++].to;

			if (!seen[w]) {
				seen[w] = true;
				stack[sp] = w;
				next[sp++] = 0;
			}
		} else {
			block_at[np++] = v; /* post-order for now */
			sp--;
		}
	}
	for (i = 0; i < np / 2; i++) {
		unsigned t = block_at[i];

		block_at[i] = block_at[np - 1 - i];
		block_at[np - 1 - i] = t;
	}
	for (i = 0; i < n; i++)
		rpo_of[i] = (unsigned)-1;
	for (i = 0; i < np; i++)
		rpo_of[block_at[i]] = i;
	free(stack);
	free(next);
	free(seen);
	return np;
}

static void heap_push(struct solver *s, unsigned block)
{
	unsigned i;

	if (s->queued[block] || s->rpo_of[block] == (unsigned)-1)
		return;
	s->queued[block] = true;
	i = s->n_heap++;
	s->heap[i] = s->rpo_of[block];
	while (i && s->heap[(i - 1) / 2] > s->heap[i]) {
		unsigned p = (i - 1) / 2, t = s->heap[p];

		s->heap[p] = s->heap[i];
		s->heap[i] = t;
		i = p;
	}
}

static unsigned heap_pop(struct solver *s)
{
	unsigned top = s->heap[0], i = 0;

	s->heap[0] = s->heap[--s->n_heap];
	for (;;) {
		unsigned l = 2 * i + 1, r = l + 1, m = i, t;

		if (l < s->n_heap && s->heap[l] < s->heap[m])
			m = l;
		if (r < s->n_heap && s->heap[r] < s->heap[m])
			m = r;
		if (m == i)
			break;
		t = s->heap[m];
		s->heap[m] = s->heap[i];
		s->heap[i] = t;
		i = m;
	}
	top = s->block_at[top];
	s->queued[top] = false;
	return top;
}

/* Fold EDGE_STATE into the in-state of TO. */
static void flow(struct solver *s, unsigned to, const void *edge_state)
{
	struct df_result *r = s->r;
	const struct df_client *cl = s->cl;
	void *in = state_at(r, to);
	bool changed;

	if (!r->reached[to]) {
		st_destroy(cl, in); /* bottom */
		st_copy(cl, in, edge_state);
		r->reached[to] = true;
		changed = true;
	} else {
		changed = cl->join(cl->user, in, edge_state);
	}
	if (!changed)
		return;
	if (s->visits[to] >= DF_WIDEN_AFTER && cl->widen)
		cl->widen(cl->user, in);
	heap_push(s, to);
}

/* Run block B and pass its out-state along each edge. */
static void run_block(struct solver *s, unsigned b, unsigned char *start, unsigned char *cur, unsigned char *tmp)
{
	const struct cfg_block *blk = &s->cfg->blocks[b];
	const struct df_client *cl = s->cl;
	unsigned i;

	st_copy(cl, start, state_at(s->r, b));
	st_copy(cl, cur, start);
	for (i = 0; i < blk->n_elems; i++)
		cl->transfer(cl->user, cur, s->cfg, b, &blk->elems[i]);
	for (i = 0; i < blk->n_succs; i++) {
		const struct cfg_edge *e = &blk->succs[i];

		if (e->kind == CFG_EDGE_EXCEPTION) {
			st_copy(cl, tmp, start);
			cl->join(cl->user, tmp, cur);
		} else {
			st_copy(cl, tmp, cur);
		}
		if (!cl->edge || cl->edge(cl->user, tmp, e))
			flow(s, e->to, tmp);
		st_destroy(cl, tmp);
	}
	st_destroy(cl, cur);
	st_destroy(cl, start);
}

enum ddl_status df_solve(const struct cfg *cfg, const struct df_client *client, struct df_result **out)
{
	struct solver s;
	struct df_result *r;
	unsigned n = cfg->n_blocks, i;
	size_t align = alignof(max_align_t);
	unsigned char *scratch = NULL;
	enum ddl_status st = DDL_ERR_NOMEM;

	*out = NULL;
	memset(&s, 0, sizeof(s));
	if (!(r = calloc(1, sizeof(*r))))
		return DDL_ERR_NOMEM;
	r->client = *client;
	r->n_blocks = n;
	r->stride = (client->state_size + align - 1) / align * align;
	if (!r->stride)
		r->stride = align;
	r->states = malloc(r->stride * (n ? n : 1));
	r->reached = calloc(n ? n : 1, sizeof(*r->reached));
	s.rpo_of = malloc((n ? n : 1) * sizeof(*s.rpo_of));
	s.block_at = malloc((n ? n : 1) * sizeof(*s.block_at));
	s.heap = malloc((n ? n : 1) * sizeof(*s.heap));
	s.queued = calloc(n ? n : 1, sizeof(*s.queued));
	s.visits = calloc(n ? n : 1, sizeof(*s.visits));
	scratch = malloc(r->stride * 3);
	if (!r->states || !r->reached || !s.rpo_of || !s.block_at || !s.heap || !s.queued || !s.visits || !scratch) {
		free(r->states);
		r->states = NULL;
		r->n_blocks = 0;
		goto out;
	}
	for (i = 0; i < n; i++)
		client->bottom(client->user, state_at(r, i));
	if (n == 0) {
		r->outcome = DF_CONVERGED;
		st = DDL_OK;
		goto out;
	}
	if (compute_rpo(cfg, s.block_at, s.rpo_of) == (unsigned)-1)
		goto out;
	s.cfg = cfg;
	s.cl = client;
	s.r = r;
	st_destroy(client, state_at(r, cfg->entry));
	client->init(client->user, state_at(r, cfg->entry));
	r->reached[cfg->entry] = true;
	heap_push(&s, cfg->entry);
	r->outcome = DF_CONVERGED;
	while (s.n_heap) {
		unsigned b = heap_pop(&s);

		if (++s.visits[b] > DF_MAX_VISITS) {
			r->outcome = DF_ABANDONED;
			break;
		}
		run_block(&s, b, scratch, scratch + r->stride, scratch + 2 * r->stride);
	}
	st = DDL_OK;
out:
	free(s.rpo_of);
	free(s.block_at);
	free(s.heap);
	free(s.queued);
	free(s.visits);
	free(scratch);
	if (st != DDL_OK) {
		df_free(r);
		return st;
	}
	*out = r;
	return DDL_OK;
}

void df_free(struct df_result *r)
{
	unsigned i;

	if (!r)
		return;
	if (r->states)
		for (i = 0; i < r->n_blocks; i++)
			st_destroy(&r->client, state_at(r, i));
	free(r->states);
	free(r->reached);
	free(r);
}

enum df_outcome df_outcome(const struct df_result *r)
{
	return r->outcome;
}

const void *df_state_in(const struct df_result *r, unsigned block)
{
	return block < r->n_blocks ? state_at(r, block) : NULL;
}

bool df_reachable(const struct df_result *r, unsigned block)
{
	return block < r->n_blocks && r->reached[block];
}
