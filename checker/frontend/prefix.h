/* prefix.h - which headers a precompiled header can stand in for, for one
 * driver file: the system headers the preprocessor enters first, before the
 * file (or a project header it starts with) says anything else.
 *
 * A driver file usually starts `#include "precomp.h"`, and precomp.h starts
 * `#include <ntifs.h>` `#include <ntdddisk.h>`...  Parsing those headers once
 * into a PCH and the file against it gives the same AST as a plain parse as
 * long as nothing the preprocessor sees before them could change how they
 * read: only comments, include-guard lines, `#pragma once` and pragmas that
 * only touch warnings (`#pragma warning`, see prefix.c) may come
 * first. The scan stops at the first other token, so anything else (a
 * #define, an #if, code) ends the prefix. It never guesses: when in doubt
 * the prefix is shorter, and an empty prefix means "parse plainly"; what it
 * cannot see (which file clang really found, whether it is guarded) the
 * PCH build checks again (pch.c).
 */
#ifndef FE_PREFIX_H
#define FE_PREFIX_H

#include "../ddl.h"

#include <stddef.h>

struct fe_prefix {
	char **names;   /* header names to write as `#include <NAME>`, in order (owned) */
	unsigned n;
};

/* Scan PATH (whose contents are SRC, LEN bytes) with the compiler arguments
 * ARGS (the session's: its include search path, -D/-U names, modes in
 * which includes search differently); the first N_OWN are ddilint's own, so
 * a header found in a later -I directory is the user's (a project header,
 * gone into like one next to the file). A system header without an include
 * guard ends the prefix: the driver reads it again. Fills OUT (empty when
 * no PCH applies; free with fe_prefix_clear). Returns DDL_OK or
 * DDL_ERR_NOMEM. */
enum ddl_status fe_prefix_scan(const char *path, const char *src, size_t len, const char *const *args,
			       unsigned n_args, unsigned n_own, struct fe_prefix *out);
void fe_prefix_clear(struct fe_prefix *p);

/* May a PCH be used at all with ARGS? Not when they change how includes are
 * searched in ways the scan does not model (MSVC compatibility searches
 * every includer's directory), or already bring a PCH or another language. */
int fe_prefix_args_ok(const char *const *args, unsigned n_args);

#endif
