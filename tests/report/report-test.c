/* report-test.c - the three reporters on a hand-built finding list.
 *
 *   report-test OUTDIR
 *
 * Creates OUTDIR, writes a few small source files into it, changes into it
 * and reports findings on them: a fix, a non-ASCII line, tabs, a path
 * finding, related locations (one in a header outside the source root), a
 * path with a space, a partial and a failed file. Writes out.txt, out.json
 * and out.sarif, and empty.* for an empty list (checked further by
 * check-report.py and the two schema validators), checks the text report line by line, and unit-tests the
 * helpers: UTF-16 columns, URIs, GitHub's line hash (test vectors from
 * github/codeql-action src/fingerprints.test.ts), atomic writes.
 * Exit status 0 = all passed; failures are listed on stderr.
 */
#define _POSIX_C_SOURCE 200809L
#include "report/report.h"
#include "report/report_impl.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;

#define CHECK(cond) check((cond), #cond, __LINE__)

static void check(bool ok, const char *what, int line)
{
	if (!ok) {
		fprintf(stderr, "report-test.c:%d: FAILED: %s\n", line, what);
		failures++;
	}
}

/* ---- building the list ---------------------------------------------------- */

static struct finding_loc at(const char *file, unsigned line, unsigned col, unsigned end_col)
{
	struct finding_loc l = { ddl_strdup(file), line, col, end_col };

	return l;
}

static struct finding make(const char *rule, enum finding_severity sev, const char *msg,
			   struct finding_loc loc, const char *function)
{
	struct finding f;

	memset(&f, 0, sizeof(f));
	f.rule_id = rule;
	f.severity = sev;
	f.message = ddl_strdup(msg);
	f.loc = loc;
	f.function = ddl_strdup(function);
	return f;
}

static void note(struct finding *f, struct finding_loc loc, const char *msg, const char *kind)
{
	CHECK(finding_add_note(f, loc, ddl_strdup(msg), kind) == DDL_OK);
}

static void fix(struct finding *f, const char *desc, struct finding_loc loc, const char *text)
{
	f->fix = calloc(1, sizeof(*f->fix));
	f->fix->description = ddl_strdup(desc);
	f->fix->loc = loc;
	f->fix->replacement = ddl_strdup(text);
}

static void add(struct finding_list *list, struct finding *f)
{
	CHECK(finding_list_add(list, f) == DDL_OK);
}

