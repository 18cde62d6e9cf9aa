/* prefix-test.c - unit tests of the include-prefix scan (frontend/prefix.h):
 * which leading headers a PCH may stand in for, and where the scan must stop.
 *
 * usage: prefix-test TMPDIR   (writes its project headers there)
 */
#define _POSIX_C_SOURCE 200809L /* strdup, setenv */
#include "frontend/prefix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int failures;
static char dir[4096];

static void put(const char *name, const char *text)
{
	char path[8192];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

/* Scan TEXT as DIR/main.c with ARGS; the prefix must be EXPECT (space separated). */
static unsigned n_own = 1; /* how many of ARGS are ddilint's own (the rest the user's) */

static void check(const char *what, const char *text, const char *expect, const char *const *args, unsigned n_args)
{
	struct fe_prefix p;
	char path[8192], got[4096] = "";
	unsigned i;

	snprintf(path, sizeof(path), "%s/main.c", dir);
	if (fe_prefix_scan(path, text, strlen(text), args, n_args, n_own, &p) != DDL_OK) {
		printf("FAIL %s: out of memory\n", what);
		failures++;
		return;
	}
	for (i = 0; i < p.n; i++) {
		if (i)
			strcat(got, " ");
		strncat(got, p.names[i], sizeof(got) - strlen(got) - 2);
	}
	if (strcmp(got, expect) != 0) {
		printf("FAIL %s: prefix \"%s\", expected \"%s\"\n", what, got, expect);
		failures++;
	} else {
		printf("ok   %s\n", what);
	}
	fe_prefix_clear(&p);
}

int main(int argc, char **argv)
{
	static const char *const none[] = { "-xc" };
	static const char *const guard_defined[] = { "-xc", "-DPRECOMP_H" };
	static const char *const msvc[] = { "-xc", "-fms-compatibility" };

	if (argc != 2) {
		fprintf(stderr, "usage: prefix-test TMPDIR\n");
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s", argv[1]);
	mkdir(dir, 0755);
	put("precomp.h", "/* project header */\n#ifndef PRECOMP_H\n#define PRECOMP_H\n#include <ntifs.h>\n"
			 "#include <ntdddisk.h>\n#include \"local.h\"\n#endif\n");
	put("local.h", "#pragma once\nstruct local { int x; };\n");
	put("noguard.h", "#include <wdm.h>\nint x;\n");
	put("define-first.h", "#ifndef A_H\n#define A_H 1\n#include <wdm.h>\n#endif\n");
	put("once.h", "// comment\n#pragma once\n#include <ntddk.h>\n#include <storport.h>\n");

	check("angle includes", "#include <ntddk.h>\n#include <wdmguid.h>\nint x;\n", "ntddk.h wdmguid.h", none, 1);
	check("comments and blank lines", "/* a\n * licence */\n\n// x\n#include <wdm.h> // why\n  #  include <ntstrsafe.h>\nint x;\n",
	      "wdm.h ntstrsafe.h", none, 1);
	check("into a guarded project header", "#include \"precomp.h\"\nint x;\n", "ntifs.h ntdddisk.h", none, 1);
	check("into a #pragma once header", "#include \"once.h\"\n", "ntddk.h storport.h", none, 1);
	check("a header without a guard still leads the way", "#include \"noguard.h\"\n", "wdm.h", none, 1);
	check("a guard with a value is a #define", "#include \"define-first.h\"\n", "", none, 1);
	check("a guard the command line defines", "#include \"precomp.h\"\n", "", guard_defined, 2);
	check("quoted, not next to the file: an angle include", "#include \"miniport.h\"\n#include <storport.h>\n",
	      "miniport.h storport.h", none, 1);
	check("a #define stops", "#include <ntddk.h>\n#define INITGUID\n#include <wdmguid.h>\n", "ntddk.h", none, 1);
	check("an #if stops", "#if DBG\n#include <ntddk.h>\n#endif\n", "", none, 1);
	check("#pragma warning does not stop", "#pragma warning(disable: 4201) // why\n#pragma warning( push )\n"
	      "#include <ntddk.h>\n#pragma prefast(disable: 28101, \"x)\")\n#include <wdmguid.h>\n", "ntddk.h wdmguid.h", none, 1);
	check("#pragma pack stops", "#include <wdm.h>\n#pragma pack(push, 1)\n#include <ntddk.h>\n", "wdm.h", none, 1);
	check("#pragma once in the driver itself stops", "#pragma once\n#include <ntddk.h>\n", "", none, 1);
	check("an unbalanced #pragma stops", "#pragma warning(disable: 4201\n#include <ntddk.h>\n", "", none, 1);
	check("code stops", "int x;\n#include <ntddk.h>\n", "", none, 1);
	check("a byte order mark", "\xef\xbb\xbf#include <wdm.h>\n", "wdm.h", none, 1);
	check("CRLF", "#include <wdm.h>\r\n#include <ntstrsafe.h>\r\nint x;\r\n", "wdm.h ntstrsafe.h", none, 1);
	check("a line splice stops", "#include <wdm.h>\n#include \\\n<ntddk.h>\n", "wdm.h", none, 1);
	check("a comment running past the line stops", "#include <wdm.h> /* a\n b */ int x;\n", "", none, 1);
	check("an unterminated comment stops", "#include <wdm.h>\n/* never closed", "wdm.h", none, 1);
	check("a computed include stops", "#define H <wdm.h>\n#include H\n", "", none, 1);
	check("an empty file", "", "", none, 1);
	check("duplicates once", "#include <wdm.h>\n#include <wdm.h>\n", "wdm.h", none, 1);
	check("MSVC include search: no PCH", "#include <wdm.h>\n", "", msvc, 2);
	{
		char q[8192];
		const char *args[3] = { "-xc", "-iquote", q };

		snprintf(q, sizeof(q), "%s/q", dir);
		mkdir(q, 0755);
		put("q/quoted.h", "#include <wdm.h>\n");
		check("a quoted header found through -iquote stops",
		      "#include <wdm.h>\n#include \"quoted.h\"\n#include <ntddk.h>\n", "wdm.h", args, 3);
	}
	{
		/* A search path: a system directory (the session's own arguments)
		 * and a user -I directory after them. */
		char sys[8192], user[8192];
		const char *args[5] = { "-xc", "-isystem", sys, "-I", user };

		snprintf(sys, sizeof(sys), "%s/sys", dir);
		snprintf(user, sizeof(user), "%s/user", dir);
		mkdir(sys, 0755);
		mkdir(user, 0755);
		put("sys/guarded.h", "/* c */\n#ifndef G_H\n#define G_H\n#if X\n#endif\nint a; /* #endif */\n#endif // G_H\n\n");
		put("sys/ifdefined.h", "#if !defined(I_H)\n#define I_H 1\nint b;\n#endif\n");
		put("sys/once.h", "#pragma once\nint c;\n");
		put("sys/noguard.h", "#define NOGUARD 1\n");
		put("sys/after.h", "#ifndef A_H\n#define A_H\n#endif\nint after_the_guard;\n");
		put("sys/unclosed.h", "#ifndef U_H\n#define U_H\n#if 1\n#endif\n");
		put("user/precomp.h", "#include <guarded.h>\n#include <once.h>\n");
		n_own = 3;
		check("guarded system headers", "#include <guarded.h>\n#include <ifdefined.h>\n#include <once.h>\n",
		      "guarded.h ifdefined.h once.h", args, 5);
		check("an unguarded system header ends the prefix", "#include <guarded.h>\n#include <noguard.h>\n#include <once.h>\n",
		      "guarded.h", args, 5);
		check("code after the guard's #endif: unguarded", "#include <after.h>\n", "", args, 5);
		check("a guard never closed: unguarded", "#include <unclosed.h>\n", "", args, 5);
		check("<precomp.h> in a user -I directory is gone into", "#include <precomp.h>\n#include <guarded.h>\n",
		      "guarded.h once.h", args, 5);
		n_own = 5;
		check("... in one of the session's own, it is a system header (unguarded: the prefix ends)",
		      "#include <precomp.h>\n", "", args, 5);
		n_own = 1;
	}
	return failures ? 1 : 0;
}
