/* suppress_names.c - what the rule lists of suppressions name: ddilint's
 * ids, names and aliases, PREfast / Code Analysis numbers and __WARNING_*
 * names, mapped onto the rules of the run. */
#include "suppress_names.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* PREfast / Code Analysis warnings and the ddilint rule of the same family.
 * Numbers and families: /work/shared/reference/sarif-and-ecosystem.md
 * section 5 and ddi-contracts.md section h (titles from the C28xxx pages on
 * learn.microsoft.com). A rule's own .prefast list is honoured as well. */
static const struct { unsigned number; const char *rule; } prefast_rules[] = {
	{ 28159, "obsolete-ddi" },        /* Consider using another function (USE_OTHER_FUNCTION) */
	{ 28751, "obsolete-ddi" },        /* Banned usage of ExAllocatePool and its variants */
	{ 28125, "missing-seh-guard" },   /* must be called from within a try/except block */
	{ 28118, "irql-too-high" },       /* may run above the maximum IRQL of the callee */
	{ 28121, "irql-too-high" },       /* not permitted at the current IRQL: too high */
	{ 28123, "irql-too-high" },       /* not permitted at a high IRQL: prior calls */
	{ 28150, "irql-too-high" },       /* sets the IRQL above the function's maximum */
	{ 28120, "irql-too-low" },        /* not permitted at the current IRQL: too low */
	{ 28122, "irql-too-low" },        /* not permitted at a low IRQL: prior calls */
	{ 28124, "irql-too-low" },        /* sets the IRQL below the function's minimum */
	{ 28141, "irql-not-restored" },   /* a raise-type call used to lower the IRQL */
	{ 28156, "irql-not-restored" },   /* actual IRQL inconsistent with the required one */
	{ 28157, "irql-not-restored" },   /* the saved IRQL was never restored */
	{ 28158, "irql-not-restored" },   /* no IRQL was saved */
	{ 28166, "irql-not-restored" },   /* does not restore the IRQL of function entry */
	{ 28167, "irql-not-restored" },   /* changes the IRQL and does not restore it */
	{ 28193, "unchecked-result" },    /* the value must be examined (_Check_return_) */
	{ 6011, "unchecked-result" },     /* dereferencing a NULL pointer */
	{ 26115, "missing-release" },     /* failing to release a lock */
	{ 26165, "missing-release" },     /* possibly failing to release a lock */
	{ 28103, "missing-release" },     /* leaking a resource */
	{ 6014, "missing-release" },      /* leaking memory */
	{ 26117, "unmatched-release" },   /* releasing an unheld lock */
};

/* __WARNING_* names (WDDST Suppression.qll, ddi-contracts.md section h). */
static const struct { const char *name; unsigned number; } warning_names[] = {
	{ "__WARNING_USE_OTHER_FUNCTION", 28159 },
	{ "__WARNING_IRQ_TOO_HIGH", 28121 },
	{ "__WARNING_IRQ_TOO_LOW", 28120 },
	{ "__WARNING_IRQ_SET_TOO_HIGH", 28150 },
	{ "__WARNING_IRQ_SET_TOO_LOW", 28124 },
	{ "__WARNING_UNEXPECTED_IRQL_CHANGE", 28167 },
	{ "__WARNING_IRQL_NOT_SET", 28158 },
	{ "__WARNING_IRQL_NOT_USED", 28157 },
	{ "__WARNING_MUST_USE", 28193 },
};

static bool prefast_lists(const char *list, unsigned number)
{
	const char *p = list;

	while (p && *p) {
		char *end;
		unsigned long n;

		while (*p && !isdigit((unsigned char)*p))
			p++;
		if (!*p)
			break;
		n = strtoul(p, &end, 10);
		if (n == number)
			return true;
		p = end;
	}
	return false;
}

static uint64_t rules_of_number(const struct suppress_rule *rules, unsigned n_rules, unsigned number)
{
	uint64_t m = 0;
	unsigned i, k;

	for (i = 0; i < n_rules && i < SUPPRESS_MAX_RULES; i++) {
		if (rules[i].prefast && prefast_lists(rules[i].prefast, number))
			m |= 1ull << i;
		for (k = 0; k < sizeof(prefast_rules) / sizeof(prefast_rules[0]); k++)
			if (prefast_rules[k].number == number && strcmp(prefast_rules[k].rule, rules[i].id) == 0)
				m |= 1ull << i;
	}
	return m;
}

/* The rules one token of a suppression list names (0: none of ours). */
static uint64_t rules_of_token(const struct suppress_rule *rules, unsigned n_rules, const char *tok)
{
	const char *digits = tok;
	uint64_t m = 0;
	unsigned i;

	if (strcmp(tok, "*") == 0 || strcmp(tok, "all") == 0)
		return SUPPRESS_ALL_RULES;
	for (i = 0; i < n_rules && i < SUPPRESS_MAX_RULES; i++) {
		const struct suppress_rule *r = &rules[i];

		if (strcmp(tok, r->id) == 0 || (r->name && strcmp(tok, r->name) == 0) ||
		    (r->alias && strcasecmp(tok, r->alias) == 0))
			m |= 1ull << i;
	}
	if (m)
		return m;
	for (i = 0; i < sizeof(warning_names) / sizeof(warning_names[0]); i++)
		if (strcmp(tok, warning_names[i].name) == 0)
			return rules_of_number(rules, n_rules, warning_names[i].number);
	if (*digits == 'C' || *digits == 'c')
		digits++;
	if (*digits && strspn(digits, "0123456789") == strlen(digits))
		return rules_of_number(rules, n_rules, (unsigned)strtoul(digits, NULL, 10));
	return 0;
}

/* Rules named by LIST (LEN bytes): tokens separated by commas or blanks. */
uint64_t suppress_rules_of_list(const struct suppress_rule *rules, unsigned n_rules, const char *list, size_t len)
{
	uint64_t m = 0;
	size_t i = 0;

	while (i < len) {
		char tok[96];
		size_t n = 0;

		while (i < len && (list[i] == ',' || isspace((unsigned char)list[i])))
			i++;
		while (i < len && list[i] != ',' && !isspace((unsigned char)list[i])) {
			if (n + 1 < sizeof(tok))
				tok[n++] = list[i];
			i++;
		}
		tok[n] = '\0';
		if (n)
			m |= rules_of_token(rules, n_rules, tok);
	}
	return m;
}

