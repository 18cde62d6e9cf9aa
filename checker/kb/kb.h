/* kb.h - the DDI knowledge base: every fact ddilint knows about a DDI.
 *
 * The data lives in rules/ddi-kb.json (format: docs/knowledge-base.md, schema:
 * rules/ddi-kb.schema.json) and is embedded in the binary at build time. This
 * module parses it with cJSON into read-only C structures and answers
 * queries by name: every spelling of a DDI (macro, f-prefixed export, alias)
 * resolves to one entry. Nothing here knows any DDI by name.
 */
#ifndef KB_H
#define KB_H

#include "../ddl.h"

#include <stdbool.h>

/* IRQL levels as the engines compare them; DIRQL stands for "some device IRQL". */
enum kb_irql {
	KB_IRQL_NONE = -1, /* no bound stated */
	KB_IRQL_PASSIVE = 0,
	KB_IRQL_APC = 1,
	KB_IRQL_DISPATCH = 2,
	KB_IRQL_DIRQL = 3,
	KB_IRQL_HIGH = 4,
};

const char *kb_irql_name(enum kb_irql level); /* "DISPATCH_LEVEL", ... */

enum kb_tri { KB_FALSE = 0, KB_TRUE = 1, KB_UNKNOWN = 2 };

/* A condition on one argument of a call, e.g. "argument 2 == UserMode". */
enum kb_cond_op { KB_OP_EQ, KB_OP_NE, KB_OP_HAS_FLAG, KB_OP_LACKS_FLAG };

struct kb_cond {
	unsigned arg;            /* 1-based argument index; 0 = no condition */
	enum kb_cond_op op;
	long long value;
	const char *value_name;  /* the constant's name as written in the KB, or NULL */
	bool unknown_holds;      /* what to assume when the argument is not a constant */
};

/* Evaluate C for an argument whose value is VALUE when KNOWN. */
enum kb_tri kb_cond_eval(const struct kb_cond *c, bool known, long long value);

/* Human text for C, e.g. "AccessMode is UserMode" needs the parameter name,
 * so this gives "argument 2 is UserMode". Writes into BUF. */
const char *kb_cond_describe(const struct kb_cond *c, char *buf, unsigned size);

enum kb_raise_kind { KB_RAISES_NEVER, KB_RAISES_ALWAYS, KB_RAISES_WHEN };

struct kb_irql_when {
	struct kb_cond cond;
	enum kb_irql max;
};

/* Acquire/release pairs (docs/knowledge-base.md, "Resources"). */
enum kb_res_where {
	KB_RES_NONE,      /* not given */
	KB_RES_RETURN,    /* the call's result */
	KB_RES_ARG,       /* argument ARG as passed */
	KB_RES_ARG_DEREF, /* what argument ARG points to (an out-parameter) */
	KB_RES_GLOBAL,    /* one process-wide resource (the cancel spin lock) */
};

struct kb_res {
	enum kb_res_where where;
	unsigned arg;            /* 1-based, for KB_RES_ARG and KB_RES_ARG_DEREF */
};

/* Who holds an acquired resource (see the schema's "owner"). */
enum kb_owner { KB_OWNER_VALUE, KB_OWNER_OBJECT, KB_OWNER_FUNCTION };

/* What failure looks like; after a failure nothing is held. */
enum kb_fails { KB_FAILS_NEVER, KB_FAILS_NULL, KB_FAILS_NT_ERROR, KB_FAILS_FALSE, KB_FAILS_RAISES };

struct kb_acquire {
	const struct kb_ddi *ddi;   /* the acquiring DDI (back pointer) */
	const char *kind;           /* "pool allocation", "spin lock", ...; shared with its releases */
	enum kb_owner owner;
	struct kb_res resource;
	struct kb_res key;          /* the lock a lock handle belongs to, or KB_RES_NONE */
	enum kb_fails fails;
	struct kb_cond fails_when;    /* arg 0: fails as FAILS says whenever it fails */
	struct kb_cond acquired_when; /* arg 0: always acquires */
	struct kb_cond escapes_when;  /* arg 0: never hands the resource on itself */
	bool needs_release;
	bool handoff;               /* a routine may leave it to a callback it registers */
	const char *release;        /* the DDI named in messages as its release, or NULL */
	const struct kb_ddi *release_hint; /* ... its entry */
};

struct kb_release {
	const char *kind;
	struct kb_res resource;
	const struct kb_ddi *const *of; /* the acquiring DDIs it undoes, n_of of them */
	unsigned n_of;
	bool frees;                 /* the pointer or handle is invalid afterwards */
};

struct kb_unheld {                  /* after the call nothing of KIND is held on RESOURCE */
	const char *kind;
	struct kb_res resource;
};

struct kb_ddi {
	const char *name;          /* canonical name */
	const char *const *names;  /* other spellings (macros, Kf/Iof/Obf exports), n_names of them */
	unsigned n_names;
	const char *header;        /* "wdm", "ntddk", "storport", ... */
	const char *doc;           /* docs page URL; every entry has one */

	bool obsolete;
	const char *replacement;          /* WDM replacement, may be NULL */
	const char *storport_replacement; /* advice for a Storport miniport, may be NULL */
	const char *obsolete_note;        /* why / since when, may be NULL */
	const char *fix_call;             /* obsolete.fix.call: the replacement call, $N = argument N as written; may be NULL */
	const char *fix_note;             /* obsolete.fix.note: what the new call needs (a NULL check); may be NULL */

	bool storport_prohibited;  /* a Storport miniport must not call it */
	bool storport_sdv_listed;  /* ... and the SDV rule HwStorPortProhibitedDDIs lists it */
	bool storport_entry;       /* calling it makes a file a Storport miniport */
	bool noreturn;             /* the call never returns (bug check, thread exit, raise) */

