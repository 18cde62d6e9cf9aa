/* paths_impl.h - the path engine's internals, shared by the files of paths/ only.
 *
 *   paths.c      the driver: every function of the file, bottom-up over the call graph
 *   expr.c       expressions: operators, constants, keys (which storage an expression names),
 *                what a branch condition tests
 *   resources.c  a call's meaning: knowledge-base pairs (acquire / release / unheld /
 *                nonnull) or a summary of a function of this file, with concrete keys
 *   state.c      the abstract state (a bounded set of sub-states, each a set of tracked
 *                resources and integer facts), join, widening, refinement along edges
 *   transfer.c   one CFG element: evaluation order, assignments, escapes, calls, returns
 *   summary.c    what a function of this file does to its parameters and its result
 *   report.c     events with their paths (notes), de-duplicated
 *
 * Bounds (docs/paths.md): hitting one makes the function report nothing,
 * never something wrong. Every bound is here.
 */
#ifndef PATHS_IMPL_H
#define PATHS_IMPL_H

#include "paths.h"
#include "../cfg/cfg.h"
#include "../dataflow/df.h"
#include "../engine/resolve.h"

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

#define PATHS_MAX_SUBSTATES 16   /* sub-states (path classes) kept apart per program point */
#define PATHS_MAX_RECORDS 24     /* tracked resources per sub-state; more are not tracked */
#define PATHS_MAX_FACTS 12       /* integer facts (flags, status values) per sub-state */
#define PATHS_MAX_ESCAPED 8      /* escaped variables remembered per sub-state */
#define PATHS_MAX_TRAIL 16       /* last branch steps remembered per sub-state */
#define PATHS_MAX_KEYS 8192      /* distinct keys per function */
#define PATHS_MAX_SITES 16384    /* acquire/release/branch/exit sites per function */
#define PATHS_MAX_WORK 2000000u  /* sub-state transfers per function (time) */
#define PATHS_MAX_LIVE 40000u    /* live sub-states per function (memory, about 1 KB each) */
#define PATHS_MAX_BLOCKS 12000u  /* CFG blocks per function */
#define PATHS_SCC_ROUNDS 3       /* passes over a recursive group of functions */
#define PATHS_MAX_DECISIONS 4    /* ?: / && / || tests inside one element followed both ways (2^N runs) */

/* ---- keys: which storage an expression names (expr.c) ------------------------ */

/* A key is an interned string: prefix chars ('&' address of, '*' contents of),
 * a root variable, then a path of ".field", "->field" and "[index]", in the
 * one spelling of each storage ((&x)->f is x.f, (*p).f is p->f). "@N" keys
 * name a call's result before it is stored anywhere; "#kind" a global
 * resource. Key 0 is "no key". */
typedef unsigned short pkey;

enum root_kind {
	ROOT_NONE,
	ROOT_LOCAL,   /* a local variable (automatic storage) */
	ROOT_PARAM,   /* a parameter */
	ROOT_GLOBAL,  /* file scope or static storage */
	ROOT_PSEUDO,  /* "@N" / "#kind" */
};

struct key_info {
	char *text;            /* owned */
	pkey root;             /* key of the root variable (itself for a root) */
	enum root_kind kind;   /* of the root */
	unsigned param;        /* 1-based parameter index for ROOT_PARAM */
	bool is_root;          /* the key is a bare variable */
	bool is_int;           /* a bare variable of integer type (facts apply) */
	bool tested;           /* a bare variable that some condition of the function tests */
	bool is_ptr;           /* a bare variable of pointer type */
	bool released;         /* some release in the function names this key */
	bool watch_escape;     /* a root whose escape is remembered: a parameter (summaries), or the
				  variable of an object some call here references or locks */
};

struct keytab {
	struct key_info *k;    /* k[0] unused */
	unsigned n, cap;
	unsigned *hash;        /* open addressing: key index or 0 */
	unsigned n_hash;
	bool full;             /* PATHS_MAX_KEYS reached */
};