static void add_file(struct finding_list *list, const char *path, enum file_status st,
		     const char *reason, unsigned errors, unsigned functions, unsigned skipped,
		     const char *diag)
{
	struct file_result r;

	memset(&r, 0, sizeof(r));
	r.path = ddl_strdup(path);
	r.status = st;
	r.reason = ddl_strdup(reason);
	r.n_errors = errors;
	r.n_functions = functions;
	r.n_skipped = skipped;
	if (diag) {
		r.diagnostics = malloc(sizeof(char *));
		r.diagnostics[0] = ddl_strdup(diag);
		r.n_diagnostics = 1;
	}
	CHECK(finding_list_add_file(list, &r) == DDL_OK);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Line 3 and line 5 differ only in spacing: same ddilint/v1 key, occurrences 1 and 2. */
static const char io_c[] =
	"#include <wdm.h>\n"
	"void bad_map(PMDL m) {\n"
	"\tp = MmMapLockedPages(m, KernelMode);\n"
	"\t/* Gr\xC3\xB6\xC3\x9F" "e \xF0\x9F\x98\x80 */ p = MmMapLockedPages(m, KernelMode);\n"
	"\tp  =  MmMapLockedPages(m,KernelMode);\n"
	"}\n"
	"void other(void) { ProbeForRead(u, 4, 1); ExAllocatePool(NonPagedPool, 4); }\n";

static const char lock_c[] =
	"void bad_lock(PKSPIN_LOCK l) {\n"
	"\tKIRQL irql;\n"
	"\tKeAcquireSpinLock(l, &irql);\n"
	"\tif (error)\n"
	"\t\treturn;\n"
	"\tKeReleaseSpinLock(l, irql);\n"
	"}\n";

#define IO "src/io.c"
#define LOCK "src/dir with space/lock.c"

static struct finding_list *build_list(void)
{
	struct finding_list *list = finding_list_new();
	struct finding f;

	/* Added out of order: finding_list_finish sorts. */
	f = make("missing-release", SEV_WARNING, "spin lock 'l' is not released on this path",
		 at(LOCK, 5, 3, 9), "bad_lock");
	note(&f, at(LOCK, 3, 2, 19), "spin lock acquired here", "acquire");
	note(&f, at(LOCK, 4, 2, 0), "taking the true branch", "branch");
	f.is_path = true;
	add(list, &f);

	f = make("obsolete-ddi", SEV_WARNING,
		 "'MmMapLockedPages' is obsolete; use 'MmMapLockedPagesSpecifyCache'",
		 at(IO, 4, 25, 41), "bad_map");
	add(list, &f);

	f = make("obsolete-ddi", SEV_WARNING,
		 "'MmMapLockedPages' is obsolete; use 'MmMapLockedPagesSpecifyCache'",
		 at(IO, 3, 6, 22), "bad_map");
	fix(&f, "use 'MmMapLockedPagesSpecifyCache'", at(IO, 3, 6, 22), "MmMapLockedPagesSpecifyCache");
	add(list, &f);

	f = make("obsolete-ddi", SEV_WARNING,
		 "'MmMapLockedPages' is obsolete; use 'MmMapLockedPagesSpecifyCache'",
		 at(IO, 5, 8, 24), "bad_map");
	add(list, &f);

	f = make("storport-prohibited-ddi", SEV_ERROR,
		 "'ExAllocatePool' must not be called by a Storport miniport",
		 at(IO, 7, 43, 57), "other");
	note(&f, at("/nonexistent/ddk/wdm.h", 100, 1, 0), "declared here", NULL);
	note(&f, at(IO, 1, 1, 0), "the driver is a Storport miniport.", NULL);
	add(list, &f);

	f = make("missing-seh-guard", SEV_NOTE,
		 "'ProbeForRead' can raise [STATUS_ACCESS_VIOLATION] outside __try",
		 at(IO, 7, 20, 32), NULL);
	note(&f, at(IO, 7, 1, 0), "in function [other]", "call");
	add(list, &f);

	add_file(list, "src/partial.c", FILE_PARTIAL,
		 "src/partial.c:4:1: error: unknown type name 'WDFDEVICE'", 3, 5, 2,
		 "src/partial.c:4:1: error: unknown type name 'WDFDEVICE'");
	add_file(list, IO, FILE_ANALYSED, NULL, 0, 2, 0, NULL);
	add_file(list, "src/failed.c", FILE_FAILED, "cannot open: No such file or directory", 0, 0, 0, NULL);
	add_file(list, LOCK, FILE_ANALYSED, NULL, 0, 1, 0, NULL);
	finding_list_finish(list);
	return list;
}

static const struct report_rule_info rules[] = {
	{ "obsolete-ddi", "ObsoleteDdi", "Call to an obsolete DDI.",
	  "Reports calls to DDIs that Microsoft documents as obsolete and names the replacement.",
	  "correctness,wdk, maintainability,wdk", "28159,C28751", NULL, SEV_WARNING, "DDI1001", NULL },
	{ "storport-prohibited-ddi", "StorportProhibitedDdi",
	  "Call to a DDI a Storport miniport must not call.",
	  "Storport miniports may only call StorPort* routines and a short allowed list.",
	  "correctness,wdk,storport", NULL, NULL, SEV_ERROR, "DDI1002", "very-high" },
	{ "missing-seh-guard", "MissingSehGuard", "Call that can raise outside __try/__except.",
	  "Some DDIs raise an exception on bad user buffers; unguarded, that is a bug check.",
	  "security,wdk", NULL, "cpp/example", SEV_WARNING, "DDI1003", "medium" },
	{ "missing-release", "MissingRelease", "Resource acquired and not released on some path.",
	  "A lock or allocation acquired in a function must be released on every path.",
	  "correctness", "26115", NULL, SEV_WARNING, "DDI2001", NULL },
};

static const char *const test_argv[] = { "ddilint", "--format", "sarif", "src/dir with space/lock.c" };

static struct report_run make_run(void)
{
	struct report_run run;

	memset(&run, 0, sizeof(run));
	run.tool_version = "0.1.0";
	run.rules = rules;
	run.n_rules = sizeof(rules) / sizeof(rules[0]);
	run.src_root = NULL; /* the cwd */
	run.help_uri_base = "https://github.com/ddilint/ddilint/blob/main/docs/rules";
	run.show_source = true;
	run.argv = test_argv;
	run.argc = 4;
	run.information_uri = "https://github.com/ddilint/ddilint";
	return run;
}

/* ---- checks on the outputs ------------------------------------------------ */

static char *slurp(const char *path)
{
	return ddl_read_file(path, NULL, NULL);
}

static bool has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p = text;

	while (p && *p) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == n && memcmp(p, line, n) == 0)
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

