/* fuzz_compdb.c - the compile_commands.json reader on mutated JSON. Seeds:
 * tests/fuzz/seeds/compdb/. */
#include "fuzz.h"
#include "cli/compdb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("compile_commands.json", data, size);
	struct cli_compdb db = { 0 };
	struct ddl_error err = { 0 };

	if (cli_compdb_load(path, &db, &err) == DDL_OK)
		(void)cli_compdb_find(&db, "/tmp/x.c");
	cli_compdb_free(&db);
	return 0;
}
