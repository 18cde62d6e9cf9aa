/* ccflags.c - compile-database flags to frontend flags (see ccflags.h).
 *
 * The cl option list follows "Compiler options listed alphabetically"
 * (learn.microsoft.com/cpp/build/reference/compiler-options-listed-alphabetically)
 * and the reference notes in sarif-and-ecosystem.md section 4. libclang 14
 * has no /kernel; the frontend already parses as a kernel driver, and the
 * WDK headers key on _KERNEL_MODE, which /kernel defines.
 */
#include "ccflags.h"
#include "cmdline.h"
#include "paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RESPONSE_DEPTH 8

struct tr {
	const char *dir;
	bool cl;
	struct cli_strv *args, *dropped;
	bool *cxx;
	enum ddl_status st;
};

static void keep(struct tr *t, char *arg)
{
	if (t->st == DDL_OK)
		t->st = cli_strv_take(t->args, arg);
	else
		free(arg);
}

static void drop(struct tr *t, const char *arg)
{
	char short_form[48];

	snprintf(short_form, sizeof(short_form), "%s%s", arg, strlen(arg) > 40 ? "..." : "");
	if (strlen(arg) > 40)
		memcpy(short_form + 40, "...", 4);
	if (t->st == DDL_OK)
		t->st = cli_strv_add_unique(t->dropped, short_form);
}

/* A path argument: backslashes from a Windows command become slashes, a
 * relative path is made absolute against the entry's directory; a drive
 * path (C:/...) cannot exist here and is kept as written. */
static char *path_arg(struct tr *t, const char *p)
{
	char *copy = ddl_strdup(p), *q, *out;

	if (!copy)
		return NULL;
	if (t->cl)
		for (q = copy; *q; q++)
			if (*q == '\\')
				*q = '/';
	if (copy[0] && copy[1] == ':')
		return copy;
	out = cli_path_abs(t->dir, copy);
	free(copy);
	return out;
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

static bool prefix_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (starts(s, *list))
			return true;
	return false;
}

/* ---- gcc / clang ------------------------------------------------------------ */

static const char *const gcc_path_opts[] = { "-isystem", "-idirafter", "-iquote", "-include", "-imacros",
					     "-imsvc", "-I", NULL };
static const char *const gcc_value_drop[] = { "-o", "-MF", "-MT", "-MQ", "-x", "-target", "-arch", "-Xclang",
					      "-Xpreprocessor", "-Xlinker", "-Xassembler", "-include-pch",
					      "-isysroot", "--sysroot", "-aux-info", "-T", "-u", "-z", NULL };
static const char *const gcc_silent_prefix[] = { "-W", "-O", "-g", "-M", "-fdiagnostics", "-fcolor-diagnostics",
						 "-fno-color-diagnostics", "-fPIC", "-fpic", "-fPIE", "-fpie",
						 "-fstack-protector", "-fno-stack-protector", "-ffunction-sections",
						 "-fdata-sections", "-flto", "-fno-lto", NULL };
static const char *const gcc_kept_flags[] = { "-fms-extensions", "-fms-compatibility", "-fdeclspec",
					      "-fshort-wchar", "-funsigned-char", "-fsigned-char", NULL };

static unsigned gcc_arg(struct tr *t, const char *const *v, unsigned n, unsigned i)
{
	const char *a = v[i];
	unsigned k;

	if (a[0] != '-' || strcmp(a, "-") == 0)
		return 1; /* the source file (or another input): the run names its own */
	for (k = 0; gcc_path_opts[k]; k++) {
		const char *o = gcc_path_opts[k];
		const char *val = NULL;
		unsigned used = 1;

		if (!starts(a, o))
			continue;
		if (a[strlen(o)])
			val = a + strlen(o);
		else if (i + 1 < n)
			val = v[i + 1], used = 2;
		if (!val)
			return used;
		if (strcmp(o, "-imsvc") == 0)
			o = "-isystem";
		if (strcmp(o, "-I") == 0) {
			char *p = path_arg(t, val);

			keep(t, p ? ddl_asprintf("-I%s", p) : NULL);
			free(p);
		} else {
			keep(t, ddl_strdup(o));
			keep(t, path_arg(t, val));
		}
		return used;
	}
	if (starts(a, "-D") || starts(a, "-U")) {
		if (a[2]) {
			keep(t, ddl_strdup(a));
			return 1;
		}
		if (i + 1 < n)
			keep(t, ddl_asprintf("%s%s", a, v[i + 1]));
		return 2;
	}
	if (starts(a, "-std=")) {
		if ((starts(a + 5, "c") || starts(a + 5, "gnu")) && !strstr(a, "++")) {
			keep(t, ddl_strdup(a));
		} else {
			*t->cxx = true;
			drop(t, a);
		}
		return 1;
	}
	if (one_of(a, gcc_kept_flags)) {
		keep(t, ddl_strdup(a));
		return 1;
	}
	if (one_of(a, gcc_value_drop)) {
		if (strcmp(a, "-x") == 0 && i + 1 < n && strstr(v[i + 1], "++"))
			*t->cxx = true;
		if (strcmp(a, "-o") != 0 && strcmp(a, "-x") != 0 && !starts(a, "-M"))
			drop(t, a);
		return i + 1 < n ? 2 : 1;
	}
	if (strcmp(a, "-c") == 0 || strcmp(a, "-w") == 0 || strcmp(a, "-pipe") == 0 || prefix_of(a, gcc_silent_prefix))
		return 1;
	drop(t, a);
	return 1;
}

/* ---- cl.exe / clang-cl ---------------------------------------------------- */