	enum kb_raise_kind raises;
	struct kb_cond raise_cond; /* for KB_RAISES_WHEN */
	const char *raise_note;    /* what raises and why, may be NULL */
	bool raise_handled_by_caller; /* a calling convention: the top-level dispatch handles it */

	enum kb_irql irql_max;     /* envelope, KB_IRQL_NONE if none */
	enum kb_irql irql_min;
	const struct kb_irql_when *irql_when; /* tighter bounds under conditions */
	unsigned n_irql_when;
	const struct kb_irql_change *irql_change; /* how the call changes the IRQL, or NULL (kb_irql.c) */

	const struct kb_acquire *acquires; /* n_acquires of them */
	unsigned n_acquires;
	const struct kb_release *releases; /* n_releases of them */
	unsigned n_releases;
	const struct kb_unheld *unheld;    /* n_unheld of them */
	unsigned n_unheld;
	unsigned long nonnull;     /* bit N-1 set: argument N must not be NULL */
	unsigned long keeps;       /* bit N-1 set: the DDI keeps a pointer to argument N */
};

struct kb;

/* Parse the knowledge base from TEXT (JSON). ORIGIN names it in errors.
 * Returns a new KB owned by the caller (free with kb_free), or NULL with ERR filled in. */
struct kb *kb_load_text(const char *text, const char *origin, struct ddl_error *err);

/* The knowledge base embedded at build time. Same ownership as kb_load_text. */
struct kb *kb_load_embedded(struct ddl_error *err);

void kb_free(struct kb *kb);

/* Entry for NAME in any of its spellings, or NULL. Borrowed, valid until kb_free. */
const struct kb_ddi *kb_lookup(const struct kb *kb, const char *name);

/* Is BASENAME (e.g. "storport.h") a header whose inclusion makes a file a
 * Storport miniport (KB key "storport_headers")? */
bool kb_is_storport_header(const struct kb *kb, const char *basename);

/* Does release R undo what acquire A acquired (same kind, A's DDI in R's "of")? */
bool kb_release_matches(const struct kb_release *r, const struct kb_acquire *a);

/* --- IRQL changes and callback roles (kb_irql.c; docs/knowledge-base.md) --- */

enum kb_slot_kind { KB_SLOT_NONE, KB_SLOT_ARG, KB_SLOT_RETURN };

/* A place that holds an IRQL: argument ARG as passed, or (DEREF) the place
 * it points to, optionally member FIELD of that place; or the call's result. */
struct kb_slot {
	enum kb_slot_kind kind;
	unsigned arg;            /* 1-based, KB_SLOT_ARG */
	bool deref;
	const char *field;       /* or NULL */
};

struct kb_irql_to_when {
	struct kb_cond cond;
	enum kb_irql to;
};

/* How a call changes the IRQL. */
struct kb_irql_change {
	enum kb_irql to;         /* the IRQL after the call, KB_IRQL_NONE if not a fixed level */
	unsigned to_arg;         /* ... or the value of this argument (1-based, 0 = none) */
	const struct kb_irql_to_when *to_when; /* another target when a condition holds (first wins) */
	unsigned n_to_when;
	struct kb_slot restore;  /* the IRQL after the call is the value held here */
	struct kb_slot save;     /* where the IRQL before the call is kept */
	struct kb_slot record;   /* the current IRQL is remembered here, unchanged */
	struct kb_slot match;    /* the current IRQL must equal the one remembered here */
	struct kb_cond cond;     /* the change happens only when this holds (arg 0: always) */
	bool until_wait;         /* lasts only until the next wait: for pageable code only */
	bool if_true;            /* happens only when the call returns nonzero (a try-acquire) */
	bool raise_only;         /* must not lower the IRQL */
	const char *holds;       /* "spin lock", "fast mutex", ... for messages, or NULL */
};

enum kb_reg_kind { KB_REG_ARG, KB_REG_FIELD, KB_REG_EXPORT };

struct kb_role;

/* One way a routine gets a role. */
struct kb_reg {
	enum kb_reg_kind kind;
	const struct kb_role *role;  /* back pointer */
	const struct kb_ddi *ddi;    /* KB_REG_ARG: the registering DDI ... */
	unsigned arg;                /* ... and its argument that holds the routine */
	struct kb_cond cond;         /* KB_REG_ARG: only when this holds (arg 0: always) */
	const char *record, *field;  /* KB_REG_FIELD: a store into RECORD (struct tag) . FIELD */
	const char *name;            /* KB_REG_EXPORT: the routine's name */
};

/* A callback type and the IRQL its routines are entered at. */
struct kb_role {
	const char *name;
	enum kb_irql irql;
	const char *doc;
	const struct kb_reg *regs;   /* n_regs of them */
	unsigned n_regs;
	struct kb_slot exit_restores; /* it returns at the IRQL held here (a parameter), not at entry */
};

/* The role named NAME (a typedef name such as KDEFERRED_ROUTINE), or NULL. Borrowed. */
const struct kb_role *kb_role_lookup(const struct kb *kb, const char *name);
unsigned kb_role_count(const struct kb *kb);
const struct kb_role *kb_role_get(const struct kb *kb, unsigned i);
/* Every registration of every role, for the engines to index. Borrowed. */
unsigned kb_reg_count(const struct kb *kb);
const struct kb_reg *kb_reg_get(const struct kb *kb, unsigned i);

unsigned kb_count(const struct kb *kb);
const struct kb_ddi *kb_get(const struct kb *kb, unsigned i);

#endif
