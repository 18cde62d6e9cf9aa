/* fuzz_analyse.c - a mutated driver source through the whole analysis:
 * the frontend (binary check, include-prefix scan, PCH or plain parse,
 * judgement), every engine and rule, then the three reporters. Seeds:
 * samples/, tests/<rule-id>/. Inputs that include DDK headers parse
 * against a PCH (DDILINT_PCH=1 here), so the fuzzer keeps its pace. */
#include "fuzz.h"
#include "analyse.h"
#include "kb/kb.h"
#include "report/report.h"
#include "rules/rule.h"

#include <string.h>

static struct fe_session *fe;
static struct kb *kb;
static struct report_rule_info *infos;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct ddl_error err = { 0 };
	struct fe_opts fo = { 0 };
	char headers[1200];
	unsigned i;

	(void)argc;
	(void)argv;
	setenv("DDILINT_PCH", "1", 0);
	snprintf(headers, sizeof(headers), "%s/headers", fuzz_dir());
	fo.header_dir = headers;
	fe = fe_session_new(&fo, &err);
	kb = kb_load_embedded(&err);
	infos = calloc(rule_count, sizeof(*infos));
	devnull = fopen("/dev/null", "w");
	if (!fe || !kb || !infos || !devnull) {
		fprintf(stderr, "fuzz_analyse: setup failed: %s\n", err.msg);
		abort();
	}
	for (i = 0; i < rule_count; i++) {
		const struct rule *r = rule_table[i];

		infos[i] = (struct report_rule_info){ r->id, r->name, r->summary, r->description, r->tags,
						      r->prefast, r->codeql, r->severity, r->alias, NULL };
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("driver.c", data, size);
	struct analyse_opts ao = { rule_table, rule_count, NULL, NULL, NULL };
	struct finding_list *list = finding_list_new();
	struct report_run run = { 0 };
	struct ddl_error err = { 0 };

	if (!list)
		return 0;
	if (analyse_file(fe, kb, &ao, path, list, &err) == DDL_OK) {
		finding_list_finish(list);
		run.tool_version = "fuzz";
		run.rules = infos;
		run.n_rules = rule_count;
		run.src_root = fuzz_dir();
		run.help_uri_base = "https://example.invalid/rules/";
		run.show_source = true;
		(void)report_write(REPORT_TEXT, list, &run, devnull, &err);
		(void)report_write(REPORT_JSON, list, &run, devnull, &err);
		(void)report_write(REPORT_SARIF, list, &run, devnull, &err);
	}
	finding_list_free(list);
	return 0;
}
