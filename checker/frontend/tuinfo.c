/* tuinfo.c - what a TU defines and includes, the same whether it was parsed
 * against a PCH or not (fe_find_macro, fe_inclusions in fe.h).
 *
 * A plain TU holds everything: its macro table is every MacroDefinition
 * cursor a visit of the TU meets, and clang_getInclusions lists every file.
 * A TU parsed against a PCH is visited through an index that excludes the
 * PCH's declarations (fe.c), so the visit meets only the file's own macros,
 * and clang_getInclusions skips the PCH's files. The PCH store recorded
 * both when it built the PCH: a name missing from the TU's own table is
 * looked up there and turned back into a cursor with clang_getCursor at the
 * recorded place; the recorded inclusions come first.
 */
#include "fe.h"
#include "pch.h"
#include "tuinfo.h"

#include <stdlib.h>
#include <string.h>

struct mdef {
	char *name;         /* owned */
	CXCursor def;
	unsigned seq;       /* order of definition */
};

struct fe_macros {
	struct mdef *defs;  /* sorted by name, then order */
	unsigned n, cap;
	bool built, nomem;
};

struct fe_macros *fe_macros_new(void)
{
	return calloc(1, sizeof(struct fe_macros));
}

void fe_macros_free(struct fe_macros *m)
{
	unsigned i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++)
		free(m->defs[i].name);
	free(m->defs);
	free(m);
}

bool fe_tu_used_pch(const struct fe_tu *tu)
{
	return tu->pch != NULL;
}

static enum CXChildVisitResult collect(CXCursor c, CXCursor parent, CXClientData data)
{
	struct fe_macros *m = data;
	CXString s;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_MacroDefinition)
		return CXChildVisit_Continue;
	if (m->n == m->cap) {
		unsigned ncap = m->cap ? m->cap * 2 : 256;
		struct mdef *nd = realloc(m->defs, ncap * sizeof(*nd));

		if (!nd) {
			m->nomem = true;
			return CXChildVisit_Break;
		}
		m->defs = nd;
		m->cap = ncap;
	}
	s = clang_getCursorSpelling(c);
	m->defs[m->n].name = ddl_strdup(clang_getCString(s));
	clang_disposeString(s);
	if (!m->defs[m->n].name) {
		m->nomem = true;
		return CXChildVisit_Break;
	}
	m->defs[m->n].def = c;
	m->defs[m->n].seq = m->n;
	m->n++;
	return CXChildVisit_Continue;
}

static int cmp_def(const void *a, const void *b)
{
	const struct mdef *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static int cmp_key(const void *key, const void *d)
{
	return strcmp(key, ((const struct mdef *)d)->name);
}

/* The macro defined at OFFSET of FILE in a PCH, back as a cursor of TU. */
static bool pch_cursor(const struct fe_tu *tu, const char *file, unsigned offset, const char *name, CXCursor *def)
{
	CXFile f = clang_getFile(tu->tu, file);
	CXCursor c;
	CXString s;
	bool same;

	if (!f)
		return false;
	c = clang_getCursor(tu->tu, clang_getLocationForOffset(tu->tu, f, offset));
	if (clang_getCursorKind(c) != CXCursor_MacroDefinition)
		return false;
	s = clang_getCursorSpelling(c);
	same = strcmp(clang_getCString(s), name) == 0;
	clang_disposeString(s);
	if (same)
		*def = c;
	return same;
}

bool fe_find_macro(const struct fe_tu *tu, const char *name, CXCursor *def)
{
	struct fe_macros *m = tu->macros;
	const struct mdef *d = NULL;
	const char *file;
	unsigned offset;

	if (!m)
		return false;
	if (!m->built) {
		m->built = true;
		clang_visitChildren(clang_getTranslationUnitCursor(tu->tu), collect, m);
		if (m->n)
			qsort(m->defs, m->n, sizeof(*m->defs), cmp_def);
	}
	if (m->n)
		d = bsearch(name, m->defs, m->n, sizeof(*m->defs), cmp_key);
	if (d) {
		/* bsearch lands on any of several #defines of NAME: the last one
		 * is in force. The file's own come after the PCH's. */
		while (d + 1 < m->defs + m->n && strcmp(d[1].name, name) == 0)
			d++;
		*def = d->def;
		return true;
	}
	return tu->pch && fe_pch_macro(tu->pch, name, &file, &offset) && pch_cursor(tu, file, offset, name, def);
}

struct incl {
	const struct fe_tu *tu;
	fe_inclusion_fn fn;
	void *user;
};

static void on_inclusion(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
	struct incl *in = data;
	CXString name;
	const char *path;

	(void)stack;
	if (depth == 0)
		return; /* the main file */
	name = clang_getFileName(file);
	path = clang_getCString(name);
	/* libclang lists a PCH's files only in some cases; they came first already. */
	if (path && *path && !(in->tu->pch && fe_pch_has_file(in->tu->pch, path)))
		in->fn(in->user, path, depth);
	clang_disposeString(name);
}

void fe_inclusions(const struct fe_tu *tu, fe_inclusion_fn fn, void *user)
{
	struct incl in = { tu, fn, user };

	if (tu->pch)
		fe_pch_inclusions(tu->pch, fn, user);
	clang_getInclusions(tu->tu, on_inclusion, &in);
}
