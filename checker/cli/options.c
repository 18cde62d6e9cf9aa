/* options.c - parse ddilint's command line.
 *
 * Compiler flags pass through in the order given: -I, -D, -U, -include,
 * -isystem (joined or separate), and everything after "--". A lone "-" is
 * not a path (no stdin input). */
#include "options.h"

#include <stdlib.h>
#include <string.h>

const char *cli_usage(void)
{
	return "usage: ddilint [options] PATH... [-- COMPILER-ARGS...]\n"
	       "       ddilint -p BUILD-DIR [options] [PATH...]\n"
	       "\n"
	       "Checks Windows kernel-driver C source against the DDI contracts in its knowledge base.\n"
	       "PATH is a .c file or a directory (searched recursively for *.c, skipping build output).\n"
	       "With no compiler flags, files are parsed as kernel drivers against the embedded\n"
	       "mingw-w64 DDK headers.\n"
	       "\n"
	       "Output:\n"
	       "  --format text|json|sarif   report format (default text)\n"
	       "  -o FILE                    write the report to FILE (atomically) instead of stdout\n"
	       "  --color=auto|always|never  colour in text output (default auto; NO_COLOR disables)\n"
	       "  -q, --quiet                no summary, notes or progress on stderr\n"
	       "  --progress, --no-progress  progress line on stderr (default: when it is a terminal)\n"
	       "Parsing:\n"
	       "  -p DIR|FILE                read compile_commands.json (in DIR, or FILE) and analyse the\n"
	       "                             files it lists (only those under the PATHs, when given)\n"
	       "  --wdk DIR                  use a real WDK include tree (DIR holds km/ and shared/)\n"
	       "  -I DIR, -D NAME[=V], -U NAME, -include FILE, -isystem DIR, -idirafter DIR, -iquote DIR\n"
	       "                             passed to the compiler\n"
	       "  -- ARGS...                 everything after -- is passed to the compiler\n"
	       "  --print-flags              print the compiler flags used and exit\n"
	       "Configuration and suppressions (docs/config.md, docs/suppressions.md):\n"
	       "  --config FILE              use FILE for every input instead of the nearest .ddilint.json\n"
	       "  --no-config                ignore .ddilint.json files\n"
	       "  --report-unused-suppressions  report suppressions that suppress nothing\n"
	       "  --baseline FILE            hide the findings recorded in FILE (only new ones are reported)\n"
	       "  --write-baseline FILE      record the current findings in FILE\n"
	       "  --fix                      apply the safe fixes in place\n"
	       "Other:\n"
	       "  -j N, --jobs N             analyse N files at a time (default: one per core)\n"
	       "  --cache-dir DIR            keep the results of unchanged files in DIR\n"
	       "                             (default ~/.cache/ddilint/results)\n"
	       "  --no-cache                 analyse every file afresh (also DDILINT_NO_CACHE=1)\n"
	       "  --verify                   check the findings against the expected-* comments in each file\n"
	       "  --list-rules               list the rules\n"
	       "  --explain RULE             print the documentation of RULE\n"
	       "  --version                  print the version\n"
	       "  -h, --help                 this text\n"
	       "\n"
	       "Exit status: 0 no findings, 1 findings, 2 usage error, bad configuration or compile\n"
	       "database, or an input that could not be analysed.\n";
}

static enum ddl_status push_cc(struct cli_opts *o, const char *arg)
{
	const char **n = realloc(o->cc_args, (o->n_cc_args + 1) * sizeof(*n));

	if (!n)
		return DDL_ERR_NOMEM;
	o->cc_args = n;
	o->cc_args[o->n_cc_args++] = arg;
	return DDL_OK;
}

static enum ddl_status push_owned(struct cli_opts *o, char *arg)
{
	char **n;

	if (!arg)
		return DDL_ERR_NOMEM;
	n = realloc(o->owned_args, (o->n_owned_args + 1) * sizeof(*n));
	if (!n) {
		free(arg);
		return DDL_ERR_NOMEM;
	}
	o->owned_args = n;
	o->owned_args[o->n_owned_args++] = arg;
	return push_cc(o, arg);
}