void keytab_init(struct keytab *t);
void keytab_free(struct keytab *t);
/* The key for TEXT (interned; 0 when the table is full or out of memory). */
pkey key_intern(struct keytab *t, const char *text);
const char *key_text(const struct keytab *t, pkey k);
pkey key_root(const struct keytab *t, pkey k);
pkey key_member(struct keytab *t, pkey base, const char *field, bool arrow);
pkey key_index(struct keytab *t, pkey base, const char *index);
pkey key_deref(struct keytab *t, pkey base);
pkey key_addr(struct keytab *t, pkey base);
/* KEY as a C expression for messages ("&Ext->Lock"), into BUF. */
const char *key_display(const struct keytab *t, pkey k, char *buf, size_t size);
/* The key TEMPLATE ("&$1.Lock") with $N replaced by ARGS[N-1] (0 when it cannot be built). */
pkey key_subst(struct keytab *t, const char *tmpl, const pkey *args, unsigned n_args);
/* KEY as a template over the parameters of the function (owned by the caller),
 * or NULL when its root is not a parameter or a global. */
char *key_template(const struct keytab *t, pkey k);

/* ---- expressions (expr.c) ----------------------------------------------------- */

struct pfunc;

CXCursor px_strip(CXCursor c);                       /* parentheses, implicit and explicit casts */
/* The operator of a Binary/CompoundAssign/UnaryOperator ("=", "&", "*", "->"...), also
 * inside macro arguments and, for & and *, from the types; NULL when unknown. */
const char *px_operator(struct pfunc *f, CXCursor op, char *buf, size_t size);
bool px_int_const(CXCursor c, long long *v);         /* an integer constant expression */
bool px_null_const(CXCursor c);                      /* a null pointer constant */
bool px_is_pointer(CXType t);
bool px_is_integer(CXType t);
/* The key of parameter INDEX (1-based) of F, PARM (set up before anything else asks for keys). */
pkey px_param_key(struct pfunc *f, CXCursor parm, unsigned index);
/* The key of the variable a VarDecl declares. */
pkey px_decl_key(struct pfunc *f, CXCursor decl);
/* The key of an lvalue-ish expression (a variable, a field path, *p, &x), or 0. */
pkey px_key(struct pfunc *f, CXCursor e);
/* Byte offset of C's expansion start in the main file (0 outside it). */
unsigned px_offset(struct pfunc *f, CXCursor c);
void px_loc(struct pfunc *f, CXCursor c, struct finding_loc *loc);
/* The source text of C in the main file, blanks collapsed, into BUF ("" when not there). */
const char *px_text(struct pfunc *f, CXCursor c, char *buf, size_t size);

/* What a branch condition tests. */
enum test_kind {
	TEST_NONE,     /* nothing understood */
	TEST_TRUTH,    /* SUBJECT != 0 / != NULL */
	TEST_NULL,     /* SUBJECT == NULL */
	TEST_NTSUCC,   /* NT_SUCCESS(SUBJECT), i.e. (int32)SUBJECT >= 0 */
	TEST_EQ,       /* SUBJECT == VALUE */
	TEST_LT,       /* SUBJECT < VALUE */
	TEST_GT,       /* SUBJECT > VALUE */
	TEST_ADDR,     /* SUBJECT == the address of some object (never a fresh allocation) */
	TEST_ABNORMAL, /* AbnormalTermination(): an exception is leaving the __try */
};

struct cond_test {
	enum test_kind kind;
	pkey subject;          /* a variable's key, or a call's "@N" */
	long long value;
	bool negate;           /* the test is the negation of KIND */
	bool subject_pointer;
};

void px_cond_test(struct pfunc *f, CXCursor cond, struct cond_test *out);
/* Is C a call of SAL's _Analysis_assume_(COND) (the author tells analysis tools COND holds)? */
bool px_assumption(CXCursor c, CXCursor *cond);

/* ---- sites: where things happen (report.c) ------------------------------------ */

enum site_kind { SITE_CALL, SITE_BRANCH, SITE_RETURN, SITE_ASSIGN, SITE_END };

