/* cfg_scope.c - the scope stack and the jumps that leave scopes.
 *
 * The builder keeps the enclosing loops, switches and __try statements on a
 * stack that jumps consult:
 *  - break / continue / __leave / return / goto leave scopes; every
 *    __try/__finally they leave gets a fresh copy of its __finally block on
 *    that path (the compiler runs it there), built with the scope stack cut
 *    back to just outside that __try, so a jump inside it goes where it would;
 *  - a goto's label is clang_getCursorReferenced of its LabelRef, matched
 *    by location (cfg_b_label_block); the __try blocks it leaves are those whose
 *    extent does not hold the label;
 *  - an exception in a __try with an __except goes to the handler block,
 *    which evaluates the filter first; a __try/__finally inside such a
 *    __try sends it through a copy of its __finally first (built on first
 *    need, cfg_b_landing). An exception with no handler in this function
 *    leaves it: not modelled. A filter that is the constant 0
 *    (EXCEPTION_CONTINUE_SEARCH) handles nothing.
 * The statements that only branch (if, loops, switch) are cfg_build.c's.
 */
#include "cfg_impl.h"

#include <stdlib.h>
#include <string.h>

struct cfg_scope *cfg_b_push_scope(struct cfg_builder *b, enum cfg_scope_kind kind)
{
	struct cfg_scope *s;

	if (b->n_scopes == b->cap_scopes) {
		unsigned ncap = b->cap_scopes ? b->cap_scopes * 2 : 16;
		struct cfg_scope *ns = realloc(b->scopes, ncap * sizeof(*ns));

		if (!ns) {
			b->nomem = b->stop = true;
			return NULL;
		}
		b->scopes = ns;
		b->cap_scopes = ncap;
	}
	s = &b->scopes[b->n_scopes++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->brk = s->cont = s->sw_block = s->leave = s->landing = CFG_NONE;
	s->sw_cond = s->finally_body = clang_getNullCursor();
	return s;
}

unsigned cfg_b_try_except_depth(const struct cfg_builder *b)
{
	unsigned i, d = 0;

	for (i = 0; i < b->n_scopes; i++)
		if (b->scopes[i].kind == CFG_SCOPE_TRY_EXCEPT && b->scopes[i].landing != CFG_NONE)
			d++;
	return d;
}

/* Build BODY (a __finally block) at the current point as if only the scopes
 * below LEVEL enclosed it: a jump inside it must not run its own __finally. */
static void build_at_level(struct cfg_builder *b, unsigned level, CXCursor body)
{
	unsigned saved_n = b->n_scopes, n_above = saved_n - level;
	struct cfg_scope *above = NULL;

	if (n_above) {
		above = malloc(n_above * sizeof(*above));
		if (!above) {
			b->nomem = b->stop = true;
			return;
		}
		memcpy(above, b->scopes + level, n_above * sizeof(*above));
	}
	b->n_scopes = level;
	cfg_b_stmt(b, body);
	/* The scopes pushed meanwhile were popped again: the array has room. */
	if (n_above)
		memcpy(b->scopes + level, above, n_above * sizeof(*above));
	b->n_scopes = saved_n;
	free(above);
}

/* A copy of the __finally of scope I, entered from the current point. */
static void run_finally(struct cfg_builder *b, unsigned i)
{
	unsigned blk = cfg_b_new_block(b);

	cfg_b_goto(b, blk);
	cfg_b_start(b, blk);
	build_at_level(b, i, b->scopes[i].finally_body);
}

/* Where an exception raised at the current point goes when only the scopes
 * below LEVEL count, or NONE when no __except in this function catches it. */
unsigned cfg_b_landing(struct cfg_builder *b, unsigned level)
{
	unsigned i;

	for (i = level; i-- > 0;) {
		unsigned outer, saved_cur, blk;

		if (b->scopes[i].kind == CFG_SCOPE_TRY_EXCEPT && b->scopes[i].landing != CFG_NONE)
			return b->scopes[i].landing;
		if (b->scopes[i].kind != CFG_SCOPE_TRY_FINALLY)
			continue;
		if (b->scopes[i].landing != CFG_NONE)
			return b->scopes[i].landing;
		outer = cfg_b_landing(b, i);
		if (outer == CFG_NONE || b->stop)
			return CFG_NONE; /* unwinding out of the function: not modelled */
		/* The __finally runs during the unwind, then the handler. */
		saved_cur = b->cur;
		blk = cfg_b_new_block(b);
		b->scopes[i].landing = blk;
		cfg_b_start(b, blk);
		build_at_level(b, i, b->scopes[i].finally_body);
		cfg_b_goto(b, outer);
		b->cur = saved_cur;
		return blk;
	}
	return CFG_NONE;
}

/* Jump from the current point to TARGET in the scope at depth LEVEL,
 * running every __finally left on the way. */
void cfg_b_jump(struct cfg_builder *b, unsigned target, unsigned level)
{
	unsigned i;

	for (i = b->n_scopes; i-- > level;) {
		if (b->cur == CFG_NONE || b->stop)
			return; /* the __finally itself left (a return in it, a noreturn call) */
		if (b->scopes[i].kind == CFG_SCOPE_TRY_FINALLY)
			run_finally(b, i);
	}
	cfg_b_goto(b, target);
}

/* The innermost scope that is a loop (LOOP), a switch (SW) or a __try (TRY), or NONE. */
unsigned cfg_b_innermost(const struct cfg_builder *b, bool loop, bool sw, bool try)
{
	unsigned i;

	for (i = b->n_scopes; i-- > 0;) {
		enum cfg_scope_kind k = b->scopes[i].kind;

		if ((loop && k == CFG_SCOPE_LOOP) || (sw && k == CFG_SCOPE_SWITCH) ||
		    (try && (k == CFG_SCOPE_TRY_EXCEPT || k == CFG_SCOPE_TRY_FINALLY)))
			return i;
	}
	return CFG_NONE;
}

/* The block of LABEL (a LabelStmt). Labels are compared by location:
 * clang_getCursorReferenced of a LabelRef fakes the parent (the translation
 * unit, not the function), so clang_equalCursors never matches the LabelStmt
 * met while walking. */
unsigned cfg_b_label_block(struct cfg_builder *b, CXCursor label)
{
	CXSourceLocation loc = clang_getCursorLocation(label);
	unsigned i;

	for (i = 0; i < b->n_labels; i++)
		if (clang_equalLocations(clang_getCursorLocation(b->labels[i].stmt), loc))
			return b->labels[i].block;
	if (b->n_labels == b->cap_labels) {
		unsigned ncap = b->cap_labels ? b->cap_labels * 2 : 8;
		struct cfg_label *nl = realloc(b->labels, ncap * sizeof(*nl));

		if (!nl) {
			b->nomem = b->stop = true;
			return b->cfg->exit;
		}
		b->labels = nl;
		b->cap_labels = ncap;
	}
	b->labels[b->n_labels].stmt = label;
	b->labels[b->n_labels].block = cfg_b_new_block(b);
	return b->labels[b->n_labels++].block;
}

void cfg_b_goto_stmt(struct cfg_builder *b, CXCursor s)
{
	CXCursor k[1], label;
	CXFile file;
	unsigned off, i, level = 0;

	if (cfg_kids(s, k, 1) != 1 || clang_Cursor_isNull(label = clang_getCursorReferenced(k[0])) ||
	    clang_getCursorKind(label) != CXCursor_LabelStmt) {
		b->cur = CFG_NONE; /* broken code: the path ends */
		return;
	}
	/* The innermost __try that holds the label stays; the ones above it are left. */
	if (cfg_exp_offset(clang_getCursorLocation(label), &file, &off))
		for (i = b->n_scopes; i-- > 0;) {
			const struct cfg_scope *sc = &b->scopes[i];

			if ((sc->kind == CFG_SCOPE_TRY_EXCEPT || sc->kind == CFG_SCOPE_TRY_FINALLY) && sc->file &&
			    clang_File_isEqual(sc->file, file) && off >= sc->begin && off < sc->end) {
				level = i + 1;
				break;
			}
		}
	cfg_b_jump(b, cfg_b_label_block(b, label), level);
}

static void set_extent(struct cfg_scope *sc, CXCursor c)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXFile f2;

