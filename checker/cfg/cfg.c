/* cfg.c - block storage for the CFG builder, and the final pass.
 *
 * The builder (cfg_build.c, cfg_expr.c) allocates blocks freely: a join
 * point, a label, a loop head, often empty. The final pass makes the graph
 * the engines see:
 *  - exception edges: every block with an element inside a __try that has
 *    an __except gets one edge to where the exception goes (the handler, or
 *    a copy of a __finally on the way there); an empty block cannot raise;
 *  - empty blocks that only fall through are bypassed (the entry is kept, so
 *    it never has predecessors);
 *  - blocks are renumbered in reverse post-order from the entry (successors
 *    in edge order, so a TRUE branch comes before its FALSE branch and a
 *    loop body before the code after the loop); dead blocks that hold
 *    elements follow with no edges at all, and the exit comes last;
 *  - predecessor lists, each predecessor once.
 * Building stops at CFG_MAX_BLOCKS blocks or CFG_MAX_ELEMS elements
 * (cfg->truncated); the graph so far is still finished and consistent.
 */
#include "cfg_impl.h"

#include <stdlib.h>
#include <string.h>

static bool grow(void **p, unsigned *cap, unsigned need, size_t size)
{
	unsigned ncap;
	void *np;

	if (need <= *cap)
		return true;
	ncap = *cap ? *cap * 2 : 4;
	while (ncap < need)
		ncap *= 2;
	np = realloc(*p, (size_t)ncap * size);
	if (!np)
		return false;
	*p = np;
	*cap = ncap;
	return true;
}

unsigned cfg_b_new_block(struct cfg_builder *b)
{
	struct cfg *cfg = b->cfg;
	unsigned n = cfg->n_blocks;

	if (b->stop)
		return cfg->exit;
	if (n >= CFG_MAX_BLOCKS) {
		cfg->truncated = true;
		b->stop = true;
		return cfg->exit;
	}
	if (n == b->cap_blocks) {
		unsigned ncap = n ? n * 2 : 16;
		struct cfg_block *nb = realloc(cfg->blocks, ncap * sizeof(*nb));
		struct cfg_bextra *ne;

		if (nb)
			cfg->blocks = nb;
		ne = nb ? realloc(b->extra, ncap * sizeof(*ne)) : NULL;
		if (!ne) {
			b->nomem = b->stop = true;
			return cfg->exit;
		}
		b->extra = ne;
		b->cap_blocks = ncap;
	}
	memset(&cfg->blocks[n], 0, sizeof(cfg->blocks[n]));
	memset(&b->extra[n], 0, sizeof(b->extra[n]));
	b->extra[n].landing = CFG_NONE;
	cfg->n_blocks = n + 1;
	return n;
}

/* Code from here on goes into BLK, in the current scopes. */
void cfg_b_start(struct cfg_builder *b, unsigned blk)
{
	if (b->stop)
		return;
	b->cur = blk;
	b->cfg->blocks[blk].try_except_depth = cfg_b_try_except_depth(b);
}

/* Code that no path reaches still gets a block (with no predecessors). */
void cfg_b_ensure(struct cfg_builder *b)
{
	if (b->cur == CFG_NONE && !b->stop)
		cfg_b_start(b, cfg_b_new_block(b));
}

static struct cfg_edge *add_edge(struct cfg_builder *b, unsigned from, unsigned to)
{
	struct cfg_block *blk;
	struct cfg_edge *e;

	if (b->stop || from == CFG_NONE)
		return NULL;
	blk = &b->cfg->blocks[from];
	if (!grow((void **)&blk->succs, &b->extra[from].cap_succs, blk->n_succs + 1, sizeof(*blk->succs))) {
		b->nomem = b->stop = true;
		return NULL;
	}
	e = &blk->succs[blk->n_succs++];
	memset(e, 0, sizeof(*e));
	e->to = to;
	e->cond = clang_getNullCursor();
	return e;
}

void cfg_b_edge(struct cfg_builder *b, unsigned from, unsigned to, enum cfg_edge_kind kind, CXCursor cond)
{
	struct cfg_edge *e = add_edge(b, from, to);

	if (e) {
		e->kind = kind;
		e->cond = cond;
	}
}

void cfg_b_case_edge(struct cfg_builder *b, unsigned from, unsigned to, CXCursor cond, long long lo,
		     long long hi, bool is_default)
{
	struct cfg_edge *e = add_edge(b, from, to);

	if (e) {
		e->kind = CFG_EDGE_CASE;
		e->cond = cond;
		e->case_value = lo;
		e->case_high = hi;
		e->is_default = is_default;
	}
}

