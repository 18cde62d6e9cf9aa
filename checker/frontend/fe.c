/* fe.c - parse one driver file with libclang and judge what can be trusted.
 *
 * Flags: by default the mingw-w64 DDK headers (--target=x86_64-w64-mingw32
 * -fms-extensions), with ddilint's compatibility headers in front of them
 * (shadow/ before the DDK, ddilint-prelude.h force-included). libclang,
 * unlike the clang driver, needs --sysroot and -resource-dir to find the
 * mingw and builtin headers (docs/headers.md).
 *
 * Judgement: a file that cannot be read, holds NUL bytes or yields no TU
 * FAILED; compiler errors in the file's own code make it PARTIAL and their
 * byte ranges are recorded so the engines distrust the code around them.
 * Parsing keeps going past errors (CXTranslationUnit_KeepGoing, no error
 * limit): real drivers rarely parse cleanly against the mingw headers.
 */
#include "fe.h"
#include "headers.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef DDILINT_RESOURCE_DIR
#define DDILINT_RESOURCE_DIR ""
#endif
#ifndef DDILINT_MINGW_SYSROOT
#define DDILINT_MINGW_SYSROOT "/usr/x86_64-w64-mingw32"
#endif

#define MAX_DIAGNOSTICS_KEPT 20

struct fe_session {
	CXIndex index;
	char **args;      /* owned strings */
	unsigned n_args;
	char *header_dir; /* owned */
	bool wdk;
};

static enum ddl_status push_arg(struct fe_session *s, char *arg)
{
	char **na;

	if (!arg)
		return DDL_ERR_NOMEM;
	na = realloc(s->args, (s->n_args + 2) * sizeof(*na));
	if (!na) {
		free(arg);
		return DDL_ERR_NOMEM;
	}
	s->args = na;
	s->args[s->n_args++] = arg;
	s->args[s->n_args] = NULL;
	return DDL_OK;
}

static enum ddl_status push(struct fe_session *s, const char *arg)
{
	return push_arg(s, ddl_strdup(arg));
}

void fe_session_free(struct fe_session *s)
{
	unsigned i;

	if (!s)
		return;
	if (s->index)
		clang_disposeIndex(s->index);
	for (i = 0; i < s->n_args; i++)
		free(s->args[i]);
	free(s->args);
	free(s->header_dir);
	free(s);
}

static enum ddl_status build_args(struct fe_session *s, const struct fe_opts *opts)
{
	const char *res = opts->resource_dir ? opts->resource_dir : DDILINT_RESOURCE_DIR;
	const char *sysroot = opts->mingw_sysroot ? opts->mingw_sysroot : DDILINT_MINGW_SYSROOT;
	enum ddl_status st = DDL_OK;
	unsigned i;

	st |= push(s, "-xc");
	st |= push(s, "-std=gnu11");
	if (s->wdk) {
		/* A real WDK: the MSVC target, its km/ crt/ shared/ trees, and the
		 * architecture macros the WDK headers insist on. */
		st |= push(s, "--target=x86_64-pc-windows-msvc");
		st |= push(s, "-fms-extensions");
		st |= push(s, "-fms-compatibility");
		st |= push(s, "-D_AMD64_");
		st |= push(s, "-DAMD64");
		st |= push(s, "-D_WIN64");
		st |= push(s, "-D_KERNEL_MODE=1");
		st |= push(s, "-DDDILINT_WDK=1");
		st |= push_arg(s, ddl_asprintf("-isystem%s/km/crt", opts->wdk_dir));
		st |= push_arg(s, ddl_asprintf("-isystem%s/km", opts->wdk_dir));
		st |= push_arg(s, ddl_asprintf("-isystem%s/shared", opts->wdk_dir));
	} else {
		st |= push(s, "--target=x86_64-w64-mingw32");
		st |= push(s, "-fms-extensions");
		st |= push(s, "--sysroot=/usr");
		st |= push_arg(s, ddl_asprintf("-I%s/shadow", s->header_dir));
		st |= push_arg(s, ddl_asprintf("-isystem%s/include/ddk", sysroot));
	}
	if (res && *res) {
		st |= push(s, "-resource-dir");
		st |= push(s, res);
	}
	st |= push_arg(s, ddl_asprintf("-include%s/ddilint-prelude.h", s->header_dir));
	st |= push(s, "-ferror-limit=0");
	/* Only errors matter to ddilint; warnings from driver code are the
	 * compiler's business. Keep clang 16's promoted warnings as warnings so
	 * 14 and 16 judge a file alike. */
	st |= push(s, "-w");
	st |= push(s, "-Wno-error=implicit-function-declaration");
	st |= push(s, "-Wno-error=int-conversion");
	st |= push(s, "-Wno-error=incompatible-function-pointer-types");
	st |= push(s, "-Wno-unknown-warning-option");
	for (i = 0; i < opts->n_user_args; i++)
		st |= push(s, opts->user_args[i]);
	return st ? DDL_ERR_NOMEM : DDL_OK;
}

