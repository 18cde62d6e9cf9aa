/* cmdline.h - split a compile command into arguments the way the shell or
 * the Windows C runtime would, and expand @response files. Nothing is ever
 * executed: no variable, glob or command substitution happens. */
#ifndef CLI_CMDLINE_H
#define CLI_CMDLINE_H

#include "strv.h"

/* Split S with POSIX shell quoting ('...', "...", backslash) into OUT. */
enum ddl_status cli_split_posix(const char *s, struct cli_strv *out);

/* Split S with the Microsoft C runtime rules (CommandLineToArgvW): blanks
 * separate, "..." groups, 2n backslashes before a quote give n and the
 * quote toggles, 2n+1 give n and a literal quote, other backslashes are
 * literal. */
enum ddl_status cli_split_windows(const char *s, struct cli_strv *out);

/* The text of response file PATH as UTF-8: a UTF-16LE file with a byte
 * order mark (what MSBuild writes) is converted, a UTF-8 BOM dropped.
 * Owned by the caller (free with free), or NULL with ERR filled in. */
char *cli_read_response(const char *path, struct ddl_error *err);

/* Is ARGV0 (a path or a name) cl.exe or clang-cl, whose arguments use the
 * Windows rules and cl-style options? */
bool cli_is_cl_driver(const char *argv0);

/* The first word of the command S, unquoted. Owned by the caller, or NULL. */
char *cli_first_word(const char *s);

#endif
