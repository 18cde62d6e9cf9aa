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

unsigned kb_count(const struct kb *kb);
const struct kb_ddi *kb_get(const struct kb *kb, unsigned i);

#endif