void cli_opts_free(struct cli_opts *o)
{
	unsigned i;

	for (i = 0; i < o->n_owned_args; i++)
		free(o->owned_args[i]);
	free(o->owned_args);
	free(o->cc_args);
	free(o->paths);
	memset(o, 0, sizeof(*o));
}

/* "--name=value" or "--name value": the value, advancing *I as needed. */
static const char *value_of(int argc, char **argv, int *i, const char *name, struct ddl_error *err)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n) == 0 && a[n] == '=')
		return a + n + 1;
	if (strcmp(a, name) == 0) {
		if (*i + 1 >= argc) {
			ddl_fail(err, DDL_ERR_USAGE, NULL, "%s needs a value", name);
			return NULL;
		}
		return argv[++*i];
	}
	return NULL;
}

/* The compiler options that pass through, each taking a value (joined or next). */
static const char *cc_option(const char *a)
{
	static const char *const opts[] = {
		"-isystem", "-idirafter", "-iquote", "-include", "-imacros", "-I", "-D", "-U", NULL,
	};
	unsigned i;

	if (strncmp(a, "-std=", 5) == 0)
		return "-std=";
	for (i = 0; opts[i]; i++)
		if (strncmp(a, opts[i], strlen(opts[i])) == 0)
			return opts[i];
	return NULL;
}

/* -j N: 1..CLI_MAX_JOBS. */
static enum ddl_status parse_jobs(const char *v, unsigned *out)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (!*v || *end || n < 1 || n > CLI_MAX_JOBS)
		return DDL_ERR_USAGE;
	*out = (unsigned)n;
	return DDL_OK;
}

