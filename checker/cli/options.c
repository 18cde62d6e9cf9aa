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
	       "  -q, --quiet                no summary on stderr\n"
	       "Parsing:\n"
	       "  --wdk DIR                  use a real WDK include tree (DIR holds km/ and shared/)\n"
	       "  -I DIR, -D NAME[=V], -U NAME, -include FILE, -isystem DIR, -idirafter DIR, -iquote DIR\n"
	       "                             passed to the compiler\n"
	       "  -- ARGS...                 everything after -- is passed to the compiler\n"
	       "  --print-flags              print the compiler flags used and exit\n"
	       "Other:\n"
	       "  --verify                   check the findings against the expected-* comments in each file\n"
	       "  --list-rules               list the rules\n"
	       "  --version                  print the version\n"
	       "  -h, --help                 this text\n"
	       "\n"
	       "Exit status: 0 no findings, 1 findings, 2 usage error or an input that could not be analysed.\n";
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
	if (!o->n_paths && !o->list_rules && !o->version && !o->help && !o->print_flags)
		return ddl_fail(err, DDL_ERR_USAGE, NULL, "no input files (see --help)");
	return DDL_OK;
}