struct site {
	enum site_kind kind;
	struct finding_loc loc;     /* file borrowed from the TU */
	const struct kb_ddi *ddi;   /* SITE_CALL: the DDI called (or the DDI behind a helper) */
	const char *via;            /* SITE_CALL through a function of this file: its name (borrowed) */
	char *text;                 /* the resource as written; owned, may be NULL */
	char *name;                 /* SITE_CALL: the callee as written; owned, may be NULL */
	unsigned offset;            /* byte offset in the main file (identity) */
	unsigned detail;            /* SITE_BRANCH: edge kind and value, to tell branches apart */
};

unsigned site_add(struct pfunc *f, enum site_kind kind, CXCursor c, unsigned detail);
const struct site *site_get(const struct pfunc *f, unsigned i);

/* ---- records and sub-states (state.c) ------------------------------------------ */

enum rstate {
	R_NONE,      /* nothing held: the acquisition failed, or the variable is NULL */
	R_MAYBE,     /* acquired unless the call failed, and nothing tested it yet */
	R_HELD,
	R_RELEASED,
};

#define RF_LOSSY      0x01  /* joined from paths that disagree: report nothing about it */
#define RF_NULL_KNOWN 0x02  /* R_NONE because the variable is NULL */
#define RF_TESTED     0x04  /* R_NONE, and a test of the variable since then */
#define RF_NULL_FAIL  0x08  /* R_MAYBE means "may be NULL" (unchecked-result applies) */
#define RF_FREED      0x10  /* R_RELEASED by a release that frees: any later use is an error */
#define RF_RAISE_FAIL 0x20  /* fails by raising: an exception edge out of its __try undoes it */
#define RF_UNHELD     0x40  /* R_NONE because a DDI said so (MmBuildMdlForNonPagedPool) */
#define RF_RAISED     0x80  /* R_NONE because the acquiring call raised an exception */
#define RF_PARAM      0x200 /* a pointer parameter no test has looked at (kind paths_param_kind):
				R_MAYBE, then R_HELD once used as not NULL (summary: derefs) */
#define PATHS_MAX_PARAM_RECS 4  /* parameters followed that way per function */
extern const char paths_param_kind[];
#define RF_HANDED     0x100 /* stored elsewhere (ext->p = p): someone else's, never a leak nor a release;
				only whether the variable may be NULL is still followed */

struct rec {
	const struct kb_acquire *acq; /* what acquired it; NULL for a NULL variable or a bare release */
	const char *kind;             /* the resource kind (acq's, or the release's), borrowed from the KB */
	pkey key;
	pkey guard;                   /* the status variable or call result that tells success, or 0 */
	pkey tie;                     /* the object it belongs to (a mapping's MDL): it goes with it; or 0.
					 RF_HANDED: where it was stored (a test there tests it) */
	unsigned short site;          /* acquire site (or the NULL assignment, the unheld call) */
	unsigned short rel_site;      /* R_RELEASED: where */
	unsigned short seq;           /* trail sequence number when it was acquired */
	unsigned char state;          /* enum rstate */
	unsigned short flags;
};

struct fact {                         /* VAR is in [LO, HI] and, if HAS_EX, is not EX */
	pkey var;
	bool has_ex;
	long long lo, hi, ex;
};

struct step {                         /* a branch taken */
	unsigned short site;
	unsigned short seq;
};

enum ret_kind { RET_NONE, RET_NULL, RET_RESOURCE, RET_OTHER };

struct sub {
	unsigned refs;
	unsigned char n_rec, n_fact, n_esc, n_trail;
	bool esc_all;                 /* too many escaped variables to remember: all count as escaped */
	bool excepting;               /* an exception edge was taken: AbnormalTermination() may be true */
	unsigned short seq;           /* branch steps taken so far */
	unsigned short exit_site;     /* the return that ended this path (0: the closing brace) */
	unsigned char ret;            /* enum ret_kind: what the return returned */
	const struct kb_acquire *ret_acq; /* RET_RESOURCE */
	unsigned char ret_state;      /* RET_RESOURCE: enum rstate of what was returned */
	unsigned ret_site;            /* RET_RESOURCE: the acquire site behind it */
	unsigned pend_hash;           /* the value of a ?: arm evaluated in a block of its own */
	pkey pend_key;                /* ... the key holding it (0: unknown) */
	struct rec rec[PATHS_MAX_RECORDS];
	struct fact fact[PATHS_MAX_FACTS];
	pkey esc[PATHS_MAX_ESCAPED];
	struct step trail[PATHS_MAX_TRAIL]; /* ring, newest last */
};

