/* suppress_lex.h - the part of C lexing that suppressions need, private to
 * findings/suppress*.c: where the comments and #pragma lines of a file are,
 * and which lines hold code. Strings and character literals are skipped, so
 * a "NOLINT" inside a string is not a directive. */
#ifndef SUPPRESS_LEX_H
#define SUPPRESS_LEX_H

#include "../ddl.h"

#include <stdbool.h>

struct slex_comment {
	unsigned line, end_line; /* first and last line of the comment */
	unsigned col;            /* 1-based byte column of the comment start */
	const char *text;        /* inside the delimiters, borrowed from the source */
	size_t len;
};

struct slex_pragma {
	unsigned line, end_line; /* a directive may continue over backslash-newlines */
	char *text;              /* owned: what follows "#pragma", continuations joined */
};

struct slex {
	struct slex_comment *comments;
	unsigned n_comments;
	struct slex_pragma *pragmas;
	unsigned n_pragmas;
	bool *has_code;          /* has_code[line] for 1..n_lines: a line with code outside directives */
	unsigned n_lines;
};

/* Lex TEXT (LEN bytes) into OUT. Returns DDL_OK or DDL_ERR_NOMEM; free OUT
 * with slex_free either way. OUT borrows TEXT. */
enum ddl_status slex_scan(const char *text, size_t len, struct slex *out);
void slex_free(struct slex *lx);

/* The first line after LINE that holds code, or 0 when there is none. */
unsigned slex_next_code_line(const struct slex *lx, unsigned line);

#endif