/* Dropped without a note: output files, PCH, diagnostics, code generation
 * (sarif-and-ecosystem.md section 4's list, and their neighbours). */
static const char *const cl_silent_prefix[] = {
	"c", "nologo", "Fo", "Fd", "Fa", "Fe", "Fp", "Fi", "FR", "Fr", "Fm", "Yu", "Yc", "Yl", "Zi", "Z7", "ZI",
	"W", "wd", "we", "wo", "O", "MP", "analyze", "showIncludes", "errorReport", "diagnostics", "FS", "sdl",
	"GS", "Gy", "Gz", "Gr", "Gd", "Gm", "GF", "GL", "GR", "Gw", "guard", "Qspectre", "d1", "d2", "FC", "EH",
	"MT", "MD", "RTC", "Zc:", "Zp", "utf-8", "source-charset", "execution-charset", "validate-charset",
	"permissive", "bigobj", "JMC", "Zl", "Oi", "Oy", "fp:", "arch:", "cgthreads", "external:W",
	"external:anglebrackets", "experimental:", "TC", "Tc", "kernel-", "Brepro", "ZH:", "hotpatch",
	"Qpar", "Qvec", "volatile:", "Gh", "GH", "Qfast_transcendentals", "Qimprecise_fwaits", NULL,
};

static unsigned cl_arg(struct tr *t, const char *const *v, unsigned n, unsigned i)
{
	const char *a = v[i], *o;
	const char *val = NULL;
	unsigned used = 1;

	if (a[0] != '/' && a[0] != '-')
		return 1; /* the source file */
	o = a + 1;
	if (strcmp(o, "link") == 0)
		return n - i; /* the rest is for the linker */
	if (strcmp(o, "kernel") == 0) {
		keep(t, ddl_strdup("-D_KERNEL_MODE=1"));
		return 1;
	}
	/* Options that take a value, joined or as the next argument. */
	{
		static const char *const with_value[] = { "external:I", "imsvc", "FI", "I", "D", "U", NULL };
		unsigned k;

		for (k = 0; with_value[k]; k++) {
			if (!starts(o, with_value[k]))
				continue;
			if (o[strlen(with_value[k])])
				val = o + strlen(with_value[k]);
			else if (i + 1 < n)
				val = v[i + 1], used = 2;
			if (!val)
				return used;
			switch (with_value[k][0]) {
			case 'D': {
				/* cl reads /DNAME#VALUE as NAME=VALUE. */
				char *d = ddl_asprintf("-D%s", val), *hash = d ? strchr(d, '#') : NULL;

				if (hash && !strchr(d, '='))
					*hash = '=';
				keep(t, d);
				break;
			}
			case 'U':
				keep(t, ddl_asprintf("-U%s", val));
				break;
			case 'I': {
				char *p = path_arg(t, val);

				keep(t, p ? ddl_asprintf("-I%s", p) : NULL);
				free(p);
				break;
			}
			default: /* FI, imsvc, external:I */
				keep(t, ddl_strdup(with_value[k][0] == 'F' ? "-include" : "-isystem"));
				keep(t, path_arg(t, val));
				break;
			}
			return used;
		}
	}
	if (starts(o, "TP") || starts(o, "Tp")) {
		*t->cxx = true;
		drop(t, a);
		return 1;
	}
	if (prefix_of(o, cl_silent_prefix))
		return 1;
	drop(t, a);
	return 1;
}

/* ---- response files --------------------------------------------------------- */

static enum ddl_status expand(struct tr *t, const char *const *v, unsigned n, struct cli_strv *out, unsigned depth)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		struct cli_strv inner = { 0 };
		struct ddl_error err = { 0 };
		char *path, *text;
		enum ddl_status st;

		if (v[i][0] != '@' || !v[i][1] || depth >= MAX_RESPONSE_DEPTH) {
			if (cli_strv_add(out, v[i]) != DDL_OK)
				return DDL_ERR_NOMEM;
			continue;
		}
		path = t->cl ? path_arg(t, v[i] + 1) : cli_path_abs(t->dir, v[i] + 1);
		if (!path)
			return DDL_ERR_NOMEM;
		text = cli_read_response(path, &err);
		free(path);
		if (!text) {
			if (err.status == DDL_ERR_NOMEM)
				return DDL_ERR_NOMEM;
			drop(t, v[i]); /* unreadable: named in the note */
			continue;
		}
		st = t->cl ? cli_split_windows(text, &inner) : cli_split_posix(text, &inner);
		free(text);
		if (st == DDL_OK)
			st = expand(t, (const char *const *)inner.v, inner.n, out, depth + 1);
		cli_strv_free(&inner);
		if (st != DDL_OK)
			return st;
	}
	return DDL_OK;
}

enum ddl_status cli_flags_translate(const char *const *argv, unsigned argc, const char *directory,
				    struct cli_strv *args, struct cli_strv *dropped, bool *cxx)
{
	struct tr t = { directory, argc && cli_is_cl_driver(argv[0]), args, dropped, cxx, DDL_OK };
	struct cli_strv flat = { 0 };
	unsigned i;

	*cxx = false;
	if (argc < 2)
		return DDL_OK;
	t.st = expand(&t, argv + 1, argc - 1, &flat, 0);
	for (i = 0; i < flat.n && t.st == DDL_OK;)
		i += t.cl ? cl_arg(&t, (const char *const *)flat.v, flat.n, i) :
			    gcc_arg(&t, (const char *const *)flat.v, flat.n, i);
	cli_strv_free(&flat);
	return t.st;
}
