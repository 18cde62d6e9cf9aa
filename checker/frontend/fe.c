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
 *
 * Parse reuse: with the embedded headers, a file whose include chain starts
 * with system headers is parsed against a PCH of them (pch.h) through a
 * second index that visits only the file's own declarations, so walking the
 * TU does not load the whole DDK back from the PCH. The PCH build's errors
 * are replayed first, as a plain parse reports them first; a PCH libclang
 * refuses is rebuilt once, else the file is parsed plainly.
 */
#include "fe.h"
#include "headers.h"
#include "pch.h"
#include "tuinfo.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef DDILINT_RESOURCE_DIR
#define DDILINT_RESOURCE_DIR ""
#endif
#ifndef DDILINT_MINGW_SYSROOT
#define DDILINT_MINGW_SYSROOT "/usr/x86_64-w64-mingw32"
#endif

#define MAX_DIAGNOSTICS_KEPT 20
#define HEAD_SIZE 65536 /* bytes read to judge a file binary and find its include prefix */

/* PCHs are on: every consumer of a TU's macros and inclusions asks
 * fe_find_macro / fe_inclusions, so a parse against a PCH reports exactly
 * what a plain parse does (ctest perf:pch-identity checks it on every test
 * and sample file). DDILINT_PCH=0 turns them off. */
#define FE_PCH_DEFAULT true

struct parse_job {
	CXIndex index;
	const char *path;
	const char *const *args;
	int n_args;
	unsigned flags;
	CXTranslationUnit tu;
	enum CXErrorCode ec;
};

static void parse_job_run(void *arg)
{
	struct parse_job *j = arg;

	j->ec = clang_parseTranslationUnit2(j->index, j->path, j->args, j->n_args, NULL, 0, j->flags, &j->tu);
}

/* clang_parseTranslationUnit2 on a stack sized for a file of SIZE bytes
 * (callers other than analyse_file may not run on one). */
static enum CXErrorCode parse_deep(CXIndex index, const char *path, const char *const *args, int n_args,
				   unsigned flags, size_t size, CXTranslationUnit *tu)
{
	struct parse_job j = { index, path, args, n_args, flags, NULL, CXError_Failure };

	fe_run_deep(size, parse_job_run, &j);
	*tu = j.tu;
	return j.ec;
}

struct fe_session {
	CXIndex index;       /* plain parses and PCH builds */
	CXIndex local_index; /* parses against a PCH: visits exclude the PCH's declarations */
	char **args;      /* owned strings */
	unsigned n_args;
	unsigned n_own;   /* ARGS[0..N_OWN) are ddilint's own, the rest the user's */
	char *header_dir; /* owned */
	bool wdk;
	struct fe_pch_store *pch; /* owned, NULL = no PCH */
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
	fe_pch_store_free(s->pch);
	if (s->index)
		clang_disposeIndex(s->index);
	if (s->local_index)
		clang_disposeIndex(s->local_index);
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
	s->n_own = s->n_args;
	for (i = 0; i < opts->n_user_args; i++)
		st |= push(s, opts->user_args[i]);
	return st ? DDL_ERR_NOMEM : DDL_OK;
}

/* DDILINT_PCH=0 or 1 overrides FE_PCH_DEFAULT; --wdk never uses one (the
 * prefix scan does not model MSVC's include search). */
static bool pch_wanted(const struct fe_opts *opts)
{
	const char *env = getenv("DDILINT_PCH");

	if (opts->no_pch || opts->wdk_dir)
		return false;
	if (env && *env)
		return strcmp(env, "0") != 0;
	return FE_PCH_DEFAULT;
}

/* PCHs live beside the compatibility headers: <cache root>/pch. Any failure
 * here only means no PCH. */
static void start_pch(struct fe_session *s)
{
	char *root = ddl_strdup(s->header_dir), *slash;

	if (!root)
		return;
	slash = strrchr(root, '/');
	if (slash && slash != root)
		*slash = '\0';
	s->local_index = clang_createIndex(1, 0);
	if (s->local_index)
		s->pch = fe_pch_store_new(root, (const char *const *)s->args, s->n_args, s->n_own);
	free(root);
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
	if (pch_wanted(opts))
		start_pch(s);
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
	fe_macros_free(tu->macros);
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

/* Read the first HEAD_SIZE bytes of PATH into HEAD (*LEN of them). False
 * with ERR filled in when the file cannot be opened or read, or is not a
 * regular file: opening without O_NONBLOCK would wait forever on a FIFO. */
static bool read_head(const char *path, char *head, size_t *len, size_t *size, struct ddl_error *err)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat sb;
	ssize_t n;

	*len = 0;
	if (fd < 0) {
		ddl_fail(err, DDL_ERR_IO, path, "cannot open: %s", strerror(errno));
		return false;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		ddl_fail(err, DDL_ERR_IO, path, "not a regular file");
		close(fd);
		return false;
	}
	*size = (size_t)sb.st_size;
	while (*len < HEAD_SIZE) {
		n = read(fd, head + *len, HEAD_SIZE - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ddl_fail(err, DDL_ERR_IO, path, "cannot read: %s", strerror(errno));
			close(fd);
			return false;
		}
		if (n == 0)
			break;
		*len += (size_t)n;
	}
	close(fd);
	return true;
}

