/* irql_impl.h - the IRQL engine's internal model, shared by the files of irql/ only.
 *
 *   state.c    the lattice: sets of possible IRQLs with the site that set each,
 *              saved-IRQL slots, branch facts; the dataflow client
 *   extract.c  a parsed file into the model: one IRQL program per function
 *              (its CFG reduced to IRQL operations); args.c, register.c,
 *              facts.c help (extract.h)
 *   entry.c    what the source says about entry IRQLs: SAL, role typedefs,
 *              pageable code (PAGED_CODE, alloc_text, code_seg), registrations
 *   changes.c  what a DDI call does to the IRQL, from the knowledge base and
 *              the call's constant arguments; slot names (text.c's keys)
 *   text.c     token tables of driver files, argument texts, slot keys
 *   program.c  the program: functions of every file, linking, registrations
 *   summary.c  summaries solved bottom-up, entry IRQLs top-down
 *   check.c    the findings (explain.c: their messages and notes)
 *   irql.c     the public interface (irql.h)
 *
 * The model is independent of libclang once extracted, so that a
 * multi-file run can solve the whole program after every translation unit
 * has been freed.
 */
#ifndef IRQL_IMPL_H
#define IRQL_IMPL_H

#include "irql.h"
#include "../cfg/cfg.h"
#include "../frontend/fe.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct irql_paging;

