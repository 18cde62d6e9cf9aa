/* pch_build.c - build one PCH: parse the generated header with the
 * session's flags, keep what a plain parse would report (its errors), what
 * it included and the #defines it holds, check that the prefix can stand
 * in for the driver's own includes, and save it (design in pch.c). */
#include "pch_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --- building -------------------------------------------------------------------------- */

struct def {            /* one #define the build saw */
	char *name;     /* owned */
	unsigned seq, file, offset;
};

struct build {
	struct fe_pch *p;
	CXTranslationUnit tu;
	CXFile gen;         /* the generated header */
	char *why;          /* why the PCH is unusable (owned), or NULL */
	char *unguarded;    /* the first top-level header without a guard (owned), or NULL */
	bool nomem;
	struct def *defs;
	unsigned n_defs, cap_defs;
	CXFile last_file;   /* the file of the previous #define ... */
	unsigned last_index; /* ... its index in P->files ... */
	bool last_known;    /* ... and whether it has one */
};

static void on_build_inclusion(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
	struct build *b = data;
	CXString name;
	const char *path;
	unsigned index;

	(void)stack;
	if (b->nomem || clang_File_isEqual(file, b->gen))
		return;
	name = clang_getFileName(file);
	path = clang_getCString(name);
	if (path && *path) {
		/* The driver's own #include of a top-level header must find it
		 * guarded, or the header would be read a second time. */
		if (depth == 1 && !b->unguarded && !clang_isFileMultipleIncludeGuarded(b->tu, file) &&
		    !(b->unguarded = ddl_strdup(path)))
			b->nomem = true;
		if (fe_pch_add_file(b->p, path, &index) != 0 || fe_pch_add_inclusion(b->p, index, depth) != 0)
			b->nomem = true;
	}
	clang_disposeString(name);
}

static enum CXChildVisitResult on_build_macro(CXCursor c, CXCursor parent, CXClientData data)
{
	struct build *b = data;
	CXFile file;
	CXString name;
	unsigned line, col, off, i;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_MacroDefinition)
		return CXChildVisit_Continue;
	clang_getFileLocation(clang_getCursorLocation(c), &file, &line, &col, &off);
	if (!file)
		return CXChildVisit_Continue; /* a builtin or command-line macro */
	if (!b->last_file || !clang_File_isEqual(file, b->last_file)) {
		CXString fn = clang_getFileName(file);
		const char *path = clang_getCString(fn);

		b->last_file = file;
		b->last_known = false;
		for (i = 0; path && i < b->p->n_files; i++)
			if (strcmp(b->p->files[i], path) == 0) {
				b->last_index = i;
				b->last_known = true;
				break;
			}
		clang_disposeString(fn);
	}
	if (!b->last_known)
		return CXChildVisit_Continue;
	if (b->n_defs == b->cap_defs) {
		unsigned ncap = b->cap_defs ? b->cap_defs * 2 : 4096;
		struct def *nd = realloc(b->defs, ncap * sizeof(*nd));

		if (!nd) {
			b->nomem = true;
			return CXChildVisit_Break;
		}
		b->defs = nd;
		b->cap_defs = ncap;
	}
	name = clang_getCursorSpelling(c);
	b->defs[b->n_defs].name = ddl_strdup(clang_getCString(name));
	clang_disposeString(name);
	if (!b->defs[b->n_defs].name) {
		b->nomem = true;
		return CXChildVisit_Break;
	}
	b->defs[b->n_defs].seq = b->n_defs;
	b->defs[b->n_defs].file = b->last_index;
	b->defs[b->n_defs].offset = off;
	b->n_defs++;
	return CXChildVisit_Continue;
}

static int cmp_def(const void *a, const void *b)
{
	const struct def *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Write the last #define of each name, one line each: "NAME FILE OFFSET",
 * sorted by name (the reader searches it as it is). */
static int write_macros(struct build *b)
{
	size_t cap = 1 << 16, len = 0;
	char *text;
	unsigned i;
	int rc;

	clang_visitChildren(clang_getTranslationUnitCursor(b->tu), on_build_macro, b);
	if (b->nomem || !(text = malloc(cap)))
		return -1;
	if (b->n_defs)
		qsort(b->defs, b->n_defs, sizeof(*b->defs), cmp_def);
	for (i = 0; i < b->n_defs; i++) {
		const struct def *d = &b->defs[i];
		int n;

		if (i + 1 < b->n_defs && strcmp(d->name, b->defs[i + 1].name) == 0)
			continue; /* a later #define of the same name is the one in force */
		while ((n = snprintf(text + len, cap - len, "%s %u %u\n", d->name, d->file, d->offset)) < 0 ||
		       (size_t)n >= cap - len) {
			char *nt = n < 0 ? NULL : realloc(text, cap * 2);

			if (!nt) {
				free(text);
				return -1;
			}
			text = nt;
			cap *= 2;
		}
		len += (size_t)n;
	}
	rc = fe_pch_write_atomic(b->p->macros_path, text, len);
	free(text);
	return rc;
}

/* The build's errors: counted and kept, unless one is in the generated
 * header itself (an include of the prefix failed), which a plain parse
 * would report at the driver's own #include line. */
static int collect_errors(struct build *b)
{
	unsigned i, n = clang_getNumDiagnostics(b->tu);

	for (i = 0; i < n && !b->why; i++) {
		CXDiagnostic d = clang_getDiagnostic(b->tu, i);
		CXFile f;
		unsigned line, col, off;
		CXString s;

		if (clang_getDiagnosticSeverity(d) < CXDiagnostic_Error) {
			clang_disposeDiagnostic(d);
			continue;
		}
		clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f, &line, &col, &off);
		s = clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation | CXDiagnostic_DisplayColumn);
		if (!f || clang_File_isEqual(f, b->gen)) {
			b->why = ddl_asprintf("the prefix itself does not compile: %s", clang_getCString(s));
		} else {
			b->p->n_errors++;
			if (b->p->n_kept < ERRORS_KEPT &&
			    !(b->p->errors[b->p->n_kept++] = ddl_strdup(clang_getCString(s))))
				b->nomem = true;
		}
		clang_disposeString(s);
		clang_disposeDiagnostic(d);
	}
	return b->nomem ? -1 : 0;
}

