/* ddl.h - status codes and the error record shared by every module.
 *
 * Modules never print and never exit: they return a status, and where the
 * caller needs to tell the user why, they fill a struct ddl_error that names
 * the file and the reason. Only main.c / cli decide what reaches stderr.
 */
#ifndef DDL_H
#define DDL_H

#include <stddef.h>

enum ddl_status {
	DDL_OK = 0,
	DDL_ERR_IO,     /* a file could not be read or written */
	DDL_ERR_PARSE,  /* an input is not what it claims to be */
	DDL_ERR_NOMEM,
	DDL_ERR_USAGE,
};

struct ddl_error {
	enum ddl_status status;
	char file[512];   /* the input the error is about, "" if none */
	char msg[512];    /* the reason, one line, no trailing period */
};

/* Fill ERR (may be NULL) with STATUS, FILE (may be NULL) and a printf message.
 * Returns STATUS so callers can write `return ddl_fail(err, ...)`. */
enum ddl_status ddl_fail(struct ddl_error *err, enum ddl_status status,
			 const char *file, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Allocation helpers: NULL on failure, never abort. */
char *ddl_strdup(const char *s);
char *ddl_strndup(const char *s, size_t n);
/* Returns a new string owned by the caller (free with free), or NULL. */
char *ddl_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Read a whole file. Returns a new NUL-terminated buffer owned by the caller
 * (free with free) and its length in *LEN, or NULL with ERR filled in. */
char *ddl_read_file(const char *path, size_t *len, struct ddl_error *err);

/* mkdir -p PATH (mode 0755): 0, or -1 with errno set. */
int ddl_mkdir_p(const char *path);

#endif