static bool is_opt(const char *a, const char *name)
{
	size_t n = strlen(name);

	return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

enum ddl_status cli_parse(int argc, char **argv, struct cli_opts *o, struct ddl_error *err)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->paths = calloc((size_t)argc + 1, sizeof(*o->paths));
	if (!o->paths)
		return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v;

		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				if (push_cc(o, argv[i]) != DDL_OK)
					return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
			break;
		}
		if (a[0] != '-' || strcmp(a, "-") == 0) {
			o->paths[o->n_paths++] = a;
			continue;
		}
		if (is_opt(a, "--format")) {
			if (!(v = value_of(argc, argv, &i, "--format", err)))
				return DDL_ERR_USAGE;
			if (report_parse_format(v, &o->format) != DDL_OK)
				return ddl_fail(err, DDL_ERR_USAGE, NULL, "unknown format '%s' (text, json or sarif)", v);
		} else if (strcmp(a, "-o") == 0 || strncmp(a, "-o", 2) == 0 || is_opt(a, "--output")) {
			if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
				if (i + 1 >= argc)
					return ddl_fail(err, DDL_ERR_USAGE, NULL, "%s needs a file name", a);
				o->output = argv[++i];
			} else {
				o->output = a[1] == 'o' ? a + 2 : a + strlen("--output=");
			}
		} else if (is_opt(a, "--wdk")) {
			if (!(o->wdk_dir = value_of(argc, argv, &i, "--wdk", err)))
				return DDL_ERR_USAGE;
		} else if (is_opt(a, "--header-cache")) {
			if (!(o->header_dir = value_of(argc, argv, &i, "--header-cache", err)))
				return DDL_ERR_USAGE;
		} else if (is_opt(a, "--resource-dir")) {
			if (!(o->resource_dir = value_of(argc, argv, &i, "--resource-dir", err)))
				return DDL_ERR_USAGE;
		} else if (is_opt(a, "--color")) {
			v = strchr(a, '=') ? strchr(a, '=') + 1 : "always";
			if (strcmp(v, "auto") == 0)
				o->color = CLI_COLOR_AUTO;
			else if (strcmp(v, "always") == 0)
				o->color = CLI_COLOR_ALWAYS;
			else if (strcmp(v, "never") == 0)
				o->color = CLI_COLOR_NEVER;
			else
				return ddl_fail(err, DDL_ERR_USAGE, NULL, "unknown --color value '%s'", v);
		} else if (strcmp(a, "--no-color") == 0) {
			o->color = CLI_COLOR_NEVER;
		} else if (strcmp(a, "--verify") == 0) {
			o->verify = true;
		} else if (strcmp(a, "--list-rules") == 0) {
			o->list_rules = true;
		} else if (strcmp(a, "--version") == 0) {
			o->version = true;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			o->help = true;
		} else if (strcmp(a, "--print-flags") == 0) {
			o->print_flags = true;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			o->quiet = true;
		} else if (strcmp(a, "--progress") == 0) {
			o->progress = 1;
		} else if (strcmp(a, "--no-progress") == 0) {
			o->progress = -1;
		} else if (strcmp(a, "-p") == 0 || (strncmp(a, "-p", 2) == 0 && a[2] != '-') ||
			   is_opt(a, "--compile-commands")) {
			if (strcmp(a, "-p") == 0 || strcmp(a, "--compile-commands") == 0) {
				if (i + 1 >= argc)
					return ddl_fail(err, DDL_ERR_USAGE, NULL, "%s needs a directory or file", a);
				o->compdb = argv[++i];
			} else {
				o->compdb = a[1] == 'p' ? a + 2 : a + strlen("--compile-commands=");
			}
		} else if (strcmp(a, "-j") == 0 || strncmp(a, "-j", 2) == 0 || is_opt(a, "--jobs")) {
			if (!(v = strcmp(a, "-j") == 0 ? (i + 1 < argc ? argv[++i] : NULL) :
				  a[1] == 'j' ? a + 2 : value_of(argc, argv, &i, "--jobs", err)))
				return ddl_fail(err, DDL_ERR_USAGE, NULL, "%s needs a number", a);
			if (parse_jobs(v, &o->jobs) != DDL_OK)
				return ddl_fail(err, DDL_ERR_USAGE, NULL, "bad job count '%s' (a number from 1 to %u)",
						v, CLI_MAX_JOBS);
		} else if (is_opt(a, "--config")) {
			if (!(o->config = value_of(argc, argv, &i, "--config", err)))
				return DDL_ERR_USAGE;
		} else if (strcmp(a, "--no-config") == 0) {
			o->no_config = true;
		} else if (is_opt(a, "--baseline")) {
			if (!(o->baseline = value_of(argc, argv, &i, "--baseline", err)))
				return DDL_ERR_USAGE;
		} else if (is_opt(a, "--write-baseline")) {
			if (!(o->write_baseline = value_of(argc, argv, &i, "--write-baseline", err)))
				return DDL_ERR_USAGE;
		} else if (is_opt(a, "--explain")) {
			if (!(o->explain = value_of(argc, argv, &i, "--explain", err)))
				return DDL_ERR_USAGE;
		} else if (is_opt(a, "--cache-dir")) {
			if (!(o->cache_dir = value_of(argc, argv, &i, "--cache-dir", err)))
				return DDL_ERR_USAGE;
		} else if (strcmp(a, "--no-cache") == 0) {
			o->no_cache = true;
		} else if (strcmp(a, "--fix") == 0) {
			o->fix = true;
		} else if (strcmp(a, "--report-unused-suppressions") == 0) {
			o->report_unused = true;
		} else if ((v = cc_option(a))) {
			/* A compiler option: "-Ifoo" as it is, "-I foo" joined for -I/-D/-U,
			 * "-isystem foo" kept as two arguments. */
			if (a[strlen(v)] != '\0') {
				if (push_cc(o, a) != DDL_OK)
					return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
			} else if (i + 1 >= argc) {
				return ddl_fail(err, DDL_ERR_USAGE, NULL, "%s needs a value", a);
			} else if (strlen(v) == 2) {
				if (push_owned(o, ddl_asprintf("%s%s", a, argv[++i])) != DDL_OK)
					return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
			} else if (push_cc(o, a) != DDL_OK || push_cc(o, argv[++i]) != DDL_OK) {
				return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
			}
		} else {
			return ddl_fail(err, DDL_ERR_USAGE, NULL, "unknown option '%s' (see --help)", a);
		}
	}
	if (o->verify && (o->fix || o->baseline || o->write_baseline))
		return ddl_fail(err, DDL_ERR_USAGE, NULL, "--verify does not combine with --fix or baselines");
	if (!o->n_paths && !o->compdb && !o->list_rules && !o->version && !o->help && !o->print_flags &&
	    !o->explain)
		return ddl_fail(err, DDL_ERR_USAGE, NULL, "no input files (see --help)");
	return DDL_OK;
}
