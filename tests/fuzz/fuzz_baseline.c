/* fuzz_baseline.c - the --baseline file reader on mutated input. */
#include "fuzz.h"
#include "findings/baseline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("baseline.json", data, size);
	struct ddl_error err = { 0 };
	struct baseline *b = baseline_load(path, &err);

	baseline_free(b);
	return 0;
}
