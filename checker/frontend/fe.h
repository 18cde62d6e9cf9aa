/* fe.h - the frontend: turns a driver source file into a libclang
 * translation unit, parsed as a Windows kernel driver.
 *
 * It owns the compile flags (embedded mingw-w64 DDK default, or a real WDK
 * with --wdk), materialises the embedded compatibility headers (SAL macros
 * as annotate attributes, Storport and newer-DDI declarations), and judges
 * each file: analysed, partial (compiler errors: which code to distrust) or
 * failed (unreadable, binary, nothing parsed). It does not analyse anything.
 *
 * Parse reuse (pch.h): a file whose include chain starts with system headers
 * is parsed against a precompiled header of them, cached on disk. Such a TU
 * holds only the file's own declarations and macros: code that needs the
 * macros or the included files of the whole TU asks fe_find_macro and
 * fe_inclusions, which answer the same with or without a PCH, and must not
 * collect them by visiting the TU cursor or with clang_getInclusions.
 */
#ifndef FE_H
#define FE_H

#include "../ddl.h"
#include "../findings/finding.h"

#include <clang-c/Index.h>
#include <stdbool.h>

struct fe_opts {
	const char *wdk_dir;           /* real WDK include root (holds km/ and shared/), or NULL */
	const char *const *user_args;  /* extra compiler args (-I, -D, after --), borrowed */
	unsigned n_user_args;
	const char *header_dir;        /* where to materialise the compat headers, or NULL = cache dir */
	const char *resource_dir;      /* clang resource dir, or NULL = the one found at build time */
	const char *mingw_sysroot;     /* or NULL = the one found at build time */
	bool no_pch;                   /* never parse against a precompiled header */
};

struct fe_session;
struct fe_pch;
struct fe_macros;

/* Create a session: one CXIndex and the base flags. OPTS is copied.
 * Returns a new session owned by the caller (free with fe_session_free), or NULL with ERR filled in. */
struct fe_session *fe_session_new(const struct fe_opts *opts, struct ddl_error *err);
void fe_session_free(struct fe_session *s);

/* The full argument list used for every file (for --print-flags and tests). Borrowed. */
const char *const *fe_session_args(const struct fe_session *s, unsigned *n);

/* An error the compiler reported inside the main file: a byte range of code
 * that error recovery touched and that the engines must not trust. */
struct fe_error_span {
	unsigned begin, end; /* byte offsets in the main file */
};

struct fe_tu {
	CXTranslationUnit tu;
	CXFile main_file;
	char *path;                    /* as given (owned) */
	struct fe_error_span *errors;  /* owned, sorted by begin */
	unsigned n_errors;
	unsigned n_header_errors;      /* errors inside headers (ours or the DDK's) */
	const struct fe_pch *pch;      /* the PCH parsed against, or NULL (borrowed from the session) */
	struct fe_macros *macros;      /* fe_find_macro's table, built on first use (owned) */
};

/* Parse PATH. On success *OUT is a new TU owned by the caller (free with fe_tu_free)
 * and RESULT describes the file (status, reason, diagnostics) — the caller fills
 * in the counts of analysed functions. When the file cannot be analysed at all,
 * *OUT is NULL, RESULT->status is FILE_FAILED with the reason, and DDL_OK is
 * still returned: a bad input is a result, not an error of the run. Only
 * internal failures (out of memory) return an error status. */
enum ddl_status fe_parse(struct fe_session *s, const char *path, struct fe_tu **out,
			 struct file_result *result, struct ddl_error *err);
void fe_tu_free(struct fe_tu *tu);

/* Byte offset of LOC's expansion point if it lies in TU's main file. */
bool fe_main_offset(const struct fe_tu *tu, CXSourceLocation loc, unsigned *offset);

/* True when any compiler error lies inside [begin, end) of the main file. */
bool fe_range_has_error(const struct fe_tu *tu, unsigned begin, unsigned end);

/* The #define of NAME in force at the end of TU (the last one), as a
 * MacroDefinition cursor in *DEF, whether it is in the file, a project
 * header or a precompiled DDK header. False when TU defines no NAME (or it
 * is a command-line macro and TU was parsed against a PCH). */
bool fe_find_macro(const struct fe_tu *tu, const char *name, CXCursor *def);

/* Call FN for every file TU includes (not the main file itself): PATH as
 * libclang names it (borrowed for the call) and its include depth (1 =
 * included by the main file or the command line). The order is that of a
 * plain parse except that precompiled headers come first. */
typedef void (*fe_inclusion_fn)(void *user, const char *path, unsigned depth);
void fe_inclusions(const struct fe_tu *tu, fe_inclusion_fn fn, void *user);

/* Run FN(ARG) and return, on a thread whose stack is sized for a source
 * file of SIZE bytes: clang's parser and every recursive walk of its AST
 * recurse once per nesting level (10,000 nested ifs, a 100,000-term
 * expression), far past a default 8 MB stack. Runs FN here if no thread can
 * be made. */
void fe_run_deep(size_t size, void (*fn)(void *arg), void *arg);

/* Was TU parsed against a precompiled header? (For tests and --print-flags.) */
bool fe_tu_used_pch(const struct fe_tu *tu);

#endif
