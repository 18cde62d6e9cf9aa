/* rcache-test.c - the result cache (checker/cache/rcache.h) end to end on
 * real parses: a hit gives exactly the stored results, and every change
 * that could change them is a miss.
 *
 * usage: rcache-test TMPDIR
 */
#define _POSIX_C_SOURCE 200809L /* strdup, setenv */
#include "analyse.h"
#include "cache/rcache.h"
#include "cache/serial.h"
#include "kb/kb.h"
#include "rules/rule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static int failures;
static char dir[4096];

#define CHECK(cond, ...)                                    \
	do {                                                \
		if (cond) {                                 \
			printf("ok   " __VA_ARGS__);        \
		} else {                                    \
			printf("FAIL " __VA_ARGS__);        \
			failures++;                         \
		}                                           \
		printf("\n");                               \
	} while (0)

static char *at(const char *name)
{
	static char buf[4][8192];
	static unsigned n;
	char *p = buf[n++ % 4];

	snprintf(p, sizeof(buf[0]), "%s/%s", dir, name);
	return p;
}

/* Write NAME and date it an hour back, out of every "changed just now" window. */
static void put(const char *name, const char *text, long age)
{
	struct timeval tv[2];
	FILE *f = fopen(at(name), "w");

	if (!f) {
		perror(at(name));
		exit(2);
	}
	fputs(text, f);
	fclose(f);
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= age;
	tv[1] = tv[0];
	utimes(at(name), tv);
}

/* Everything a list holds, as text, for comparing a hit with the analysis. */
static char *dump(const struct finding_list *l)
{
	cJSON *a = cJSON_CreateArray();
	unsigned i;
	char *s;

	for (i = 0; i < finding_list_count(l); i++)
		cJSON_AddItemToArray(a, cache_finding_to_json(finding_list_get(l, i)));
	for (i = 0; i < finding_list_file_count(l); i++)
		cJSON_AddItemToArray(a, cache_file_result_to_json(finding_list_file(l, i)));
	s = cJSON_PrintUnformatted(a);
	cJSON_Delete(a);
	return s;
}

static struct finding_list *analyse(struct fe_session *fe, const struct kb *kb, const struct analyse_opts *o,
				    const char *path)
{
	struct finding_list *l = finding_list_new();
	struct ddl_error err = { 0 };

	if (!l || analyse_file(fe, kb, o, path, l, &err) != DDL_OK) {
		printf("FAIL analyse %s: %s\n", path, err.msg);
		exit(1);
	}
	return l;
}

/* Is PATH a hit now? (And, if so, are its results WANT?) */
static bool hit(struct rcache *c, struct fe_session *fe, const struct analyse_opts *o, const char *path,
		const char *want)
{
	struct finding_list *l = finding_list_new();
	struct rcache_probe probe;
	bool h = rcache_lookup(c, fe, o, path, l, &probe);

	if (h && want) {
		char *got = dump(l);

		if (strcmp(got, want) != 0) {
			printf("FAIL a hit differs from the analysis:\n  got  %s\n  want %s\n", got, want);
			failures++;
		}
		free(got);
	}
	finding_list_free(l);
	return h;
}

static void roundtrip(void)
{
	struct finding f = { 0 }, g;
	cJSON *j, *k;
	char *a, *b;

	f.rule_id = rule_table[0]->id;
	f.severity = SEV_ERROR;
	f.message = strdup("m\xc3\xa9ssage \"quoted\"\n");
	f.loc = (struct finding_loc){ strdup("dir with space/\xc3\xbc.c"), 12, 3, 9 };
	finding_add_note(&f, (struct finding_loc){ strdup("h.h"), 1, 2, 0 }, strdup("acquired here"), "acquire");
	finding_add_note(&f, (struct finding_loc){ strdup("h.h"), 4, 1, 0 }, strdup("plain"), NULL);
	f.is_path = true;
	f.fix = calloc(1, sizeof(*f.fix));
	f.fix->description = strdup("use X");
	f.fix->loc = (struct finding_loc){ strdup("a.c"), 12, 3, 9 };
	f.fix->replacement = strdup("X");
	f.function = strdup("fn");
	f.suppressed = FINDING_SUPPRESSED_IN_SOURCE;
	f.justification = strdup("because");
	f.baseline = FINDING_BASELINE_NEW;
	j = cache_finding_to_json(&f);
	CHECK(j && cache_finding_from_json(j, &g), "a finding with every field is written and read back");
	k = cache_finding_to_json(&g);
	a = cJSON_PrintUnformatted(j);
	b = cJSON_PrintUnformatted(k);
	CHECK(a && b && strcmp(a, b) == 0, "... unchanged");
	CHECK(g.rule_id == rule_table[0]->id && g.notes[0].kind && strcmp(g.notes[0].kind, "acquire") == 0 &&
	      !g.notes[1].kind, "... the rule id is the rule table's string, the note kinds are kept");
	free(a);
	free(b);
	cJSON_Delete(j);
	cJSON_Delete(k);
	finding_clear(&g);
	f.notes[1].kind = "a kind nobody registered";
	CHECK(!cache_finding_to_json(&f), "a finding the reader could not rebuild is refused");
	f.notes[1].kind = NULL;
	finding_clear(&f);
	j = cJSON_Parse("{\"rule\":\"no-such-rule\",\"severity\":1,\"loc\":{\"line\":1,\"col\":1,\"end_col\":0},"
			"\"notes\":[],\"suppressed\":0,\"baseline\":0}");
	CHECK(!cache_finding_from_json(j, &g), "an unknown rule id is a miss, not a finding");
	cJSON_Delete(j);
}

