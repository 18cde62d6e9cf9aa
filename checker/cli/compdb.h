/* compdb.h - read a JSON compilation database (compile_commands.json, the
 * format of clang/docs/JSONCompilationDatabase.rst) into the list of files
 * to analyse and the frontend flags of each. Commands are only read, never
 * executed. */
#ifndef CLI_COMPDB_H
#define CLI_COMPDB_H

#include "strv.h"

struct cli_compdb_entry {
	char *file;        /* absolute, normalized (owned) */
	char *real;        /* realpath of FILE when it exists, else FILE (owned) */
	struct cli_strv args; /* frontend flags from the command (owned) */
};

struct cli_compdb {
	char *path;                      /* the file read (owned) */
	struct cli_compdb_entry *entries; /* one per C file, in database order (owned) */
	unsigned n;
	struct cli_strv dropped;         /* flags dropped from the commands, distinct */
	unsigned n_not_c;                /* entries skipped: not a .c file, or compiled as C++ */
	unsigned n_repeated;             /* entries skipped: the file was listed before */
};

/* Load the database at DIR_OR_FILE (a directory holding
 * compile_commands.json, or the file itself). Entries use "arguments" (an
 * array) or "command" (one string, split with shell rules, or Windows rules
 * for cl.exe); "file" and relative paths are relative to "directory"
 * (itself relative to the database's directory when relative). Unknown keys
 * are ignored. Only the first entry of a file is used. Returns DDL_OK, or an
 * error naming the database and the entry in ERR; free DB with
 * cli_compdb_free either way. */
enum ddl_status cli_compdb_load(const char *dir_or_file, struct cli_compdb *db, struct ddl_error *err);
void cli_compdb_free(struct cli_compdb *db);

/* The entry for the file whose realpath is REAL, or NULL. Borrowed. */
const struct cli_compdb_entry *cli_compdb_find(const struct cli_compdb *db, const char *real);

#endif