	if (!cfg_exp_offset(clang_getRangeStart(r), &sc->file, &sc->begin) ||
	    !cfg_exp_offset(clang_getRangeEnd(r), &f2, &sc->end))
		sc->file = NULL;
}

void cfg_b_try_stmt(struct cfg_builder *b, CXCursor s)
{
	CXCursor k[2], h[2];
	unsigned after, body, handler = CFG_NONE, level;
	struct cfg_scope *sc;
	long long v;

	if (cfg_kids(s, k, 2) != 2) {
		b->cur = CFG_NONE;
		return;
	}
	if (clang_getCursorKind(k[1]) == CXCursor_SEHFinallyStmt) {
		if (cfg_kids(k[1], h, 1) != 1)
			return;
		after = cfg_b_new_block(b); /* the normal (and __leave) copy of the __finally */
		level = b->n_scopes;
		if (!(sc = cfg_b_push_scope(b, CFG_SCOPE_TRY_FINALLY)))
			return;
		sc->leave = after;
		sc->finally_body = h[0];
		set_extent(sc, k[0]);
		body = cfg_b_new_block(b);
		cfg_b_goto(b, body);
		cfg_b_start(b, body);
		cfg_b_stmt(b, k[0]);
		cfg_b_goto(b, after);
		b->n_scopes = level;
		cfg_b_start(b, after);
		cfg_b_stmt(b, h[0]);
		return;
	}
	if (cfg_kids(k[1], h, 2) != 2)
		return;
	after = cfg_b_new_block(b);
	/* __except (EXCEPTION_CONTINUE_SEARCH) handles nothing; __except
	 * (EXCEPTION_EXECUTE_HANDLER) needs no element for its filter. */
	if (!(cfg_eval_int(h[0], &v) && v == 0 && !cfg_has_effects(h[0])))
		handler = cfg_b_new_block(b);
	level = b->n_scopes;
	if (!(sc = cfg_b_push_scope(b, CFG_SCOPE_TRY_EXCEPT)))
		return;
	sc->leave = after;
	sc->landing = handler;
	set_extent(sc, k[0]);
	body = cfg_b_new_block(b);
	cfg_b_goto(b, body);
	cfg_b_start(b, body);
	cfg_b_stmt(b, k[0]);
	cfg_b_goto(b, after);
	b->n_scopes = level;
	if (handler != CFG_NONE) {
		cfg_b_start(b, handler);
		if (!cfg_eval_int(h[0], &v) || cfg_has_effects(h[0]))
			cfg_b_value(b, h[0], h[0], CFG_ELEM_EXPR, true);
		cfg_b_stmt(b, h[1]);
		cfg_b_goto(b, after);
	}
	cfg_b_start(b, after);
}