struct fe_session *fe_session_new(const struct fe_opts *opts, struct ddl_error *err)
{
	struct fe_session *s = calloc(1, sizeof(*s));

	if (!s) {
		ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	s->wdk = opts->wdk_dir != NULL;
	s->header_dir = fe_headers_materialise(opts->header_dir, err);
	if (!s->header_dir)
		goto fail;
	if (build_args(s, opts) != DDL_OK) {
		ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
		goto fail;
	}
	s->index = clang_createIndex(0, 0);
	if (!s->index) {
		ddl_fail(err, DDL_ERR_IO, NULL, "libclang could not create an index");
		goto fail;
	}
	return s;
fail:
	fe_session_free(s);
	return NULL;
}

const char *const *fe_session_args(const struct fe_session *s, unsigned *n)
{
	*n = s->n_args;
	return (const char *const *)s->args;
}

void fe_tu_free(struct fe_tu *tu)
{
	if (!tu)
		return;
	if (tu->tu)
		clang_disposeTranslationUnit(tu->tu);
	free(tu->path);
	free(tu->errors);
	free(tu);
}

bool fe_main_offset(const struct fe_tu *tu, CXSourceLocation loc, unsigned *offset)
{
	CXFile file;
	unsigned line, col, off;

	clang_getExpansionLocation(loc, &file, &line, &col, &off);
	if (!file || !clang_File_isEqual(file, tu->main_file))
		return false;
	*offset = off;
	return true;
}

bool fe_range_has_error(const struct fe_tu *tu, unsigned begin, unsigned end)
{
	unsigned i;

	for (i = 0; i < tu->n_errors; i++)
		if (tu->errors[i].begin < end && tu->errors[i].end >= begin)
			return true;
	return false;
}

/* Is the file text rather than a binary? A NUL byte in the first 64 KiB says binary. */
static bool looks_binary(const char *path, struct ddl_error *err, bool *unreadable)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;

	*unreadable = false;
	if (!f) {
		*unreadable = true;
		ddl_fail(err, DDL_ERR_IO, path, "cannot open: %s", strerror(errno));
		return false;
	}
	n = fread(buf, 1, sizeof(buf), f);
	if (ferror(f)) {
		*unreadable = true;
		ddl_fail(err, DDL_ERR_IO, path, "cannot read: %s", strerror(errno));
		fclose(f);
		return false;
	}
	fclose(f);
	return memchr(buf, '\0', n) != NULL;
}

static enum ddl_status add_diagnostic(struct file_result *r, CXDiagnostic d)
{
	CXString s;
	char **nd;

	if (r->n_diagnostics >= MAX_DIAGNOSTICS_KEPT)
		return DDL_OK;
	nd = realloc(r->diagnostics, (r->n_diagnostics + 1) * sizeof(*nd));
	if (!nd)
		return DDL_ERR_NOMEM;
	r->diagnostics = nd;
	s = clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation | CXDiagnostic_DisplayColumn);
	nd[r->n_diagnostics] = ddl_strdup(clang_getCString(s));
	clang_disposeString(s);
	if (!nd[r->n_diagnostics])
		return DDL_ERR_NOMEM;
	r->n_diagnostics++;
	return DDL_OK;
}

static int cmp_span(const void *a, const void *b)
{
	const struct fe_error_span *x = a, *y = b;

	return x->begin < y->begin ? -1 : x->begin > y->begin;
}