#define EXPECT_LINE(text, line) check(has_line((text), (line)), "line: " line, __LINE__)

static void check_text(const char *text)
{
	const char *first, *second;

	EXPECT_LINE(text, "src/io.c:3:6: warning: 'MmMapLockedPages' is obsolete; use "
			  "'MmMapLockedPagesSpecifyCache' [obsolete-ddi]");
	EXPECT_LINE(text, "    3 | \tp = MmMapLockedPages(m, KernelMode);");
	EXPECT_LINE(text, "      | \t    ^~~~~~~~~~~~~~~~");
	EXPECT_LINE(text, "src/io.c:3:6: note: fix: use 'MmMapLockedPagesSpecifyCache'");
	EXPECT_LINE(text, "      | \t    MmMapLockedPagesSpecifyCache");
	/* Non-ASCII: one blank per character, the tab kept. */
	EXPECT_LINE(text, "src/io.c:4:25: warning: 'MmMapLockedPages' is obsolete; use "
			  "'MmMapLockedPagesSpecifyCache' [obsolete-ddi]");
	EXPECT_LINE(text, "      | \t                  ^~~~~~~~~~~~~~~~");
	EXPECT_LINE(text, "src/io.c:7:43: error: 'ExAllocatePool' must not be called by a Storport "
			  "miniport [storport-prohibited-ddi]");
	EXPECT_LINE(text, "/nonexistent/ddk/wdm.h:100:1: note: declared here");
	EXPECT_LINE(text, "src/io.c:7:20: note: 'ProbeForRead' can raise [STATUS_ACCESS_VIOLATION] "
			  "outside __try [missing-seh-guard]");
	EXPECT_LINE(text, "src/dir with space/lock.c:5:3: warning: spin lock 'l' is not released on "
			  "this path [missing-release]");
	EXPECT_LINE(text, "src/dir with space/lock.c:3:2: note: spin lock acquired here");
	EXPECT_LINE(text, "    3 | \tKeAcquireSpinLock(l, &irql);");
	EXPECT_LINE(text, "src/dir with space/lock.c:4:2: note: taking the true branch");
	EXPECT_LINE(text, "src/partial.c: note: analysis partial: 3 compiler errors, first: "
			  "src/partial.c:4:1: error: unknown type name 'WDFDEVICE'; 2 of 7 function "
			  "bodies skipped; pass --wdk DIR to parse against a real WDK");
	EXPECT_LINE(text, "src/failed.c: error: analysis failed: cannot open: No such file or directory");
	CHECK(!strstr(text, "src/io.c: note"));  /* analysed files say nothing */
	CHECK(!strchr(text, '\033'));
	/* Deterministic order: by file, then line. */
	first = strstr(text, "src/dir with space/lock.c:5:3");
	second = strstr(text, "src/io.c:3:6");
	CHECK(first && second && first < second);
	first = strstr(text, "src/io.c:4:25");
	second = strstr(text, "src/io.c:5:8");
	CHECK(first && second && second > strstr(text, "src/io.c:3:6") && first < second);
}

