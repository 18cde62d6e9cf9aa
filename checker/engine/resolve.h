/* resolve.h - which DDI a CallExpr is: by the name written at the call site
 * first (a header macro such as KeAcquireSpinLock or MmGetSystemAddressForMdl,
 * or a driver macro that wraps one), then by the function called after
 * expansion. Shared by the call engine (engine.c) and the path engine
 * (paths/), so that both see the same DDI at the same call.
 */
#ifndef RESOLVE_H
#define RESOLVE_H

#include "../kb/kb.h"
#include "../findings/finding.h"

#include <clang-c/Index.h>
#include <stdbool.h>

struct fe_tu;
struct eng_resolver;

/* A resolver for TU's main file. Returns a new resolver owned by the caller
 * (free with eng_resolver_free), or NULL when out of memory. TU and KB are
 * borrowed and must outlive it. */
struct eng_resolver *eng_resolver_new(const struct fe_tu *tu, const struct kb *kb);
void eng_resolver_free(struct eng_resolver *r);

/* Did the resolver run out of memory (a macro lookup then answered "none")? */
bool eng_resolver_nomem(const struct eng_resolver *r);

struct eng_resolved {
	const struct kb_ddi *ddi;     /* the entry: the written one if any, else the callee's; NULL = no DDI */
	const struct kb_ddi *written_ddi; /* entry of the written spelling, or NULL */
	const struct kb_ddi *callee_ddi;  /* entry of the function called after expansion, or NULL */
	char *written;                /* name as written (a wrapping driver macro gives the DDI's name); owned */
	char *callee;                 /* function called after expansion, or NULL; owned */
	bool via_macro;               /* WRITTEN is a header spelling that expanded to CALLEE */
	bool args_match;              /* the CallExpr's arguments are the DDI's own parameters */
	struct finding_loc loc;       /* where the call is written; FILE borrowed from the TU */
	unsigned offset;              /* byte offset of LOC in the main file */
};

/* Resolve CALL (a CallExpr). Returns false when the call is not written in
 * the main file; otherwise fills OUT (OUT->ddi may be NULL: not a DDI).
 * Free OUT's strings with eng_resolved_clear. */
bool eng_resolve_call(struct eng_resolver *r, CXCursor call, struct eng_resolved *out);
void eng_resolved_clear(struct eng_resolved *res);

/* The identifier written at OFFSET of the main file, or NULL. Owned by the caller. */
char *eng_ident_at(const struct eng_resolver *r, unsigned offset);

/* The one comparison operator ("==", ">=", ...) in the body of macro NAME
 * (NT_SUCCESS: ">="), into BUF; NULL when the macro is unknown or its body
 * has none or several. For reading a condition written as a macro. */
const char *eng_macro_body_op(struct eng_resolver *r, const char *name, char *buf, size_t size);

/* The #define of NAME in force at the end of the TU, as fe_find_macro
 * answers it (with or without a PCH), into *DEF. Each name is asked of the
 * frontend once per resolver, a missing one too. False when there is none. */
bool eng_find_macro(struct eng_resolver *r, const char *name, CXCursor *def);

/* The main file's text (libclang's buffer, borrowed) and its size. */
const char *eng_resolver_source(const struct eng_resolver *r, size_t *size);

#endif
