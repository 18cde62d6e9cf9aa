/* fuzz_config.c - the .ddilint.json reader, with its user DDIs checked and
 * merged into the knowledge base, on mutated JSON. Seeds: tests/config/,
 * tests/fuzz/seeds/config/. */
#include "fuzz.h"
#include "cli/config.h"
#include "cli/kbuser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cli_kb_base *base;
	const char *path = fuzz_file(".ddilint.json", data, size);
	struct ddl_error err = { 0 };
	struct cli_config *c;

	if (!base && !(base = cli_kb_base_new(&err)))
		abort();
	c = cli_config_load(path, base, &err);
	if (c) {
		(void)cli_config_rule_level(c, "obsolete-ddi");
		(void)cli_config_excludes(c, "/tmp/a/b.c");
		if (c->ddis || c->constants) {
			unsigned n_base = 0;
			struct kb *kb = cli_kb_merge(base, c->constants, c->ddis, path, &n_base, &err);

			kb_free(kb);
		}
		cli_config_free(c);
	}
	return 0;
}
