/* fuzz_suppress.c - the inline-suppression reader (comments and pragmas in
 * a source file) on mutated source, then a match on every line. Seeds:
 * tests/suppressions/. */
#include "fuzz.h"
#include "findings/suppress.h"
#include "rules/rule.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct suppress_rule *rules;
	struct suppress_set *s;
	const char *why;
	unsigned i, line;

	if (!rules) {
		rules = calloc(rule_count + 1, sizeof(*rules));
		for (i = 0; rules && i < rule_count; i++)
			rules[i] = (struct suppress_rule){ rule_table[i]->id, rule_table[i]->name, rule_table[i]->alias,
							   rule_table[i]->prefast };
		if (!rules)
			return 0;
	}
	s = suppress_scan((const char *)data, size, rules, rule_count);
	if (!s)
		return 0;
	for (line = 0; line < 64; line++)
		for (i = 0; i < rule_count; i++)
			(void)suppress_match(s, rule_table[i]->id, line, &why);
	(void)suppress_count(s);
	suppress_set_free(s);
	return 0;
}
