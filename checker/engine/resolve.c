/* resolve.c - from a CallExpr to its knowledge-base entry.
 *
 * A call is matched by the name written at the call site before the callee
 * after expansion: KeAcquireSpinLock expands to KeAcquireSpinLockRaiseToDpc,
 * MmGetSystemAddressForMdlSafe to a conditional around
 * MmMapLockedPagesSpecifyCache, and the driver means the written one. A driver
 * macro that wraps a header macro (#define LOCK(x) KeAcquireSpinLock(...)) is
 * traced through the TU's #defines to the DDI spelling inside it. This file
 * only answers "which DDI"; what to do with it is the engines' business.
 */
#include "resolve.h"
#include "../frontend/fe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One name the resolver asked fe_find_macro about, and the answer. */
struct macro_def {
	char *name;   /* owned */
	CXCursor def; /* the #define in force at the end of the TU; null cursor when none */
	bool op_done; /* eng_macro_body_op computed OP for it */
	char op[4];   /* "" when none or several */
};

struct eng_resolver {
	const struct fe_tu *tu;
	const struct kb *kb;
	const char *src;          /* main file contents (libclang's buffer) */
	size_t src_size;
	/* Every name looked up so far, found or not, so that each is asked of
	 * the frontend once: MACROS in order of first lookup, SLOTS an
	 * open-addressing hash of them (index + 1, 0 = empty). Both grow by
	 * doubling; indices stay valid, pointers into MACROS do not. */
	struct macro_def *macros;
	unsigned n_macros, cap_macros;
	unsigned *slots;
	unsigned n_slots;         /* a power of two, or 0 */
	bool nomem;
};

struct eng_resolver *eng_resolver_new(const struct fe_tu *tu, const struct kb *kb)
{
	struct eng_resolver *r = calloc(1, sizeof(*r));
	size_t size = 0;

	if (!r)
		return NULL;
	r->tu = tu;
	r->kb = kb;
	r->src = clang_getFileContents(tu->tu, tu->main_file, &size);
	r->src_size = size;
	return r;
}

void eng_resolver_free(struct eng_resolver *r)
{
	unsigned i;

	if (!r)
		return;
	for (i = 0; i < r->n_macros; i++)
		free(r->macros[i].name);
	free(r->macros);
	free(r->slots);
	free(r);
}

bool eng_resolver_nomem(const struct eng_resolver *r)
{
	return r->nomem;
}

const char *eng_resolver_source(const struct eng_resolver *r, size_t *size)
{
	*size = r->src_size;
	return r->src;
}

char *eng_ident_at(const struct eng_resolver *r, unsigned offset)
{
	size_t i = offset, n = 0;

	if (!r->src || offset >= r->src_size)
		return NULL;
	while (i + n < r->src_size) {
		char ch = r->src[i + n];

		if (!(ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (n && ch >= '0' && ch <= '9')))
			break;
		n++;
	}
	return n ? ddl_strndup(r->src + i, n) : NULL;
}

static char *cursor_name(CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	char *res = ddl_strdup(clang_getCString(s));

	clang_disposeString(s);
	return res;
}