/* The dataflow state: a set of sub-states, shared copy-on-write. N == 0 is bottom. */
struct pset {
	unsigned n;
	struct sub *s[PATHS_MAX_SUBSTATES];
};

struct sub *sub_new(struct pfunc *f);
struct sub *sub_own(struct pfunc *f, struct sub *s); /* a private copy if shared (S released) */
void sub_unref(struct pfunc *f, struct sub *s);
struct rec *sub_find(struct sub *s, pkey key, const char *kind);
struct rec *sub_add(struct pfunc *f, struct sub *s, pkey key, const char *kind); /* NULL when full */
void sub_remove(struct sub *s, struct rec *r);
void sub_sort(struct sub *s);         /* after changing a record's key */
void sub_escape_root(struct pfunc *f, struct sub *s, pkey root, bool locks_too);
bool sub_escaped(const struct sub *s, pkey root);
void sub_unescape(struct sub *s, pkey root);  /* ROOT has a new value */
struct fact *sub_fact(struct sub *s, pkey var);
void sub_set_fact(struct sub *s, pkey var, long long lo, long long hi);
void sub_set_fact_ex(struct sub *s, pkey var, long long lo, long long hi, bool has_ex, long long ex);
void sub_forget_fact(struct sub *s, pkey var);
void sub_step(struct sub *s, unsigned site);
bool sub_equal(const struct sub *a, const struct sub *b);

/* Add S (a reference is taken) to SET unless an equal one is there; merges when full. */
bool pset_add(struct pfunc *f, struct pset *set, struct sub *s);

void state_client(struct pfunc *f, struct df_client *cl);

/* ---- what a call does (resources.c) ---------------------------------------------- */

enum act_kind {
	ACT_ACQUIRE,   /* ACQ on KEY */
	ACT_RELEASE,   /* REL on KEY */
	ACT_UNHELD,    /* nothing of KIND held on KEY */
	ACT_ESCAPE,    /* the argument's variable is handed to someone else */
};

struct pcall_arg {                 /* an argument as written in the call */
	CXCursor cursor;
	bool context;              /* the callee keeps it: a parameter named like Context, ListEntry */
};

enum callee_kind { CALLEE_DDI, CALLEE_LOCAL, CALLEE_UNKNOWN };

struct psummary;

struct pcall {
	enum callee_kind callee;
	const struct kb_ddi *ddi;          /* CALLEE_DDI: the entry whose pairs apply */
	const char *name;                  /* the name to show (as written), borrowed or in RES */
	const struct psummary *sum;        /* CALLEE_LOCAL (NULL while not summarised: unknown) */
	struct eng_resolved res;           /* CALLEE_DDI: how it was resolved (strings owned) */
	unsigned n_args;
	struct pcall_arg args[32];         /* the CallExpr's arguments */
	CXCursor ddi_arg[33];              /* CALLEE_DDI: the DDI's argument N (1-based); null when unknown */
	unsigned long resource_args;       /* bit N-1: argument N is a resource of a pair (needs non-NULL) */
	bool registers_callback;           /* a function's address is an argument */
};

/* What CALL is. Returns false when the call is to be treated as unknown
 * (not written in the main file, ...). Free with pcall_clear. */
bool pcall_resolve(struct pfunc *f, CXCursor call, struct pcall *out);
void pcall_clear(struct pcall *pc);
/* The display name of the DDI that releases A, for messages. */
const char *release_name(const struct kb_acquire *a);