static void check_color(const struct finding_list *list, const struct report_run *base)
{
	struct report_run run = *base;
	struct ddl_error err;
	char *text;
	FILE *f;

	run.color = true;
	unsetenv("NO_COLOR");
	f = fopen("out-color.txt", "w");
	CHECK(f && report_write(REPORT_TEXT, list, &run, f, &err) == DDL_OK);
	if (f)
		fclose(f);
	text = slurp("out-color.txt");
	CHECK(text && strstr(text, "\033[1;35mwarning:\033[0m"));
	CHECK(text && strstr(text, "\033[1;31merror:\033[0m"));
	free(text);

	setenv("NO_COLOR", "1", 1);
	f = fopen("out-nocolor.txt", "w");
	CHECK(f && report_write(REPORT_TEXT, list, &run, f, &err) == DDL_OK);
	if (f)
		fclose(f);
	text = slurp("out-nocolor.txt");
	CHECK(text && !strchr(text, '\033'));
	free(text);
	CHECK(!report_color_auto(stdout));
	unsetenv("NO_COLOR");

	/* report_write_file turns colour off: a file is not a terminal. */
	CHECK(report_write_file(REPORT_TEXT, list, &run, "out-file-color.txt", &err) == DDL_OK);
	text = slurp("out-file-color.txt");
	CHECK(text && !strchr(text, '\033'));
	free(text);
}

/* ---- unit checks ------------------------------------------------------------ */

static void check_formats(void)
{
	enum report_format fmt = REPORT_TEXT;

	CHECK(report_parse_format("sarif", &fmt) == DDL_OK && fmt == REPORT_SARIF);
	CHECK(report_parse_format("json", &fmt) == DDL_OK && fmt == REPORT_JSON);
	CHECK(report_parse_format("text", &fmt) == DDL_OK && fmt == REPORT_TEXT);
	CHECK(report_parse_format("xml", &fmt) == DDL_ERR_USAGE);
	CHECK(report_parse_format(NULL, &fmt) == DDL_ERR_USAGE);
}

static void check_utf16(void)
{
	const char *l = "\t/* Gr\xC3\xB6\xC3\x9F" "e \xF0\x9F\x98\x80 */ p";

	CHECK(report_utf16_col("abc", 3, 2) == 2);
	CHECK(report_utf16_col(l, strlen(l), 1) == 1);
	CHECK(report_utf16_col(l, strlen(l), 7) == 7);   /* before 'ö' */
	CHECK(report_utf16_col(l, strlen(l), 9) == 8);   /* after 'ö' (2 bytes, 1 unit) */
	CHECK(report_utf16_col(l, strlen(l), 21) == 17); /* 'p': emoji = 4 bytes, 2 units */
	CHECK(report_utf16_col(l, strlen(l), 30) == 26); /* past the end: 1 unit per byte */
	/* Latin-1 byte: one U+FFFD, one unit. */
	CHECK(report_utf16_col("a\xE9z", 3, 3) == 3);
	CHECK(report_utf8_valid("Gr\xC3\xB6\xC3\x9F" "e"));
	CHECK(!report_utf8_valid("caf\xE9"));
	CHECK(!report_utf8_valid("\xF0\x9F\x98"));  /* truncated */
	CHECK(!report_utf8_valid("\xED\xA0\x80"));  /* surrogate */
	{
		char *c = report_utf8_clean("caf\xE9!");

		CHECK(c && strcmp(c, "caf\xEF\xBF\xBD!") == 0);
		free(c);
		/* Maximal subpart: a truncated 3-byte sequence is one U+FFFD. */
		c = report_utf8_clean("\xE2\x82x");
		CHECK(c && strcmp(c, "\xEF\xBF\xBDx") == 0);
		free(c);
	}
}

