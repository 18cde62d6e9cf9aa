/* ccflags.h - a compile command from a compilation database, turned into
 * the arguments ddilint's frontend can use for the driver target.
 *
 * Both gcc/clang commands and cl.exe/clang-cl commands (as MSBuild and WDK
 * projects produce them) are understood. Only what changes how the driver's
 * source parses is kept - include directories, macros, forced includes -
 * and mapped onto the frontend's target (/I -> -I, /D -> -D, /FI -> -include,
 * /kernel -> -D_KERNEL_MODE=1, -imsvc -> -isystem); relative paths are made
 * absolute against the entry's directory. The rest is dropped: output,
 * optimisation and warning flags silently, anything that could matter
 * (another target, /TP, an unknown option) into DROPPED for a note.
 */
#ifndef CLI_CCFLAGS_H
#define CLI_CCFLAGS_H

#include "strv.h"

/* Translate ARGV[0..ARGC) (ARGV[0] is the compiler) of an entry whose
 * working directory is DIRECTORY (absolute). @response files are read
 * (relative to DIRECTORY) and expanded, never executed. Kept arguments are
 * appended to ARGS, dropped ones (distinct) to DROPPED. *CXX is set when
 * the command compiles the file as C++. Returns DDL_OK or DDL_ERR_NOMEM. */
enum ddl_status cli_flags_translate(const char *const *argv, unsigned argc, const char *directory,
				    struct cli_strv *args, struct cli_strv *dropped, bool *cxx);

#endif
