/* cfg_impl.h - the CFG builder's state, shared by the files of cfg/ only.
 *
 *   cfg.c        block storage, the final pass (forwarding, renumbering, preds), free
 *   cfg_build.c  statements: if, loops, switch, the walk, cfg_build()
 *   cfg_scope.c  the scope stack: break, continue, goto, return, __leave, __try
 *   cfg_expr.c   expressions: conditions (&& || ! ?: ,), splitting ?: and && || with
 *                calls out of full expressions, constants, operators from the source
 *   cfg_dump.c   the text form
 *
 * While building, a block index stays valid but a struct cfg_block pointer
 * does not (the array grows, finally copies are built on demand): code here
 * keeps indices across calls, never pointers.
 */
#ifndef CFG_IMPL_H
#define CFG_IMPL_H

#include "cfg.h"

#define CFG_NONE ((unsigned)-1)

/* Elements in all, a second bound besides CFG_MAX_BLOCKS: a long __finally
 * without branches copied onto many exits makes few blocks but many elements. */
#define CFG_MAX_ELEMS 100000

enum cfg_scope_kind {
	CFG_SCOPE_LOOP,
	CFG_SCOPE_SWITCH,
	CFG_SCOPE_TRY_EXCEPT,
	CFG_SCOPE_TRY_FINALLY,
};

/* One enclosing statement that a jump has to know about. */
struct cfg_scope {
	enum cfg_scope_kind kind;
	unsigned brk;          /* LOOP, SWITCH: where break goes */
	unsigned cont;         /* LOOP: where continue goes */
	unsigned sw_block;     /* SWITCH: the block that holds the condition */
	CXCursor sw_cond;      /* SWITCH */
	bool has_default;      /* SWITCH */
	unsigned leave;        /* TRY_*: where __leave goes */
	/* TRY_EXCEPT: the handler's entry block, NONE when the filter is the
	 * constant EXCEPTION_CONTINUE_SEARCH (it handles nothing).
	 * TRY_FINALLY: a copy of the __finally block that runs on the way to
	 * an enclosing handler, built the first time a block needs it. */
	unsigned landing;
	CXCursor finally_body; /* TRY_FINALLY: the compound statement to copy */
	CXFile file;           /* TRY_*: the __try block's extent (expansion offsets), */
	unsigned begin, end;   /*        to tell whether a goto leaves it */
};

/* Builder-only facts about a block. */
struct cfg_bextra {
	unsigned cap_elems, cap_succs;
	unsigned landing;      /* exception edge target, CFG_NONE = none */
	bool landed;           /* LANDING computed (at the block's first element) */
};

struct cfg_label {
	CXCursor stmt;         /* the LabelStmt */
	unsigned block;
};

struct cfg_builder {
	struct cfg *cfg;
	struct cfg_bextra *extra;     /* parallel to cfg->blocks */
	unsigned cap_blocks;
	const struct cfg_opts *opts;  /* borrowed; never NULL (a zeroed default) */
	CXTranslationUnit tu;
	unsigned cur;                 /* block receiving elements; NONE = not reachable here */
	struct cfg_scope *scopes;
	unsigned n_scopes, cap_scopes;
	struct cfg_label *labels;
	unsigned n_labels, cap_labels;
	unsigned n_elems;             /* in all blocks, against CFG_MAX_ELEMS */
	bool nomem;
	bool stop;                    /* out of memory or truncated: build nothing more */
};

/* cfg.c: blocks and edges. */
unsigned cfg_b_new_block(struct cfg_builder *b);
void cfg_b_start(struct cfg_builder *b, unsigned blk);
void cfg_b_ensure(struct cfg_builder *b);
void cfg_b_edge(struct cfg_builder *b, unsigned from, unsigned to, enum cfg_edge_kind kind, CXCursor cond);
void cfg_b_case_edge(struct cfg_builder *b, unsigned from, unsigned to, CXCursor cond, long long lo,
		     long long hi, bool is_default);
void cfg_b_goto(struct cfg_builder *b, unsigned to);
void cfg_b_elem(struct cfg_builder *b, enum cfg_elem_kind kind, CXCursor c, const CXCursor *skip,
		unsigned n_skip);
void cfg_b_finish(struct cfg_builder *b);

/* cfg_build.c: statements. */
void cfg_b_stmt(struct cfg_builder *b, CXCursor s);

/* cfg_scope.c: the scope stack, jumps, labels, __try. */
struct cfg_scope *cfg_b_push_scope(struct cfg_builder *b, enum cfg_scope_kind kind);
unsigned cfg_b_innermost(const struct cfg_builder *b, bool loop, bool sw, bool try);
/* Jump from the current point to TARGET in the scope at depth LEVEL, running
 * every __finally left on the way. */
void cfg_b_jump(struct cfg_builder *b, unsigned target, unsigned level);
unsigned cfg_b_label_block(struct cfg_builder *b, CXCursor label);
void cfg_b_goto_stmt(struct cfg_builder *b, CXCursor s);
void cfg_b_try_stmt(struct cfg_builder *b, CXCursor s);
unsigned cfg_b_landing(struct cfg_builder *b, unsigned level);
unsigned cfg_b_try_except_depth(const struct cfg_builder *b);

/* cfg_expr.c: expressions. */
void cfg_b_cond(struct cfg_builder *b, CXCursor e, unsigned t, unsigned f);
/* Emit ELEM (an EXPR or RETURN element whose evaluated expression is ROOT,
 * which may be ELEM itself or null) after the blocks for what ROOT has to
 * branch over. ALWAYS: emit ELEM even when all of ROOT got blocks of its own. */
void cfg_b_value(struct cfg_builder *b, CXCursor elem, CXCursor root, enum cfg_elem_kind kind, bool always);
CXCursor cfg_strip(CXCursor c);
bool cfg_eval_int(CXCursor c, long long *v);
bool cfg_has_effects(CXCursor c);
bool cfg_exp_offset(CXSourceLocation loc, CXFile *file, unsigned *off);

#endif