static void check_uris(void)
{
	struct report_paths p;
	bool rel;
	char *r, *u;

	CHECK(report_paths_init(&p, "/repo/root/", NULL) == DDL_OK);
	CHECK(strcmp(p.root, "/repo/root") == 0);
	CHECK(strcmp(p.root_uri, "file:///repo/root/") == 0);
	r = report_path_resolve(&p, "/repo/root/./src/../src/a b\xC3\xA9.c", &rel);
	CHECK(r && rel && strcmp(r, "src/a b\xC3\xA9.c") == 0);
	u = r ? report_path_uri(r, rel) : NULL;
	CHECK(u && strcmp(u, "src/a%20b%C3%A9.c") == 0);
	free(r);
	free(u);
	r = report_path_resolve(&p, "/repo/rootless/x.c", &rel);
	CHECK(r && !rel && strcmp(r, "/repo/rootless/x.c") == 0);
	u = r ? report_path_uri(r, rel) : NULL;
	CHECK(u && strcmp(u, "file:///repo/rootless/x.c") == 0);
	free(r);
	free(u);
	r = report_path_resolve(&p, "/repo/root/c:#?[x].c", &rel);
	u = r ? report_path_uri(r, rel) : NULL;
	CHECK(u && strcmp(u, "c%3A%23%3F%5Bx%5D.c") == 0);
	free(r);
	free(u);
	report_paths_clear(&p);
	CHECK(report_paths_init(&p, "/", NULL) == DDL_OK);
	CHECK(strcmp(p.root_uri, "file:///") == 0);
	r = report_path_resolve(&p, "/../usr/x.h", &rel);
	CHECK(r && rel && strcmp(r, "usr/x.h") == 0);
	free(r);
	report_paths_clear(&p);
}

/* Expected values from github/codeql-action src/fingerprints.test.ts. */
static void expect_hashes(const char *input, const char *const *expected, unsigned n)
{
	unsigned got = 0, i;
	struct report_line_hash *h = report_hash_lines(input, strlen(input), &got);

	CHECK(h != NULL);
	check(got == n, input, __LINE__);
	for (i = 0; h && i < n && i < got; i++) {
		char buf[REPORT_LINE_HASH_SIZE];

		report_line_hash_format(&h[i], buf);
		if (strcmp(buf, expected[i]) != 0) {
			fprintf(stderr, "line %u of %s: got %s, want %s\n", i + 1, input, buf, expected[i]);
			failures++;
		}
	}
	free(h);
}