/* Fall or jump from the current point to TO; nothing reaches what follows. */
void cfg_b_goto(struct cfg_builder *b, unsigned to)
{
	if (b->cur != CFG_NONE)
		cfg_b_edge(b, b->cur, to, CFG_EDGE_NORMAL, clang_getNullCursor());
	b->cur = CFG_NONE;
}

void cfg_b_elem(struct cfg_builder *b, enum cfg_elem_kind kind, CXCursor c, const CXCursor *skip,
		unsigned n_skip)
{
	struct cfg_block *blk;
	struct cfg_elem *el;
	unsigned cur;

	cfg_b_ensure(b);
	if (b->stop)
		return;
	if (++b->n_elems > CFG_MAX_ELEMS) {
		b->cfg->truncated = true;
		b->stop = true;
		return;
	}
	cur = b->cur;
	if (!b->extra[cur].landed) {
		/* May build a __finally copy: no block pointer is held here. */
		unsigned landing = cfg_b_landing(b, b->n_scopes);

		b->extra[cur].landed = true;
		b->extra[cur].landing = landing;
		if (b->stop)
			return;
	}
	blk = &b->cfg->blocks[cur];
	if (!grow((void **)&blk->elems, &b->extra[cur].cap_elems, blk->n_elems + 1, sizeof(*blk->elems))) {
		b->nomem = b->stop = true;
		return;
	}
	el = &blk->elems[blk->n_elems];
	memset(el, 0, sizeof(*el));
	el->kind = kind;
	el->cursor = c;
	if (n_skip) {
		CXCursor *copy = malloc(n_skip * sizeof(*copy));

		if (!copy) {
			b->nomem = b->stop = true;
			return;
		}
		memcpy(copy, skip, n_skip * sizeof(*copy));
		el->skip = copy;
		el->n_skip = n_skip;
	}
	blk->n_elems++;
}

/* ---- the final pass -------------------------------------------------------- */

static bool forwards(const struct cfg *cfg, unsigned i)
{
	const struct cfg_block *blk = &cfg->blocks[i];

	return i != cfg->entry && i != cfg->exit && blk->n_elems == 0 && blk->n_succs == 1 &&
	       blk->succs[0].kind == CFG_EDGE_NORMAL;
}

/* FWD[i]: the block an edge to I really goes to, past empty fall-through
 * blocks. A cycle of such blocks (for (;;);) keeps the block it closes on. */
static void resolve_forwarding(const struct cfg *cfg, unsigned *fwd, unsigned char *state, unsigned *path)
{
	unsigned i, n = cfg->n_blocks;

	memset(state, 0, n);
	for (i = 0; i < n; i++) {
		unsigned x = i, np = 0, final, k;

		while (state[x] == 0 && forwards(cfg, x)) {
			state[x] = 1;
			path[np++] = x;
			x = cfg->blocks[x].succs[0].to;
		}
		if (state[x] == 2) {
			final = fwd[x];
		} else {
			fwd[x] = x; /* not forwarding, or the block closing a cycle */
			state[x] = 2;
			final = x;
		}
		for (k = 0; k < np; k++)
			if (state[path[k]] == 1) {
				fwd[path[k]] = final;
				state[path[k]] = 2;
			}
	}
}

/* Reverse post-order of the blocks reachable from the entry, the exit left
 * out. Returns the count; ORDER gets the blocks, SEEN marks reachability. */
static unsigned reverse_postorder(const struct cfg *cfg, unsigned *order, unsigned char *seen, unsigned *stack,
				  unsigned *next)
{
	unsigned sp = 0, np = 0, i;

	memset(seen, 0, cfg->n_blocks);
	seen[cfg->entry] = 1;
	stack[sp] = cfg->entry;
	next[sp++] = 0;
	while (sp) {
		unsigned v = stack[sp - 1];
		const struct cfg_block *blk = &cfg->blocks[v];

		if (next[sp - 1] < blk->n_succs) {
			/* Last successor first, so the first one ends up earliest. */
			unsigned w = blk->succs[blk->n_succs - 1 - next[sp - 1]++].to;

			if (seen[w])
				continue;
			seen[w] = 1;
			if (w == cfg->exit)
				continue;
			stack[sp] = w;
			next[sp++] = 0;
		} else {
			order[np++] = v;
			sp--;
		}
	}
	for (i = 0; i < np / 2; i++) {
		unsigned t = order[i];

		order[i] = order[np - 1 - i];
		order[np - 1 - i] = t;
	}
	return np;
}

static void free_block(struct cfg_block *blk)
{
	unsigned i;

	for (i = 0; i < blk->n_elems; i++)
		free((void *)blk->elems[i].skip);
	free(blk->elems);
	free(blk->succs);
	free(blk->preds);
}