/* ---- summaries (summary.c) --------------------------------------------------------- */

enum eff_kind { EFF_ACQUIRE, EFF_RELEASE };

struct peffect {
	enum eff_kind kind;
	char *tmpl;                      /* key template over the parameters ("&$1.Lock"), owned */
	const struct kb_acquire *acq;    /* EFF_ACQUIRE: what it acquires */
	const char *kind_name;           /* EFF_RELEASE: the resource kind (borrowed from the KB) */
	bool frees;                      /* EFF_RELEASE: the pointer is invalid afterwards */
	bool owner_function;             /* EFF_RELEASE: a lock (an unmatched name may be an alias) */
	bool if_nonnull;                 /* EFF_RELEASE: only when the pointer is not NULL */
};

struct psummary {
	bool done;                       /* computed (else: treat calls as unknown) */
	unsigned n_params;
	unsigned long escapes;           /* bit N-1: parameter N is handed on (stored, passed on) */
	unsigned long derefs;            /* bit N-1: parameter N is dereferenced (or passed where NULL is
					    not allowed) on every path, before any test of it */
	struct peffect *eff;             /* owned, n_eff */
	unsigned n_eff;
	const struct kb_acquire *ret_acq; /* returns what this acquired, or NULL */
	bool ret_may_fail;               /* ... or NULL on some path */
	unsigned ret_site_offset;
	bool lock_annotated;             /* _Acquires_lock_ / _Releases_lock_ / ...: it means to */
	bool registers_callback;         /* it (or a function it calls) registers a callback */
	bool global_unknown;             /* takes or drops a lock on a global on some paths only */
};

void summary_clear(struct psummary *s);
/* Is (KEY, KIND) an acquisition F's summary S hands to its callers (a lock wrapper)? */
bool summary_acquires(const struct pfunc *f, const struct psummary *s, pkey key, const char *kind);
/* Derive F's summary from the states at its exit. */
enum ddl_status summary_build(struct pfunc *f, const struct pset *exit_state, struct psummary *out);

/* ---- one function's analysis ------------------------------------------------------ */

struct pfile;

struct ptry {                        /* a __try with an __except */
	unsigned body_begin, body_end;   /* offsets of the __try block */
	unsigned last_begin;             /* offset where its last statement starts */
	unsigned last_end;
};

struct pfunc {
	struct pfile *file;
	CXCursor decl;
	const char *name;                /* borrowed */
	unsigned index;                  /* in the file's function table */
	struct cfg *cfg;
	struct keytab keys;
	struct site *sites;              /* sites[0] unused */
	unsigned n_sites, cap_sites;
	unsigned *site_hash;             /* open addressing over (kind, offset, detail): site index or 0 */
	unsigned n_site_hash;
	struct ptry *tries;
	unsigned n_tries;
	pkey *params;                    /* root keys of the parameters, n_params */
	unsigned n_params;
	bool lock_annotated;
	unsigned long work;              /* sub-state transfers so far */
	unsigned long live;              /* live sub-states */
	bool gave_up;                    /* a bound was hit, or out of memory: report nothing */
	bool nomem;
	bool reporting;                  /* the pass after the fixpoint: emit events */
	unsigned end_offset;             /* the closing brace */
	/* (edge pointer -> source block), sorted by pointer, for exception edges */
	const struct cfg_edge **edge_ptr;
	unsigned *edge_src;
	unsigned n_edges;
	/* the branch site of each edge, by the same index (0 = not yet) */
	unsigned short *edge_site;
	/* what each TRUE/FALSE edge's condition tests, by the same index */
	struct cond_test *edge_test;
	bool *edge_tested;
	/* hashes of the ?: arms that blocks of their own evaluate (their value is pending) */
	unsigned *arms;
	unsigned n_arms;
	/* offsets of the conditions, sorted: a call at the same offset in another
	 * element sits under a condition inside the same driver macro */
	unsigned *cond_offs;
	unsigned n_cond_offs;
	/* offsets of the conditions of switches without a default label, sorted */
	unsigned *nodefault_offs;
	unsigned n_nodefault_offs;
	/* single-assignment locals standing for what they were set from
	 * (ext = DeviceObject->DeviceExtension): local key -> alias key */
	pkey *alias_of;          /* indexed by key, n_alias_of entries (0 = none) */
	unsigned n_alias_of;
	bool registers_callback;  /* some call here hands a function's address on */
	/* acquire sites whose lock outlived its variable (a loop over a list
	 * taking each element's lock): not followed (bool per site) */
	bool *multi_site;
	unsigned n_multi_site;
	/* what each element mentions, to skip those that cannot matter to a
	 * sub-state: elem_info[block][elem] */
	struct elem_info **elem_info;
	/* operators read so far (px_operator): cursor -> operator */
	struct opcache *ops;
	unsigned n_ops_slots, n_ops;
	/* loops whose body releases something: per block, the keys released in
	 * the body of the loop it heads (0-terminated lists), NULL if it heads none */
	pkey **loop_released;
};

