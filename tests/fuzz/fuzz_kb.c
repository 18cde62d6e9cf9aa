/* fuzz_kb.c - the knowledge-base loader (kb_load_text) on mutated JSON,
 * then every query on whatever it accepted. Seeds: rules/ddi-kb.json. */
#include "fuzz.h"
#include "kb/kb.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ddl_error err = { 0 };
	char *text = malloc(size + 1), buf[128];
	struct kb *kb;
	unsigned i, j;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	kb = kb_load_text(text, "fuzz.json", &err);
	free(text);
	if (!kb)
		return 0;
	for (i = 0; i < kb_count(kb); i++) {
		const struct kb_ddi *d = kb_get(kb, i);

		if (kb_lookup(kb, d->name) == NULL)
			abort(); /* every entry is found by its own name */
		for (j = 0; j < d->n_names; j++)
			(void)kb_lookup(kb, d->names[j]);
		if (d->raises == KB_RAISES_WHEN)
			(void)kb_cond_describe(&d->raise_cond, buf, sizeof(buf));
		for (j = 0; j < d->n_irql_when; j++)
			(void)kb_cond_describe(&d->irql_when[j].cond, buf, sizeof(buf));
	}
	(void)kb_is_storport_header(kb, "storport.h");
	kb_free(kb);
	return 0;
}