static bool fill_preds(struct cfg *cfg)
{
	unsigned *mark = calloc(cfg->n_blocks, sizeof(*mark));
	unsigned v, k, pass;

	if (!mark)
		return false;
	for (pass = 0; pass < 2; pass++) {
		memset(mark, 0, cfg->n_blocks * sizeof(*mark));
		for (v = 0; v < cfg->n_blocks; v++) {
			const struct cfg_block *blk = &cfg->blocks[v];

			for (k = 0; k < blk->n_succs; k++) {
				struct cfg_block *to = &cfg->blocks[blk->succs[k].to];

				if (mark[blk->succs[k].to] == v + 1)
					continue; /* two edges from V to one block: one predecessor */
				mark[blk->succs[k].to] = v + 1;
				if (pass == 0)
					to->n_preds++;
				else
					to->preds[to->n_preds++] = v;
			}
		}
		if (pass == 0)
			for (v = 0; v < cfg->n_blocks; v++) {
				struct cfg_block *blk = &cfg->blocks[v];

				if (blk->n_preds && !(blk->preds = malloc(blk->n_preds * sizeof(*blk->preds)))) {
					free(mark);
					return false;
				}
				blk->n_preds = 0;
			}
	}
	free(mark);
	return true;
}

void cfg_b_finish(struct cfg_builder *b)
{
	struct cfg *cfg = b->cfg;
	unsigned n = cfg->n_blocks, i, k, n_order, n_new = 0;
	unsigned *fwd, *path, *order, *next, *newidx;
	unsigned char *state;
	struct cfg_block *nb;

	if (b->nomem)
		return;
	b->stop = false; /* a truncated graph still gets its edges finished */
	for (i = 0; i < n && !b->nomem; i++)
		if (cfg->blocks[i].n_elems && b->extra[i].landing != CFG_NONE)
			cfg_b_edge(b, i, b->extra[i].landing, CFG_EDGE_EXCEPTION, clang_getNullCursor());
	if (b->nomem)
		return;
	fwd = malloc(n * sizeof(*fwd));
	path = malloc(n * sizeof(*path));
	order = malloc(n * sizeof(*order));
	next = malloc(n * sizeof(*next));
	newidx = malloc(n * sizeof(*newidx));
	state = malloc(n);
	nb = calloc(n, sizeof(*nb));
	if (!fwd || !path || !order || !next || !newidx || !state || !nb) {
		b->nomem = true;
		goto out;
	}
	resolve_forwarding(cfg, fwd, state, path);
	for (i = 0; i < n; i++)
		for (k = 0; k < cfg->blocks[i].n_succs; k++)
			cfg->blocks[i].succs[k].to = fwd[cfg->blocks[i].succs[k].to];
	n_order = reverse_postorder(cfg, order, state, path, next);
	for (i = 0; i < n; i++)
		newidx[i] = CFG_NONE;
	for (i = 0; i < n_order; i++)
		newidx[order[i]] = n_new++;
	for (i = 0; i < n; i++)
		if (!state[i] && i != cfg->exit && cfg->blocks[i].n_elems && fwd[i] == i) {
			/* Dead code: kept for what it holds, cut off from the graph. */
			free(cfg->blocks[i].succs);
			cfg->blocks[i].succs = NULL;
			cfg->blocks[i].n_succs = 0;
			newidx[i] = n_new++;
		}
	newidx[cfg->exit] = n_new++;
	for (i = 0; i < n; i++) {
		if (newidx[i] == CFG_NONE) {
			free_block(&cfg->blocks[i]);
			continue;
		}
		nb[newidx[i]] = cfg->blocks[i];
		for (k = 0; k < nb[newidx[i]].n_succs; k++)
			nb[newidx[i]].succs[k].to = newidx[nb[newidx[i]].succs[k].to];
	}
	free(cfg->blocks);
	cfg->blocks = nb;
	nb = NULL;
	cfg->n_blocks = n_new;
	cfg->entry = newidx[cfg->entry];
	cfg->exit = newidx[cfg->exit];
	if (!fill_preds(cfg))
		b->nomem = true;
out:
	free(fwd);
	free(path);
	free(order);
	free(next);
	free(newidx);
	free(state);
	free(nb);
}

void cfg_free(struct cfg *cfg)
{
	unsigned i;

	if (!cfg)
		return;
	for (i = 0; i < cfg->n_blocks; i++)
		free_block(&cfg->blocks[i]);
	free(cfg->blocks);
	free(cfg);
}

bool cfg_elem_skips(const struct cfg_elem *elem, CXCursor c)
{
	unsigned i;

	for (i = 0; i < elem->n_skip; i++)
		if (clang_equalCursors(elem->skip[i], c))
			return true;
	return false;
}