int main(int argc, char **argv)
{
	struct ddl_error err = { 0 };
	struct fe_opts fo = { 0 };
	struct fe_session *fe;
	struct kb *kb;
	struct rcache *c;
	struct analyse_opts o = { rule_table, rule_count, NULL, NULL, NULL }, o2;
	struct finding_list *l;
	struct rcache_probe probe;
	char *want, *entry;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: rcache-test TMPDIR\n");
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s", argv[1]);
	mkdir(dir, 0755);
	if (chdir(dir) != 0)
		return 2;
	roundtrip();
	put("local.h", "#define MY_ALLOC(n) ExAllocatePool(NonPagedPool, (n))\n", 3600);
	put("drv.c", "#include <wdm.h>\n#include \"local.h\"\nPVOID bad(SIZE_T n)\n{\n\treturn MY_ALLOC(n);\n}\n"
		     "PVOID bad2(SIZE_T n)\n{\n\treturn ExAllocatePool(PagedPool, n);\n}\n", 3600);
	put("gone.c", "#include <wdm.h>\n#include \"later.h\"\nPVOID bad(SIZE_T n) { return ExAllocatePool(PagedPool, n); }\n", 3600);
	fo.header_dir = at("headers");
	fe = fe_session_new(&fo, &err);
	kb = kb_load_embedded(&err);
	unsetenv("DDILINT_NO_CACHE");
	c = rcache_open(at("results"), &err);
	if (!fe || !kb || !c) {
		printf("FAIL setup: %s\n", err.msg);
		return 1;
	}
	o.cache = c;

	CHECK(!hit(c, fe, &o, "drv.c", NULL), "a first lookup misses");
	l = analyse(fe, kb, &o, "drv.c");
	want = dump(l);
	CHECK(finding_list_count(l) >= 2, "the analysis found the two calls (%u findings)", finding_list_count(l));
	finding_list_free(l);
	CHECK(hit(c, fe, &o, "drv.c", want), "the same file again hits, with the same findings and status");
	l = analyse(fe, kb, &o, "drv.c");
	entry = dump(l);
	CHECK(strcmp(entry, want) == 0, "analyse_file on a hit gives what the analysis gave");
	free(entry);
	finding_list_free(l);

	o2 = o;
	o2.n_rules = rule_count - 1;
	CHECK(!hit(c, fe, &o2, "drv.c", NULL), "another rule set misses");
	o2 = o;
	o2.cache_salt = "another configuration";
	CHECK(!hit(c, fe, &o2, "drv.c", NULL), "another salt (configuration, user DDIs) misses");
	o2 = o;
	o2.irql = (const struct irql_program *)&o; /* only compared with NULL */
	CHECK(!rcache_lookup(c, fe, &o2, "drv.c", NULL, &probe) && !probe.c,
	      "cross-file IRQL facts: no lookup, nothing to store");

	put("local.h", "#define MY_ALLOC(n) ExAllocatePoolWithTag(NonPagedPool, (n), 'x')\n", 1800);
	CHECK(!hit(c, fe, &o, "drv.c", NULL), "a changed header misses");
	l = analyse(fe, kb, &o, "drv.c");
	free(want);
	want = dump(l);
	finding_list_free(l);
	CHECK(hit(c, fe, &o, "drv.c", want), "... and is stored again");
	put("drv.c", "#include <wdm.h>\n#include \"local.h\"\nPVOID bad(SIZE_T n)\n{\n\treturn MY_ALLOC(n);\n}\n", 1800);
	CHECK(!hit(c, fe, &o, "drv.c", NULL), "a changed file misses");

	l = analyse(fe, kb, &o, "gone.c");
	finding_list_free(l);
	CHECK(hit(c, fe, &o, "gone.c", NULL), "a file with a missing include is stored");
	put("later.h", "/* now it exists */\n", 3600);
	CHECK(!hit(c, fe, &o, "gone.c", NULL), "the missing include appearing misses");
	unlink(at("later.h"));

	/* A damaged entry is a miss, never a crash. */
	l = analyse(fe, kb, &o, "drv.c");
	finding_list_free(l);
	CHECK(hit(c, fe, &o, "drv.c", NULL), "stored");
	{
		char cmd[9000];

		snprintf(cmd, sizeof(cmd), "for f in '%s'/*/*.json; do head -c 100 \"$f\" > \"$f.x\" && mv \"$f.x\" \"$f\"; done",
			 at("results"));
		if (system(cmd) != 0)
			printf("(could not damage the entries)\n");
	}
	CHECK(!hit(c, fe, &o, "drv.c", NULL), "a truncated entry misses");
	f = fopen(at("drv.c"), "r");
	CHECK(f != NULL, "the source is untouched");
	if (f)
		fclose(f);

	setenv("DDILINT_NO_CACHE", "1", 1);
	CHECK(rcache_open(at("results"), &err) == NULL && !err.msg[0], "DDILINT_NO_CACHE=1 turns the cache off");
	unsetenv("DDILINT_NO_CACHE");

	free(want);
	rcache_close(c);
	kb_free(kb);
	fe_session_free(fe);
	return failures ? 1 : 0;
}