static unsigned hash_name(const char *s)
{
	unsigned h = 2166136261u; /* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Double the hash table (or make the first one) and place every entry again. */
static bool grow_slots(struct eng_resolver *r)
{
	unsigned n = r->n_slots ? r->n_slots * 2 : 256, i;
	unsigned *ns = calloc(n, sizeof(*ns));

	if (!ns)
		return false;
	for (i = 0; i < r->n_macros; i++) {
		unsigned h = hash_name(r->macros[i].name) & (n - 1);

		while (ns[h])
			h = (h + 1) & (n - 1);
		ns[h] = i + 1;
	}
	free(r->slots);
	r->slots = ns;
	r->n_slots = n;
	return true;
}

/* The entry for NAME, looked up with fe_find_macro on first use: its index
 * in R->macros, or -1 when memory ran out. */
static long macro_entry(struct eng_resolver *r, const char *name)
{
	struct macro_def *e;
	unsigned h;

	if (r->n_slots) {
		for (h = hash_name(name) & (r->n_slots - 1); r->slots[h]; h = (h + 1) & (r->n_slots - 1))
			if (strcmp(r->macros[r->slots[h] - 1].name, name) == 0)
				return (long)r->slots[h] - 1;
	}
	/* A new name: keep the table at most half full. */
	if ((r->n_macros + 1) * 2 > r->n_slots && !grow_slots(r))
		goto nomem;
	if (r->n_macros == r->cap_macros) {
		unsigned cap = r->cap_macros ? r->cap_macros * 2 : 64;
		struct macro_def *nm = realloc(r->macros, (size_t)cap * sizeof(*nm));

		if (!nm)
			goto nomem;
		r->macros = nm;
		r->cap_macros = cap;
	}
	e = &r->macros[r->n_macros];
	memset(e, 0, sizeof(*e));
	e->name = ddl_strdup(name);
	if (!e->name)
		goto nomem;
	if (!fe_find_macro(r->tu, name, &e->def))
		e->def = clang_getNullCursor();
	for (h = hash_name(name) & (r->n_slots - 1); r->slots[h]; h = (h + 1) & (r->n_slots - 1))
		;
	r->slots[h] = ++r->n_macros;
	return (long)r->n_macros - 1;
nomem:
	r->nomem = true;
	return -1;
}

/* The entry for NAME when the TU defines it as a macro, else NULL. Valid
 * until the next lookup of a new name. */
static struct macro_def *find_macro(struct eng_resolver *r, const char *name)
{
	long i = macro_entry(r, name);

	if (i < 0 || clang_Cursor_isNull(r->macros[i].def))
		return NULL;
	return &r->macros[i];
}

bool eng_find_macro(struct eng_resolver *r, const char *name, CXCursor *def)
{
	const struct macro_def *m = find_macro(r, name);

	if (m)
		*def = m->def;
	return m != NULL;
}

/* Does macro NAME expand (within DEPTH levels) to something that mentions
 * TARGET? If HIT is given, stop at the first identifier of NAME's body that is
 * a DDI spelling expanding to TARGET and return its entry through *HIT. */
static bool macro_reaches(struct eng_resolver *r, const char *name, const char *target, unsigned depth,
			  const struct kb_ddi **hit)
{
	CXCursor def;
	CXToken *toks = NULL;
	unsigned n = 0, i;
	bool found = false;

	/* The recursion below looks up new names: keep the cursor, not the entry. */
	if (depth > 4 || !eng_find_macro(r, name, &def))
		return false;
	clang_tokenize(r->tu->tu, clang_getCursorExtent(def), &toks, &n);
	for (i = 1; i < n && !found; i++) { /* token 0 is the macro's own name */
		CXString sp;
		const char *t;

		if (clang_getTokenKind(toks[i]) != CXToken_Identifier)
			continue;
		sp = clang_getTokenSpelling(r->tu->tu, toks[i]);
		t = clang_getCString(sp);
		if (hit) {
			const struct kb_ddi *d = kb_lookup(r->kb, t);

			if (d && strcmp(t, target) != 0 && macro_reaches(r, t, target, depth + 1, NULL)) {
				*hit = d;
				found = true;
			} else if (!d && strcmp(t, name) != 0 && macro_reaches(r, t, target, depth + 1, hit)) {
				found = true;
			}
		} else if (strcmp(t, target) == 0 || (strcmp(t, name) != 0 && macro_reaches(r, t, target, depth + 1, NULL))) {
			found = true;
		}
		clang_disposeString(sp);
	}
	clang_disposeTokens(r->tu->tu, toks, n);
	return found;
}

const char *eng_macro_body_op(struct eng_resolver *r, const char *name, char *buf, size_t size)
{
	static const char *const cmp[] = { "==", "!=", "<=", ">=", "<", ">" };
	struct macro_def *m = find_macro(r, name);
	CXToken *toks = NULL;
	unsigned n = 0, i, j, found = 0, depth = 0;
	bool in_params = false;

	if (!m || size < 3)
		return NULL;
	if (m->op_done) {
		/* Asked once per macro: the answer is kept. */
		if (!m->op[0])
			return NULL;
		snprintf(buf, size, "%s", m->op);
		return buf;
	}
	clang_tokenize(r->tu->tu, clang_getCursorExtent(m->def), &toks, &n);
	for (i = 1; i < n && found < 2; i++) {
		CXString sp = clang_getTokenSpelling(r->tu->tu, toks[i]);
		const char *t = clang_getCString(sp);

		/* Skip the parameter list of a function-like macro. */
		if (i == 1 && strcmp(t, "(") == 0 && clang_Cursor_isMacroFunctionLike(m->def))
			in_params = true;
		if (in_params) {
			depth += strcmp(t, "(") == 0;
			if (strcmp(t, ")") == 0 && --depth == 0)
				in_params = false;
		} else if (clang_getTokenKind(toks[i]) == CXToken_Punctuation) {
			for (j = 0; j < sizeof(cmp) / sizeof(cmp[0]); j++)
				if (strcmp(t, cmp[j]) == 0) {
					snprintf(buf, size, "%s", cmp[j]);
					found++;
					break;
				}
		}
		clang_disposeString(sp);
	}
	clang_disposeTokens(r->tu->tu, toks, n);
	m->op_done = true;
	snprintf(m->op, sizeof(m->op), "%s", found == 1 ? buf : "");
	return found == 1 ? buf : NULL;
}

void eng_resolved_clear(struct eng_resolved *res)
{
	free(res->written);
	free(res->callee);
	res->written = res->callee = NULL;
}

bool eng_resolve_call(struct eng_resolver *r, CXCursor call, struct eng_resolved *out)
{
	CXCursor ref = clang_getCursorReferenced(call);
	CXSourceRange ext = clang_getCursorExtent(call);
	CXFile file;
	unsigned line, col, off;
	char *written;

	memset(out, 0, sizeof(*out));
	clang_getFileLocation(clang_getRangeStart(ext), &file, &line, &col, &off);
	if (!file || !clang_File_isEqual(file, r->tu->main_file))
		return false; /* a call whose written form is outside this file */
	out->loc.file = r->tu->path;
	out->loc.line = line;
	out->loc.col = col;
	out->offset = off;
	if (!clang_Cursor_isNull(ref) && clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
		out->callee = cursor_name(ref);
		if (!out->callee)
			r->nomem = true;
	}
	written = eng_ident_at(r, off);
	if (written && out->callee && strcmp(written, out->callee) != 0) {
		out->written_ddi = kb_lookup(r->kb, written);
		/* A driver macro around a DDI macro (#define LOCK(q) KeAcquireSpinLock(...)):
		 * find the DDI spelling inside it that expands to this callee. */
		if (!out->written_ddi && macro_reaches(r, written, out->callee, 0, &out->written_ddi) &&
		    out->written_ddi) {
			free(written);
			written = ddl_strdup(out->written_ddi->name);
			if (!written)
				r->nomem = true;
		}
	}
	if (out->callee)
		out->callee_ddi = kb_lookup(r->kb, out->callee);
	out->ddi = out->written_ddi ? out->written_ddi : out->callee_ddi;
	/* The name the user wrote, when it is a spelling of the DDI (a header
	 * macro); a driver macro that wraps the call is reported as the DDI. */
	if (out->written_ddi) {
		out->written = written;
	} else {
		free(written);
		out->written = out->callee ? ddl_strdup(out->callee) : NULL;
		if (out->callee && !out->written)
			r->nomem = true;
	}
	out->via_macro = out->written_ddi != NULL;
	out->args_match = out->ddi && out->ddi == out->callee_ddi;
	return true;
}
