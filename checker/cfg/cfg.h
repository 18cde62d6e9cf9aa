/* cfg.h - one control-flow graph per function, built from libclang cursors.
 *
 * Blocks hold the elements evaluated in order (full expressions, declarations
 * with initialisers, returns, branch conditions); edges carry what the branch
 * means (true/false of a condition, a switch case, an exception into an
 * __except handler). The builder covers C as drivers write it: if/else,
 * switch with fallthrough, all loops, break/continue, goto and labels,
 * return, __try/__except/__finally/__leave, && || ?: and comma in conditions,
 * statement expressions, calls that never return. Conditions that are
 * compile-time constants (while (1), do {} while (0)) have one edge only.
 * The engines (paths/, irql/) run dataflow over it (dataflow/df.h).
 */
#ifndef CFG_H
#define CFG_H

#include "../ddl.h"

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stdio.h>

enum cfg_elem_kind {
	CFG_ELEM_EXPR,   /* an evaluated full expression or a VarDecl with an initialiser */
	CFG_ELEM_COND,   /* a branch condition (one operand of && / || counts alone);
			    it is the last element of its block, which has TRUE and FALSE edges */
	CFG_ELEM_RETURN, /* a ReturnStmt: its value (if any) is its child; the block's
			    successor is the exit (through any enclosing __finally) */
};

struct cfg_elem {
	enum cfg_elem_kind kind;
	CXCursor cursor;
	/* Sub-expressions of CURSOR that blocks of their own already evaluated:
	 * the arms of a ?: and the right operand of && / || when they call
	 * something, a statement expression. An engine walking CURSOR must not
	 * descend into them (cfg_elem_skips). Owned by the CFG; usually none. */
	const CXCursor *skip;
	unsigned n_skip;
};

enum cfg_edge_kind {
	CFG_EDGE_NORMAL,
	CFG_EDGE_TRUE,      /* COND held */
	CFG_EDGE_FALSE,     /* COND did not hold */
	CFG_EDGE_CASE,      /* switch: to a case label (CASE_VALUE) or default */
	CFG_EDGE_EXCEPTION, /* an exception raised in a __try block, to its __except handler */
};

struct cfg_edge {
	unsigned to;            /* block index */
	enum cfg_edge_kind kind;
	CXCursor cond;          /* TRUE/FALSE: the condition; CASE: the switch condition */
	long long case_value;   /* CASE, unless IS_DEFAULT */
	bool is_default;        /* CASE: the default label, or "no case matched" when
				   the switch has no default (the edge to after it) */
	long long case_high;    /* CASE: last value of a GNU range `case 1 ... 5`, else CASE_VALUE */
};

struct cfg_block {
	struct cfg_elem *elems;
	unsigned n_elems;
	struct cfg_edge *succs;
	unsigned n_succs;
	unsigned *preds;        /* block indices, each predecessor once */
	unsigned n_preds;
	unsigned try_except_depth; /* enclosing __try blocks that have an __except */
};

/* Blocks are numbered in reverse post-order from the entry (block 0, no
 * predecessors); the exit is the last block. Code no path reaches (after a
 * return, under if (0)) keeps its elements in blocks with no edges at all,
 * just before the exit. An EXCEPTION edge goes from each block that has an
 * element inside a __try with an __except (docs/engine.md). */
struct cfg {
	struct cfg_block *blocks;
	unsigned n_blocks;
	unsigned entry, exit;  /* EXIT has no elements and no successors */
	bool truncated;        /* hit CFG_MAX_BLOCKS (or 100000 elements): the engines must not report on it */
};

#define CFG_MAX_BLOCKS 20000

struct cfg_opts {
	/* Does this CallExpr never return (KeBugCheckEx, ExRaiseStatus, a
	 * __declspec(noreturn) function)? NULL = no call is noreturn. */
	bool (*is_noreturn)(void *user, CXCursor call);
	void *user;
};

/* Build the CFG of function definition FN. Returns a new CFG owned by the
 * caller (free with cfg_free), or NULL with ERR filled in (out of memory). */
struct cfg *cfg_build(CXCursor fn, const struct cfg_opts *opts, struct ddl_error *err);
void cfg_free(struct cfg *cfg);

/* Print CFG in a stable text form (for tests and --dump-cfg): one line per
 * block, format in docs/engine.md. */
void cfg_dump(const struct cfg *cfg, CXTranslationUnit tu, FILE *out);

/* Is C (a descendant of ELEM's cursor) one of the sub-expressions ELEM skips? */
bool cfg_elem_skips(const struct cfg_elem *elem, CXCursor c);

/* The operator of a BinaryOperator, CompoundAssignOperator or UnaryOperator
 * cursor ("&&", "==", "+=", "!", "++"), read from the source between its
 * operands because libclang before 17 does not expose it. NULL when it
 * cannot be read (the operator is inside a macro body). Into BUF (>= 4 bytes). */
const char *cfg_operator(CXCursor op, char *buf, size_t size);

/* The children of C, as clang_visitChildren gives them: stores the first MAX
 * into OUT and returns how many there are (the one helper the engines share
 * for reading a cursor's operands). */
unsigned cfg_kids(CXCursor c, CXCursor *out, unsigned max);

#endif
