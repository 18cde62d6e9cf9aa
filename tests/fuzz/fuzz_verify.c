/* fuzz_verify.c - --verify's readers on a mutated test file: the
 * "ddilint-args:" line and the expected-* directives, matched against a
 * few findings on the first lines. Seeds: tests/verify/, tests/<rule>/. */
#include "fuzz.h"
#include "verify/verify.h"

#include <string.h>

static struct finding_list *findings(const char *path)
{
	struct finding_list *l = finding_list_new();
	unsigned i;

	for (i = 1; l && i <= 6; i++) {
		struct finding f = { 0 };

		f.rule_id = "obsolete-ddi";
		f.severity = i % 3 == 0 ? SEV_ERROR : SEV_WARNING;
		f.message = strdup(i % 2 ? "'ExAllocatePool' is obsolete" : "can raise an exception");
		f.loc.file = strdup(path);
		f.loc.line = i;
		f.loc.col = 1;
		if (i == 4)
			finding_add_note(&f, (struct finding_loc){ strdup(path), 2, 1, 0 }, strdup("called here"), "call");
		finding_list_add(l, &f);
	}
	if (l)
		finding_list_finish(l);
	return l;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("test.c", data, size);
	struct ddl_error err = { 0 };
	struct finding_list *l = findings(path);
	char **args = NULL, *report = NULL;
	unsigned n = 0;

	if (verify_read_args(path, &args, &n, &err) == DDL_OK)
		verify_args_free(args, n);
	if (l) {
		(void)verify_file(path, l, &report, &err);
		free(report);
		finding_list_free(l);
	}
	return 0;
}