/* --- small arena for the strings of one function or one program ------- */
struct irql_arena {
	struct irql_arena_block *head;
};
char *irql_ar_strdup(struct irql_arena *a, const char *s);
char *irql_ar_strndup(struct irql_arena *a, const char *s, size_t n);
char *irql_ar_printf(struct irql_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void *irql_ar_alloc(struct irql_arena *a, size_t size);
void irql_ar_free(struct irql_arena *a);

/* --- levels -------------------------------------------------------------
 * Bits 0..4 are the concrete levels (enum kb_irql); ENTRY is "the level the
 * function was entered at" (known or not); UNK is "some level nobody can
 * tell"; INIT(k) is "whatever slot K held when the function was entered"
 * (an IRQL a caller saved). */
#define IRQL_NLEVELS 5
typedef uint32_t ibits;
#define IB_CONC 0x1fu
#define IB_ENTRY (1u << 5)
#define IB_UNK (1u << 6)
#define IB_SLOT0 7
#define IRQL_MAX_SLOTS 24
#define IB_INIT(k) (1u << (IB_SLOT0 + (k)))
#define IB_INITS (~(ibits)0 << IB_SLOT0)

#define IRQL_MAX_SUBS 4  /* path-sensitive sub-states per program point */
#define IRQL_MAX_FACTS 6 /* branch facts per sub-state */

/* A set of possible IRQLs; PROV[l] is the op (index + 1, 0 = entry or none)
 * that set concrete level l. */
struct ival {
	ibits bits;
	uint16_t prov[IRQL_NLEVELS];
};

const char *irql_level_name(int level); /* "DISPATCH_LEVEL" */
int irql_level_of_value(long long v);   /* 2 -> DISPATCH_LEVEL, 5 -> DIRQL, 15 -> HIGH_LEVEL */
int irql_level_parse(const char *text); /* "DISPATCH_LEVEL", "2", ... or -1 */

/* --- what a function's declaration says --------------------------------- */
struct irql_decl {
	int8_t req_min, req_max;     /* _IRQL_requires_min_/max_/_IRQL_requires_ and __drv_ forms, -1 = none */
	int8_t raises;               /* _IRQL_raises_ / __drv_raisesIRQL / __drv_setsIRQL, -1 */
	int8_t always_min, always_max; /* _IRQL_always_function_min_/max_, -1 */
	bool same;                   /* _IRQL_requires_same_ / __drv_sameIRQL */
	bool says_change;            /* annotated as changing the IRQL on purpose (saves, restores, locks) */
	bool restores_global;        /* _IRQL_restores_global_ */
	uint32_t saves, restores, cancel; /* parameters (bit N-1) with _IRQL_saves_, _IRQL_restores_, _IRQL_is_cancel_ */
	const char *sal;             /* the entry requirement as written, for messages, or NULL */
	const char *raises_sal, *always_sal;
	unsigned sal_line;
	const char *sal_file;
};

enum irql_role_how { ROLE_TYPEDEF, ROLE_CLASS, ROLE_REG, ROLE_EXPORT };

struct irql_role_src {
	const struct kb_role *role;
	enum irql_role_how how;
	const char *file;            /* where the role was given */
	unsigned line, col;
	const char *by;              /* ROLE_REG: the registering DDI or member ("MajorFunction") */
	const char *in_fn;           /* ROLE_REG: the function that registers it */
	bool field;                  /* ROLE_REG: BY is a member the routine is stored into */
};

/* --- the model of one function ----------------------------------------- */
enum irql_op_kind { OP_DDI, OP_CALL, OP_SET, OP_KILL };

#define OPF_RAISE_ONLY 0x01 /* the DDI must not lower the IRQL */
#define OPF_UNTIL_WAIT 0x02 /* the change lasts until the next wait: pageable code only */
#define OPF_RECORD 0x04     /* SAVE remembers the level, the call does not change it */
#define OPF_PENDING 0x08    /* extraction: the save goes to the result's destination */
#define OPF_IF_TRUE 0x10    /* the change happens only when the call returns nonzero; VAR is its result */

#define SLOT_NONE (-1)
#define SLOT_UNTRACKED (-2) /* an expression the engine cannot follow */
#define TO_UNKNOWN (-2)      /* a raise to a level that is not a constant */

struct irql_op {
	uint8_t kind, flags;
	int8_t max, min;            /* OP_DDI bounds, -1 = none */
	int8_t to;                  /* OP_DDI: the level after the call, -1 none, TO_UNKNOWN */
	int8_t restore_const;       /* OP_DDI: restores this constant level, -1 none */
	int16_t save, restore, match; /* slot ids, SLOT_NONE or SLOT_UNTRACKED */
	uint16_t var;               /* OP_SET / OP_KILL; OPF_IF_TRUE: the variable holding the result */
	long long value;            /* OP_SET */
	const struct kb_ddi *ddi;   /* OP_DDI */
	const char *name;           /* the DDI as written, or the callee */
	const char *why;            /* the argument condition that tightened MAX ("Wait != FALSE"), or NULL */
	const char *holds;          /* "spin lock", ... */
	const char *file;
	unsigned line, col;
	/* OP_CALL */
	int callee_tu;              /* static callee: the TU it is in; -1: external linkage */
	int callee;                 /* the function in the program, -1 = not defined in the analysed files */
	const char **args;          /* canonical argument texts (an entry may be NULL), n_args of them */
	unsigned n_args;
	long long *argval;          /* constant arguments' values ... */
	uint32_t argknown;          /* ... where bit N-1 is set */
	struct irql_decl *cdecl;    /* SAL on the called declaration, or NULL */
};

enum irql_test_kind { T_NONE, T_EQ, T_NE, T_TXT_TRUE, T_TXT_FALSE };

/* What taking a CFG edge says about a tracked variable. */
struct irql_test {
	uint16_t var;
	uint8_t kind;
	long long value;            /* T_EQ/T_NE: the constant; T_TXT_*: a hash of the condition's text */
};

enum irql_slot_scope { SCOPE_LOCAL, SCOPE_PARAM, SCOPE_GLOBAL };

struct irql_slotdef {
	const char *key;            /* canonical text; a parameter N is written $N ("$2->CancelIrql") */
	uint8_t scope;
	uint8_t param;              /* SCOPE_PARAM: 1-based */
};

/* Per-call effects of a function, computed from its callee's summary before
 * each dataflow run. */
struct irql_calleff {
	uint8_t kind;               /* EFF_NONE, EFF_SUMMARY, EFF_UNKNOWN, EFF_SAL */
	int16_t *map;               /* EFF_SUMMARY: callee slot -> caller slot (SLOT_NONE = unmapped) */
	int8_t *konst;              /* EFF_SUMMARY: callee slot $N -> the level of constant argument N, or -1 */
	unsigned n_map;
	int8_t restore_const;       /* EFF_SAL: the _IRQL_restores_ argument is this constant level, -1 */
	int8_t to;                  /* EFF_SAL: _IRQL_raises_ level, -1 */
	int16_t save, restore;      /* EFF_SAL: slots of _IRQL_saves_ / _IRQL_restores_ arguments */
};
enum { EFF_NONE, EFF_SUMMARY, EFF_UNKNOWN, EFF_SAL };

struct irql_entry {
	ibits levels;               /* concrete levels it may be entered at */
	bool unknown;               /* ... and others nobody states */
	bool declared;              /* from SAL or roles, not from callers */
	struct {
		uint8_t kind;           /* ENTRY_SAL, ENTRY_ROLE, ENTRY_CALLER */
		int idx;                /* ENTRY_ROLE: index into roles; ENTRY_CALLER: caller function */
		int op;                 /* ENTRY_CALLER: the call op in the caller */
	} why[IRQL_NLEVELS];
};
enum { ENTRY_NONE, ENTRY_SAL, ENTRY_ROLE, ENTRY_CALLER };

struct irql_sum {
	bool known;                 /* analysed to a fixpoint */
	ibits exit;                 /* IRQL at return, relative to entry */
	uint16_t exit_prov[IRQL_NLEVELS];
	ibits *slot_exit;           /* per slot: the value at return (INIT(k): unchanged on some path) */
	int8_t req_max, req_min;    /* what its entry IRQL must be for its calls, -1 none */
	int req_max_op, req_min_op; /* the op that requires it, -1: the function is pageable */
	uint16_t *matches;          /* slots whose remembered IRQL must equal the entry IRQL */
	unsigned n_matches;
};

struct irql_fn {
	struct irql_arena ar;
	const char *name, *file;
	unsigned line, col;
	int tu;
	bool is_static, address_taken;
	bool ok;                    /* extracted and trusted: analysed and reported */
	struct irql_decl decl;
	bool pageable;
	const char *paged_how, *paged_file;
	unsigned paged_line, paged_col;
	unsigned n_params;
	const char **params;
	const char **locals;        /* names of its local variables (slot scopes) */
	unsigned n_locals;
	struct irql_role_src *roles;
	unsigned n_roles, cap_roles;
	struct { unsigned param; const struct kb_role *role; } *pregs; /* parameters it registers as routines */
	unsigned n_pregs;

	/* the graph: one element per op, one test per edge */
	struct cfg g;
	struct cfg_elem *elems;
	struct cfg_edge *edges;
	unsigned n_edges;
	struct irql_op *ops;
	unsigned n_ops;
	struct irql_test *tests;
	unsigned n_vars;
	struct irql_slotdef *slots;
	unsigned n_slots, cap_slots;

	/* solving */
	struct irql_sum sum;
	struct irql_entry entry;
	struct ival *op_in;         /* the IRQL at each op in the last run (bits 0 = not reached) */
	struct irql_calleff *eff;   /* per op */
	int scc, low, idx;
	bool on_stack;
};

/* A routine registered somewhere in a file: TARGET gets ROLE. */
struct irql_regsite {
	const char *target;         /* the routine's name */
	int tu;                     /* where the registration is (for a static target) */
	const struct kb_role *role;
	const char *file, *by, *in_fn;
	unsigned line, col;
	bool field;                 /* BY is a member the routine is stored into */
};

struct irql_finding {
	int tu;
	enum irql_event_kind kind;
	struct finding_loc loc;     /* file owned by the program arena */
	const char *function;
	char *message;              /* owned */
	struct finding_note *notes; /* owned, messages owned */
	unsigned n_notes;
};

struct irql_program {
	void *lock;                 /* pthread mutex */
	const struct kb *kb;
	struct irql_arena ar;
	struct irql_fn **fns;
	unsigned n_fns, cap_fns;
	char **tus;                 /* paths of the summarised units */
	unsigned n_tus;
	struct irql_regsite *regs;
	unsigned n_regs, cap_regs;
	struct irql_addr *addrs;
	unsigned n_addrs, cap_addrs;
	void *by_name;              /* while linking: the functions sorted by name (summary.c) */
	bool solved;
	struct irql_finding *findings;
	unsigned n_findings, cap_findings;
	bool nomem;
};

/* --- extract.c ---------------------------------------------------------- */
/* One unit's functions and registrations, before they join a program. */
struct irql_addr {             /* a function whose address is taken: it may be called from anywhere */
	const char *name;
	int tu;                     /* static: the unit; -1: external linkage */
};
struct irql_batch {
	struct irql_arena ar;       /* regsite strings */
	struct irql_fn **fns;
	unsigned n_fns;
	struct irql_regsite *regs;
	unsigned n_regs;
	struct irql_addr *addrs;
	unsigned n_addrs;
};
enum ddl_status irql_extract(const struct fe_tu *tu, const struct kb *kb, struct irql_batch *out);
void irql_batch_free(struct irql_batch *b);
void irql_fn_free(struct irql_fn *fn);

/* --- text.c: token tables, argument texts, slot keys --------------------- */
struct irql_tok {
	unsigned off, len;
	uint8_t kind;               /* CXTokenKind */
	const char *text;           /* into the file's buffer */
};
struct irql_file {
	CXFile file;
	const char *path;           /* clang's name */
	const char *src;
	size_t size;
	struct irql_tok *toks;
	unsigned n_toks;
	bool is_main;
	unsigned *err_offs;         /* compiler errors in this file (expansion offsets) */
	unsigned n_errs;
	struct irql_paging *paging; /* entry.c, on first use */
};
enum ddl_status irql_file_tokens(CXTranslationUnit tu, struct irql_file *f);
void irql_file_free(struct irql_file *f);
/* The index of the first token at or after OFF, or n_toks. */
unsigned irql_tok_at(const struct irql_file *f, unsigned off);
bool irql_tok_is(const struct irql_tok *t, const char *s);
/* The arguments of the call written at token I (the callee's name): token
 * ranges [beg, end) per argument into ARGS (up to MAX). Returns the count, or -1. */
int irql_call_args(const struct irql_file *f, unsigned i, unsigned (*args)[2], unsigned max);
/* The text of tokens [beg, end) without spaces, canonical (see text.c). */
char *irql_tokens_text(struct irql_arena *a, const struct irql_file *f, unsigned beg, unsigned end);
/* Slot keys (text.c): canonical text, the place *T, member F of T or *T. */
char *irql_key_canon(struct irql_arena *a, const char *t);
char *irql_key_deref(struct irql_arena *a, const char *t);
char *irql_key_member(struct irql_arena *a, const char *t, bool deref, const char *field);
/* The leading identifier of key T (after * & and parentheses), into BUF. */
const char *irql_key_base(const char *t, char *buf, size_t size);
/* KEY with its base identifier replaced by REPL ($N for a parameter, or a
 * caller's argument text), canonical. NULL if KEY has no base identifier. */
char *irql_key_rebase(struct irql_arena *a, const char *key, const char *repl);
unsigned long irql_hash(const char *s);

/* --- entry.c ------------------------------------------------------------ */
void irql_decl_init(struct irql_decl *d);
/* Read the SAL of function declaration FN (and its parameters) into D. */
void irql_decl_read(CXCursor fn, struct irql_arena *a, struct irql_decl *d);
/* The role FN is declared with (typedef name, _Function_class_), or NULL; *HOW set. */
const struct kb_role *irql_decl_role(CXCursor fn, const struct kb *kb, enum irql_role_how *how);
/* Pageable: PAGED_CODE() in the body, #pragma alloc_text(PAGE..., fn),
 * #pragma code_seg("PAGE...") regions, __declspec(code_seg("PAGE...")). */
struct irql_paging;
struct irql_paging *irql_paging_scan(const struct irql_file *f, CXTranslationUnit tu, struct irql_arena *a);
bool irql_paging_of(const struct irql_paging *pg, const struct irql_file *f, CXTranslationUnit tu, CXCursor fn,
		    const char *name, struct irql_arena *a, const char **how, unsigned *line, unsigned *col);
void irql_paging_free(struct irql_paging *pg);

/* --- changes.c ---------------------------------------------------------- */
struct irql_xctx;  /* extract.c's per-function context */
/* Fill OP (kind OP_DDI) for a call of DDI written as NAME. ARGTXT are the
 * written arguments' texts (n of them), VALUE evaluates argument I (1-based). */
struct irql_argsrc {
	unsigned n;
	const char **text;          /* canonical texts, NULL when unknown */
	bool (*value)(void *user, unsigned i, long long *v);
	const char *(*param_name)(void *user, unsigned i, char *buf, size_t size);
	void *user;
	int16_t (*slot)(void *user, const char *key); /* intern a slot key, SLOT_UNTRACKED if it cannot be tracked */
};
void irql_ddi_op(struct irql_arena *a, const struct kb_ddi *ddi, const struct irql_argsrc *args, struct irql_op *op);
/* Does KB condition C hold for these arguments? */
enum kb_tri irql_cond(const struct kb_cond *c, const struct irql_argsrc *args);

/* --- state.c ------------------------------------------------------------ */
struct irql_sub;
struct irql_solve_ctx {
	const struct irql_program *p;
	struct irql_fn *fn;
	size_t sub_size;            /* bytes of one sub-state (depends on fn->n_slots) */
	/* replay hook: called before each op with each sub-state, when set */
	void (*on_op)(void *user, const struct irql_fn *fn, unsigned op, const struct irql_sub *s);
	void (*on_exit)(void *user, const struct irql_fn *fn, const struct irql_sub *s);
	void *user;
};
struct irql_fact {
	uint16_t var;
	uint8_t kind;               /* enum irql_test_kind */
	long long value;
};
struct irql_sub {
	struct ival cur;
	uint8_t n_fact;
	struct irql_fact fact[IRQL_MAX_FACTS];
	/* followed by the slots: struct irql_slotval[fn->n_slots] */
};
struct irql_slotval {
	struct ival v;
	uint16_t save_op;           /* the op that wrote it (index + 1), 0 = not written here */
};
struct irql_slotval *irql_sub_slots(const struct irql_sub *s);
/* Run the dataflow for CTX->fn (summaries of callees as they are now).
 * Fills fn->op_in, and, when REPLAY, calls the hooks. Returns the outcome
 * through *CONVERGED; DDL_ERR_NOMEM on allocation failure. */
enum ddl_status irql_solve_fn(struct irql_solve_ctx *ctx, bool replay, bool *converged, struct irql_sub **exit_subs,
			      unsigned *n_exit);
/* Concrete levels of V, with ENTRY replaced by the function's entry levels. */
ibits irql_concrete(const struct irql_fn *fn, ibits v);

/* --- program.c ---------------------------------------------------------- */
/* Take B's functions and registrations into P (B keeps nothing). Thread-safe. */
enum ddl_status irql_program_add(struct irql_program *p, struct irql_batch *b, const char *tu_path);
/* Link calls, registrations and taken addresses. DDL_ERR_NOMEM when out of memory. */
enum ddl_status irql_link(struct irql_program *p);

/* --- summary.c ---------------------------------------------------------- */
enum ddl_status irql_solve(struct irql_program *p);
/* Effective bounds for a call op: the callee's declaration, else its summary. */
void irql_call_bounds(const struct irql_program *p, const struct irql_op *op, int *max, int *min, bool *computed);
int16_t irql_fn_slot(struct irql_fn *fn, const char *key, uint8_t scope, uint8_t param);
/* Intern KEY (canonical text, based on FN's parameter, local or a global) as a slot of FN. */
int16_t irql_fn_intern_key(struct irql_fn *fn, const char *key);

/* --- check.c ------------------------------------------------------------ */
enum ddl_status irql_check(struct irql_program *p);
void irql_findings_free(struct irql_program *p);

#endif
