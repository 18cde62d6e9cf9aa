/* verify.h - --verify: compare findings with the expectations written in the
 * analysed file itself (syntax in docs/testing.md; clang's -verify is the
 * model). Reads the file; never runs the analysis. */
#ifndef VERIFY_H
#define VERIFY_H

#include "../ddl.h"
#include "../findings/finding.h"

#include <stdbool.h>

/* Arguments from a "// ddilint-args: ..." line of PATH, split on blanks.
 * *ARGS is a new NULL-terminated array owned by the caller (free with verify_args_free). */
enum ddl_status verify_read_args(const char *path, char ***args, unsigned *n, struct ddl_error *err);
void verify_args_free(char **args, unsigned n);

/* The blank-separated words after TAG (e.g. "ddilint-rules:") on its first
 * line in PATH; same ownership as verify_read_args. */
enum ddl_status verify_read_tag(const char *path, const char *tag, char ***args, unsigned *n,
				struct ddl_error *err);

/* Check the findings of LIST that belong to PATH against PATH's expectations.
 * *REPORT receives a new string owned by the caller (free with free) listing
 * every mismatch, "" when none. Returns the number of mismatches, or -1 with
 * ERR filled in when PATH cannot be read or an expectation is malformed. */
int verify_file(const char *path, const struct finding_list *list, char **report, struct ddl_error *err);

/* Does PATH say "ddilint-allow-partial" (a test of partial parsing)? */
bool verify_allows_partial(const char *path);

/* The files "// ddilint-with: a.c b.c" lines of PATH name (relative to PATH's
 * directory): analysed in the same run as PATH, as one program (a cross-file
 * test). *FILES is a new NULL-terminated array owned by the caller (free with
 * verify_args_free); none is not an error. */
enum ddl_status verify_read_with(const char *path, char ***files, unsigned *n, struct ddl_error *err);

/* Does PATH hold any expectation? (A ddilint-with file is verified too if so.) */
bool verify_has_expectations(const char *path);

#endif