static enum ddl_status add_diagnostic_text(struct file_result *r, const char *text)
{
	char **nd;

	if (r->n_diagnostics >= MAX_DIAGNOSTICS_KEPT)
		return DDL_OK;
	nd = realloc(r->diagnostics, (r->n_diagnostics + 1) * sizeof(*nd));
	if (!nd)
		return DDL_ERR_NOMEM;
	r->diagnostics = nd;
	nd[r->n_diagnostics] = ddl_strdup(text);
	if (!nd[r->n_diagnostics])
		return DDL_ERR_NOMEM;
	r->n_diagnostics++;
	return DDL_OK;
}

static enum ddl_status add_diagnostic(struct file_result *r, CXDiagnostic d)
{
	CXString s;
	enum ddl_status st;

	if (r->n_diagnostics >= MAX_DIAGNOSTICS_KEPT)
		return DDL_OK;
	s = clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation | CXDiagnostic_DisplayColumn);
	st = add_diagnostic_text(r, clang_getCString(s));
	clang_disposeString(s);
	return st;
}

/* The errors of the PCH build, all in headers, come first as in a plain parse. */
static enum ddl_status replay_pch_errors(struct fe_tu *tu, struct file_result *r)
{
	unsigned n, kept, i;
	const char *const *texts;

	if (!tu->pch)
		return DDL_OK;
	texts = fe_pch_errors(tu->pch, &n, &kept);
	r->n_errors += n;
	tu->n_header_errors += n;
	if (kept && !r->reason && !(r->reason = ddl_strdup(texts[0])))
		return DDL_ERR_NOMEM;
	for (i = 0; i < kept; i++)
		if (add_diagnostic_text(r, texts[i]) != DDL_OK)
			return DDL_ERR_NOMEM;
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

	if (replay_pch_errors(tu, r) != DDL_OK)
		return DDL_ERR_NOMEM;

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

/* Parse PATH against PCH. NULL TU and *EC set when libclang refuses. */
static CXTranslationUnit parse_with_pch(struct fe_session *s, const char *path, const struct fe_pch *pch,
				       unsigned flags, size_t size, enum CXErrorCode *ec)
{
	const char **args = malloc((s->n_args + 3) * sizeof(*args));
	CXTranslationUnit tu = NULL;

	if (!args) {
		*ec = CXError_Failure;
		return NULL;
	}
	memcpy(args, s->args, s->n_args * sizeof(*args));
	args[s->n_args] = "-include-pch";
	args[s->n_args + 1] = fe_pch_file(pch);
	args[s->n_args + 2] = NULL;
	*ec = parse_deep(s->local_index, path, args, (int)s->n_args + 2, flags, size, &tu);
	free(args);
	if (*ec != CXError_Success && tu) {
		clang_disposeTranslationUnit(tu);
		tu = NULL;
	}
	return tu;
}

enum ddl_status fe_parse(struct fe_session *s, const char *path, struct fe_tu **out,
			 struct file_result *r, struct ddl_error *err)
{
	struct fe_tu *tu;
	struct ddl_error ferr = { 0 };
	enum CXErrorCode ec = CXError_Success;
	unsigned flags = CXTranslationUnit_KeepGoing | CXTranslationUnit_DetailedPreprocessingRecord;
	char *head;
	size_t head_len = 0, size = 0;
	const struct fe_pch *pch = NULL;

	*out = NULL;
	memset(r, 0, sizeof(*r));
	r->path = ddl_strdup(path);
	head = malloc(HEAD_SIZE);
	if (!r->path || !head) {
		free(head);
		return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	}
	if (!read_head(path, head, &head_len, &size, &ferr) || memchr(head, '\0', head_len)) {
		/* A NUL byte in the first 64 KiB says binary. */
		free(head);
		r->status = FILE_FAILED;
		r->reason = ddl_strdup(ferr.msg[0] ? ferr.msg : "binary file, not C source");
		return r->reason ? DDL_OK : ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	}
	tu = calloc(1, sizeof(*tu));
	if (!tu || !(tu->path = ddl_strdup(path)) || !(tu->macros = fe_macros_new())) {
		free(head);
		fe_tu_free(tu);
		return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	}
	if (s->pch)
		pch = fe_pch_for(s->pch, s->index, path, head, head_len);
	free(head);
	if (pch) {
		tu->tu = parse_with_pch(s, path, pch, flags, size, &ec);
		if (!tu->tu && ec == CXError_ASTReadError) {
			/* A header changed since the build, or another libclang wrote it. */
			pch = fe_pch_rebuild(s->pch, s->index, pch);
			tu->tu = pch ? parse_with_pch(s, path, pch, flags, size, &ec) : NULL;
		}
		if (!tu->tu)
			pch = NULL; /* parse plainly */
	}
	if (!pch)
		ec = parse_deep(s->index, path, (const char *const *)s->args, (int)s->n_args, flags, size, &tu->tu);
	tu->pch = pch;
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