/* Walk the diagnostics: record error spans in the main file, count the rest,
 * keep the first few messages for the report. */
static enum ddl_status judge(struct fe_tu *tu, struct file_result *r)
{
	unsigned i, n = clang_getNumDiagnostics(tu->tu), cap = 0;

	for (i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu->tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
		CXSourceLocation loc = clang_getDiagnosticLocation(d);
		unsigned off, j, nr;
		bool in_main;

		if (sev < CXDiagnostic_Error) {
			clang_disposeDiagnostic(d);
			continue;
		}
		r->n_errors++;
		in_main = fe_main_offset(tu, loc, &off);
		if (!in_main) {
			tu->n_header_errors++;
		} else {
			struct fe_error_span span = { off, off + 1 };

			/* Widen the span to the ranges the diagnostic names. */
			nr = clang_getDiagnosticNumRanges(d);
			for (j = 0; j < nr; j++) {
				CXSourceRange rg = clang_getDiagnosticRange(d, j);
				unsigned b, e;

				if (fe_main_offset(tu, clang_getRangeStart(rg), &b) &&
				    fe_main_offset(tu, clang_getRangeEnd(rg), &e) && b <= e) {
					if (b < span.begin)
						span.begin = b;
					if (e + 1 > span.end)
						span.end = e + 1;
				}
			}
			if (tu->n_errors == cap) {
				struct fe_error_span *ns;

				cap = cap ? cap * 2 : 8;
				ns = realloc(tu->errors, cap * sizeof(*ns));
				if (!ns) {
					clang_disposeDiagnostic(d);
					return DDL_ERR_NOMEM;
				}
				tu->errors = ns;
			}
			tu->errors[tu->n_errors++] = span;
		}
		if (!r->reason) {
			CXString s = clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation |
							       CXDiagnostic_DisplayColumn);
			r->reason = ddl_strdup(clang_getCString(s));
			clang_disposeString(s);
		}
		if (add_diagnostic(r, d) != DDL_OK) {
			clang_disposeDiagnostic(d);
			return DDL_ERR_NOMEM;
		}
		clang_disposeDiagnostic(d);
	}
	if (tu->n_errors > 1)
		qsort(tu->errors, tu->n_errors, sizeof(*tu->errors), cmp_span);
	return DDL_OK;
}

enum ddl_status fe_parse(struct fe_session *s, const char *path, struct fe_tu **out,
			 struct file_result *r, struct ddl_error *err)
{
	struct fe_tu *tu;
	struct ddl_error ferr = { 0 };
	bool unreadable;
	enum CXErrorCode ec;
	unsigned flags = CXTranslationUnit_KeepGoing | CXTranslationUnit_DetailedPreprocessingRecord;

	*out = NULL;
	memset(r, 0, sizeof(*r));
	r->path = ddl_strdup(path);
	if (!r->path)
		return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	if (looks_binary(path, &ferr, &unreadable) || unreadable) {
		r->status = FILE_FAILED;
		r->reason = ddl_strdup(unreadable ? ferr.msg : "binary file, not C source");
		return r->reason ? DDL_OK : ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	}
	tu = calloc(1, sizeof(*tu));
	if (!tu || !(tu->path = ddl_strdup(path))) {
		free(tu);
		return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	}
	ec = clang_parseTranslationUnit2(s->index, path, (const char *const *)s->args, (int)s->n_args,
					 NULL, 0, flags, &tu->tu);
	if (ec != CXError_Success || !tu->tu) {
		fe_tu_free(tu);
		r->status = FILE_FAILED;
		r->reason = ddl_asprintf("libclang could not parse the file (error %d)", (int)ec);
		return r->reason ? DDL_OK : ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	}
	tu->main_file = clang_getFile(tu->tu, path);
	if (!tu->main_file) {
		fe_tu_free(tu);
		r->status = FILE_FAILED;
		r->reason = ddl_strdup("libclang produced no main file");
		return r->reason ? DDL_OK : ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	}
	if (judge(tu, r) != DDL_OK) {
		fe_tu_free(tu);
		return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	}
	r->status = r->n_errors ? FILE_PARTIAL : FILE_ANALYSED;
	*out = tu;
	return DDL_OK;
}