/* Which name of PRE is PATH? PRE->n when none (the prelude, a -include file). */
static unsigned prefix_index(const struct fe_prefix *pre, const char *path)
{
	size_t pl = strlen(path);
	unsigned i;

	for (i = 0; i < pre->n; i++) {
		size_t nl = strlen(pre->names[i]);

		if (pl > nl && path[pl - nl - 1] == '/' && strcmp(path + pl - nl, pre->names[i]) == 0)
			return i;
	}
	return pre->n;
}

/* Build P for PRE. Returns 1 when P is ready, 0 when the prefix cannot be
 * precompiled faithfully (recorded on disk; *PREFIX_LEN > 0 when its first
 * *PREFIX_LEN names can), -1 on any other failure. */
int fe_pch_build(struct fe_pch_store *st, CXIndex idx, struct fe_pch *p, const struct fe_prefix *pre,
		 unsigned *prefix_len)
{
	char *gen_path = fe_pch_key_path(st, p->key, ".h"), *tmp = NULL, *text = NULL;
	struct build b;
	size_t len = 0, cap = 160; /* the comment line and the NUL */
	unsigned i;
	int rc = -1;
	enum CXErrorCode ec;

	memset(&b, 0, sizeof(b));
	b.p = p;
	for (i = 0; i < pre->n; i++)
		cap += strlen(pre->names[i]) + 16;
	if (!gen_path || !(text = malloc(cap)) || !(p->errors = calloc(ERRORS_KEPT, sizeof(*p->errors))))
		goto out;
	len = (size_t)snprintf(text, cap, "/* ddilint: the include prefix precompiled as %s.pch */\n", p->key);
	for (i = 0; i < pre->n; i++)
		len += (size_t)snprintf(text + len, cap - len, "#include <%s>\n", pre->names[i]);
	if (fe_pch_write_atomic(gen_path, text, len) != 0)
		goto out;
	ec = clang_parseTranslationUnit2(idx, gen_path, (const char *const *)st->build_args, (int)st->n_args, NULL, 0,
					 CXTranslationUnit_Incomplete | CXTranslationUnit_ForSerialization |
					 CXTranslationUnit_KeepGoing |
					 CXTranslationUnit_DetailedPreprocessingRecord, &b.tu);
	if (ec != CXError_Success || !b.tu || !(b.gen = clang_getFile(b.tu, gen_path)))
		goto out;
	if (collect_errors(&b) != 0)
		goto out;
	clang_getInclusions(b.tu, on_build_inclusion, &b);
	if (b.nomem || fe_pch_finish_files(p) != 0)
		goto out;
	*prefix_len = 0;
	if (b.unguarded && !b.why) {
		unsigned k = prefix_index(pre, b.unguarded);

		/* The driver reads this header again: precompile what comes before it. */
		*prefix_len = k < pre->n ? k : 0;
		if (!(b.why = ddl_asprintf("%s has no include guard", b.unguarded)))
			goto out;
	}
	if (!b.why) {
		int sv;

		if (write_macros(&b) != 0 || !(tmp = ddl_asprintf("%s.%ld.%u.tmp", p->pch_path, (long)getpid(), st->seq++)))
			goto out;
		sv = clang_saveTranslationUnit(b.tu, tmp, clang_defaultSaveOptions(b.tu));
		if (sv == CXSaveError_TranslationErrors) {
			/* Errors libclang will not serialise (a fatal one): deterministic. */
			b.why = ddl_strdup("libclang will not save a PCH with these errors");
			unlink(tmp);
		} else if (sv != CXSaveError_None || rename(tmp, p->pch_path) != 0) {
			unlink(tmp);
			goto out;
		}
	}
	if (fe_pch_write_meta(st, p, pre, !b.why, b.why, *prefix_len) != 0)
		goto out;
	rc = b.why ? 0 : 1;
out:
	if (b.tu)
		clang_disposeTranslationUnit(b.tu);
	free(b.unguarded);
	for (i = 0; i < b.n_defs; i++)
		free(b.defs[i].name);
	free(b.defs);
	free(b.why);
	free(tmp);
	free(text);
	free(gen_path);
	return rc;
}

