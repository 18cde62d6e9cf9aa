/* options.h - the command line, parsed into a struct; nothing is run here. */
#ifndef CLI_OPTIONS_H
#define CLI_OPTIONS_H

#include "../ddl.h"
#include "../report/report.h"

#include <stdbool.h>

enum cli_exit {
	CLI_EXIT_CLEAN = 0,    /* no findings */
	CLI_EXIT_FINDINGS = 1, /* findings (or, with --verify, a failed expectation) */
	CLI_EXIT_ERROR = 2,    /* usage error, or an input that could not be analysed */
};

enum cli_color { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

#define CLI_MAX_JOBS 256

struct cli_opts {
	const char **paths;        /* borrowed from argv; n_paths of them */
	unsigned n_paths;
	const char **cc_args;      /* -I/-D/-U/-include and everything after "--" (owned array, borrowed strings) */
	unsigned n_cc_args;
	char **owned_args;         /* strings built here (e.g. "-I" "dir" joined), freed with the opts */
	unsigned n_owned_args;
	enum report_format format;
	const char *output;        /* -o FILE, or NULL for stdout */
	const char *wdk_dir;
	const char *header_dir;    /* --header-cache DIR */
	const char *resource_dir;  /* --resource-dir DIR */
	enum cli_color color;
	bool verify;
	bool list_rules;
	bool version;
	bool help;
	bool print_flags;
	bool quiet;

	/* Integration (issue 7): compile database, configuration, suppressions,
	 * baselines, fixes, parallel runs. Strings borrowed from argv. */
	const char *compdb;        /* -p DIR|FILE: compile_commands.json, or NULL */
	const char *config;        /* --config FILE: use this configuration for every file */
	bool no_config;            /* --no-config: do not look for .ddilint.json */
	const char *baseline;      /* --baseline FILE: hide the findings it records */
	const char *write_baseline; /* --write-baseline FILE */
	const char *explain;       /* --explain RULE */
	unsigned jobs;             /* -j N; 0 = one per core */
	int progress;              /* -1 never, 0 auto (stderr is a terminal), 1 always */
	const char *cache_dir;     /* --cache-dir DIR: where the result cache lives (cache/rcache.h) */
	bool no_cache;             /* --no-cache: analyse every file afresh */
	bool fix;                  /* --fix: apply the fixes in place */
	bool report_unused;        /* --report-unused-suppressions */
};

/* Parse ARGV into OPTS. Returns DDL_OK or DDL_ERR_USAGE with ERR saying why.
 * OPTS must be released with cli_opts_free either way. */
enum ddl_status cli_parse(int argc, char **argv, struct cli_opts *opts, struct ddl_error *err);
void cli_opts_free(struct cli_opts *opts);

/* The --help text. */
const char *cli_usage(void);

#endif