/* What an element can touch: the variables it names (roots of keys). An
 * element that calls nothing and names no variable a sub-state says
 * anything about leaves that sub-state as it is. */
#define EI_MAX_ROOTS 6
struct elem_info {
	bool always;                     /* a call, an assumption, a ?: arm, or too many names */
	unsigned char n_roots;
	pkey roots[EI_MAX_ROOTS];
	bool bare[EI_MAX_ROOTS];         /* named other than as the base of p->f / p[i] / (*p) (so it may
					    be assigned, stored, or have its address taken) */
};

/* The transfer of one element (transfer.c). */
void transfer_elem(struct pfunc *f, struct pset *st, unsigned block, const struct cfg_elem *elem);
/* Refinement along an edge (state.c). */
bool state_edge(struct pfunc *f, struct pset *st, const struct cfg_edge *e);
/* Refine S with COND assumed true; false: S contradicts it (state.c). */
bool state_assume(struct pfunc *f, struct sub *s, CXCursor cond);
/* Refine S with COND assumed to hold (HOLDS) or not; false: S contradicts it (state.c). */
bool state_assume_outcome(struct pfunc *f, struct sub *s, CXCursor cond, bool holds);
/* Do A and B hold the same records (facts aside)? */
bool sub_same_records(const struct sub *a, const struct sub *b);

/* ---- the file (paths.c) ------------------------------------------------------------ */

struct pfn_entry {
	CXCursor decl;
	char *name;                      /* owned */
	bool called;                     /* another function of the file calls it */
	struct psummary sum;
};

struct pfile {
	const struct fe_tu *tu;
	const struct kb *kb;
	struct eng_resolver *res;
	struct pfn_entry *fns;
	unsigned n_fns;
	const char *src;                 /* main file contents */
	size_t src_size;
	struct report *rep;              /* events collected for the function being analysed */
};

/* The function of this file that DECL declares, or -1. */
int pfile_fn_index(const struct pfile *pf, CXCursor decl);

/* ---- events (report.c) --------------------------------------------------------------- */

struct report;

struct report *report_new(void);
void report_free(struct report *r);
/* Drop the events collected so far (a pass whose results are not final). */
void report_reset(struct report *r);
/* Record an event (deduplicated by KIND and PRIMARY site and KEY). S gives the path. */
void report_missing(struct pfunc *f, const struct sub *s, const struct rec *r, unsigned exit_site,
		    const char *how);
enum unmatched_kind {
	UM_NOT_HELD,          /* released while nothing is held */
	UM_DOUBLE,            /* released again */
	UM_USE_AFTER_FREE,    /* used after a release that frees */
};
void report_unmatched(struct pfunc *f, const struct sub *s, const struct rec *r, unsigned site,
		      enum unmatched_kind what, const char *use);
void report_unchecked(struct pfunc *f, const struct sub *s, const struct rec *r, unsigned site,
		      const char *use);
/* Hand every collected event to FN. */
void report_flush(struct report *r, path_event_fn fn, void *user);
bool report_nomem(const struct report *r);

#endif