static void check_line_hashes(void)
{
	static const char *const empty[] = { "c129715d7a2bc9a3:1" };
	static const char *const abcd[] = { "271789c17abda88f:1", "54703d4cd895b18:1",
					    "180aee12dab6264:1", "a23a3dc5e078b07b:1" };
	static const char *const hello[] = { "8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1",
					     "bff680108adb0fcc:1", "c6805c5e1288b612:1",
					     "b86d3392aea1be30:1", "e6ceba753e1a442:1" };
	static const char *const hello_nl[] = { "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1",
						"ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
						"b3edc88f2938467e:1", "c8e28b0b4002a3a0:1",
						"c129715d7a2bc9a3:1" };
	static const char *const lorem[] = { "a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2",
					     "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
					     "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6",
					     "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
					     "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1",
					     "c129715d7a2bc9a3:1" };
	char many[400] = "";
	int i;

	expect_hashes("", empty, 1);
	expect_hashes(" a\nb\n  \t\tc\n d", abcd, 4);
	expect_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", hello, 6);
	expect_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", hello_nl, 7);
	expect_hashes(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", hello_nl, 7);
	expect_hashes(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", hello_nl, 7);
	expect_hashes(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", hello_nl, 7);
	for (i = 0; i < 10; i++)
		strcat(many, "Lorem ipsum dolor sit amet.\n");
	expect_hashes(many, lorem, 11);
}

static bool temp_files_left(void)
{
	DIR *d = opendir(".");
	struct dirent *e;
	bool found = false;

	if (!d)
		return true;
	while ((e = readdir(d)))
		if (strncmp(e->d_name, ".out.", 5) == 0)
			found = true;
	closedir(d);
	return found;
}

int main(int argc, char **argv)
{
	struct finding_list *list;
	struct report_run run;
	struct ddl_error err;
	char *a, *b;

	if (argc != 2) {
		fprintf(stderr, "usage: report-test OUTDIR\n");
		return 2;
	}
	check_formats();
	check_utf16();
	check_uris();
	check_line_hashes();

	if ((mkdir(argv[1], 0777) != 0 && errno != EEXIST) || chdir(argv[1]) != 0) {
		fprintf(stderr, "report-test: cannot use %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	mkdir("src", 0777);
	mkdir("src/dir with space", 0777);
	write_file(IO, io_c);
	write_file(LOCK, lock_c);
	remove("src/failed.c");

	list = build_list();
	run = make_run();
	CHECK(finding_list_count(list) == 6);

	CHECK(report_write_file(REPORT_TEXT, list, &run, "out.txt", &err) == DDL_OK);
	CHECK(report_write_file(REPORT_JSON, list, &run, "out.json", &err) == DDL_OK);
	CHECK(report_write_file(REPORT_SARIF, list, &run, "out.sarif", &err) == DDL_OK);
	/* Twice more, over the first: same bytes, no temporary files left. */
	CHECK(report_write_file(REPORT_SARIF, list, &run, "out2.sarif", &err) == DDL_OK);
	CHECK(report_write_file(REPORT_SARIF, list, &run, "out2.sarif", &err) == DDL_OK);
	CHECK(report_write_file(REPORT_JSON, list, &run, "out2.json", &err) == DDL_OK);
	CHECK(!temp_files_left());
	a = slurp("out.sarif");
	b = slurp("out2.sarif");
	CHECK(a && b && strcmp(a, b) == 0);
	free(a);
	free(b);
	a = slurp("out.json");
	b = slurp("out2.json");
	CHECK(a && b && strcmp(a, b) == 0);
	free(a);
	free(b);
	/* Nothing found, nothing analysed: still complete, valid reports. */
	{
		struct finding_list *empty = finding_list_new();

		finding_list_finish(empty);
		CHECK(report_write_file(REPORT_SARIF, empty, &run, "empty.sarif", &err) == DDL_OK);
		CHECK(report_write_file(REPORT_JSON, empty, &run, "empty.json", &err) == DDL_OK);
		CHECK(report_write_file(REPORT_TEXT, empty, &run, "empty.txt", &err) == DDL_OK);
		a = slurp("empty.txt");
		CHECK(a && *a == '\0');
		free(a);
		finding_list_free(empty);
	}
	/* An unwritable destination is an I/O error naming the file. */
	CHECK(report_write_file(REPORT_JSON, list, &run, "no/such/dir/out.json", &err) == DDL_ERR_IO);
	CHECK(strcmp(err.file, "no/such/dir/out.json") == 0);

	a = slurp("out.txt");
	CHECK(a != NULL);
	if (a)
		check_text(a);
	free(a);
	check_color(list, &run);

	finding_list_free(list);
	if (failures)
		fprintf(stderr, "report-test: %d check(s) failed\n", failures);
	return failures ? 1 : 0;
}
