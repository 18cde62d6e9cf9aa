/* kb.c - load rules/ddi-kb.json into read-only structures and look names up.
 *
 * The JSON is parsed once with cJSON; every string the structures point to
 * stays inside the cJSON tree, which the struct kb owns, so an entry needs no
 * copies. Names (canonical and other spellings) go into one open-addressing
 * hash table. A malformed entry is an error naming the entry, never a guess.
 */
#include "kb.h"
#include "kb_irql.h"
#include "../embedded.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kb {
	cJSON *root;
	struct kb_ddi *ddis;
	unsigned n_ddis;
	const char **names_pool;      /* backing store for every entry's names[] */
	struct kb_irql_when *when_pool;
	struct kb_acquire *acquire_pool;  /* backing store for every entry's acquires[] */
	struct kb_release *release_pool;
	struct kb_unheld *unheld_pool;
	const struct kb_ddi **of_pool;    /* backing store for every release's of[] */
	const cJSON **release_of;         /* while loading: the "of" array of each release */
	struct kb_irqldata *irql;             /* IRQL changes and roles (kb_irql.c) */
	/* hash table of (name -> entry index + 1); 0 = empty slot */
	const char **slot_name;
	unsigned *slot_entry;
	unsigned n_slots;
};

static const char *const irql_names[] = {
	"PASSIVE_LEVEL", "APC_LEVEL", "DISPATCH_LEVEL", "DIRQL", "HIGH_LEVEL",
};

const char *kb_irql_name(enum kb_irql level)
{
	if (level < KB_IRQL_PASSIVE || level > KB_IRQL_HIGH)
		return "(none)";
	return irql_names[level];
}

static int parse_irql(const char *s)
{
	unsigned i;

	for (i = 0; i < sizeof(irql_names) / sizeof(irql_names[0]); i++)
		if (strcmp(s, irql_names[i]) == 0)
			return (int)i;
	return -2;
}

enum kb_tri kb_cond_eval(const struct kb_cond *c, bool known, long long value)
{
	bool holds;

	if (!c->arg)
		return KB_TRUE;
	if (!known)
		return c->unknown_holds ? KB_TRUE : KB_UNKNOWN;
	switch (c->op) {
	case KB_OP_EQ: holds = value == c->value; break;
	case KB_OP_NE: holds = value != c->value; break;
	case KB_OP_HAS_FLAG: holds = (value & c->value) == c->value; break;
	case KB_OP_LACKS_FLAG: holds = (value & c->value) == 0; break;
	default: holds = false; break;
	}
	return holds ? KB_TRUE : KB_FALSE;
}

const char *kb_cond_describe(const struct kb_cond *c, char *buf, unsigned size)
{
	static const char *const ops[] = { "is", "is not", "has", "lacks" };
	char val[64];

	if (c->value_name)
		snprintf(val, sizeof(val), "%s", c->value_name);
	else
		snprintf(val, sizeof(val), "%lld", c->value);
	snprintf(buf, size, "argument %u %s %s", c->arg, ops[c->op], val);
	return buf;
}

static unsigned long hash_name(const char *s)
{
	unsigned long h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* Insert NAME for entry IDX. Returns false if NAME is already taken. */
static bool insert_name(struct kb *kb, const char *name, unsigned idx)
{
	unsigned i = (unsigned)(hash_name(name) % kb->n_slots);

	while (kb->slot_entry[i]) {
		if (strcmp(kb->slot_name[i], name) == 0)
			return false;
		i = (i + 1) % kb->n_slots;
	}
	kb->slot_name[i] = name;
	kb->slot_entry[i] = idx + 1;
	return true;
}

const struct kb_ddi *kb_lookup(const struct kb *kb, const char *name)
{
	unsigned i;

	if (!kb || !name || !kb->n_slots)
		return NULL;
	i = (unsigned)(hash_name(name) % kb->n_slots);
	while (kb->slot_entry[i]) {
		if (strcmp(kb->slot_name[i], name) == 0)
			return &kb->ddis[kb->slot_entry[i] - 1];
		i = (i + 1) % kb->n_slots;
	}
	return NULL;
}

bool kb_is_storport_header(const struct kb *kb, const char *basename)
{
	const cJSON *it, *list = cJSON_GetObjectItemCaseSensitive(kb->root, "storport_headers");

	cJSON_ArrayForEach(it, list)
		if (cJSON_IsString(it) && strcmp(it->valuestring, basename) == 0)
			return true;
	return false;
}

const struct kb_irqldata *kb_irql_data(const struct kb *kb) { return kb->irql; }
unsigned kb_count(const struct kb *kb) { return kb->n_ddis; }
const struct kb_ddi *kb_get(const struct kb *kb, unsigned i) { return &kb->ddis[i]; }

void kb_free(struct kb *kb)
{
	if (!kb)
		return;
	cJSON_Delete(kb->root);
	free(kb->ddis);
	free(kb->names_pool);
	free(kb->when_pool);
	free(kb->acquire_pool);
	free(kb->release_pool);
	free(kb->unheld_pool);
	free(kb->of_pool);
	free(kb->release_of);
	kb_irql_free(kb->irql);
	free(kb->slot_name);
	free(kb->slot_entry);
	free(kb);
}

static const char *opt_string(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Parse a condition object into C; constants are looked up in CONSTS. */
static bool parse_cond(const cJSON *obj, const cJSON *consts, const char *unknown, struct kb_cond *c,
		       char *why, size_t why_size)
{
	static const char *const ops[] = { "eq", "ne", "has_flag", "lacks_flag" };
	const cJSON *arg = cJSON_GetObjectItemCaseSensitive(obj, "arg");
	const cJSON *val = cJSON_GetObjectItemCaseSensitive(obj, "value");
	const char *op = opt_string(obj, "op");
	unsigned i;

	memset(c, 0, sizeof(*c));
	if (!cJSON_IsNumber(arg) || arg->valuedouble < 1 || arg->valuedouble > 32) {
		snprintf(why, why_size, "condition needs \"arg\" between 1 and 32");
		return false;
	}
	c->arg = (unsigned)arg->valuedouble;
	for (i = 0; op && i < 4; i++)
		if (strcmp(op, ops[i]) == 0)
			break;
	if (!op || i == 4) {
		snprintf(why, why_size, "condition needs \"op\" eq|ne|has_flag|lacks_flag");
		return false;
	}
	c->op = (enum kb_cond_op)i;
	if (cJSON_IsNumber(val)) {
		c->value = (long long)val->valuedouble;
	} else if (cJSON_IsString(val)) {
		const cJSON *k = cJSON_GetObjectItemCaseSensitive(consts, val->valuestring);

		if (!cJSON_IsNumber(k)) {
			snprintf(why, why_size, "condition uses undefined constant '%s'", val->valuestring);
			return false;
		}
		c->value = (long long)k->valuedouble;
		c->value_name = val->valuestring;
	} else {
		snprintf(why, why_size, "condition needs a \"value\"");
		return false;
	}
	c->unknown_holds = unknown && strcmp(unknown, "holds") == 0;
	return true;
}

static bool parse_level(const cJSON *obj, const char *key, enum kb_irql *out, char *why, size_t why_size)
{
	const char *s = opt_string(obj, key);
	int l;

	*out = KB_IRQL_NONE;
	if (!s)
		return true;
	l = parse_irql(s);
	if (l < 0) {
		snprintf(why, why_size, "unknown IRQL '%s'", s);
		return false;
	}
	*out = (enum kb_irql)l;
	return true;
}

/* "return", "global", "arg N" or "*arg N" (the schema checks the form; this
 * rejects anything else rather than guess). */
static bool parse_res(const char *s, struct kb_res *r)
{
	char *end;
	unsigned long n;

	r->where = KB_RES_NONE;
	r->arg = 0;
	if (!s)
		return false;
	if (strcmp(s, "return") == 0) {
		r->where = KB_RES_RETURN;
		return true;
	}
	if (strcmp(s, "global") == 0) {
		r->where = KB_RES_GLOBAL;
		return true;
	}
	r->where = KB_RES_ARG;
	if (*s == '*') {
		r->where = KB_RES_ARG_DEREF;
		s++;
	}
	if (strncmp(s, "arg ", 4) != 0)
		return false;
	n = strtoul(s + 4, &end, 10);
	if (*end || n < 1 || n > 32)
		return false;
	r->arg = (unsigned)n;
	return true;
}

/* {"if": COND, "unknown": ...} under KEY of OBJ into C (arg 0 when absent). */
static bool parse_when(const cJSON *obj, const char *key, const cJSON *consts, struct kb_cond *c,
		       char *why, size_t why_size)
{
	const cJSON *w = cJSON_GetObjectItemCaseSensitive(obj, key);

	memset(c, 0, sizeof(*c));
	if (!w)
		return true;
	return parse_cond(cJSON_GetObjectItemCaseSensitive(w, "if"), consts, opt_string(w, "unknown"), c, why,
			  why_size);
}

/* The "acquires", "releases", "unheld", "nonnull" and "keeps" keys of entry E into D.
 * Pools are pre-sized by the caller; "of" names are resolved after every
 * entry is in the name table (resolve_pairs). */
static bool parse_pairs(struct kb *kb, const cJSON *e, const cJSON *consts, struct kb_ddi *d, unsigned *acq_used,
			unsigned *rel_used, unsigned *unheld_used, char *why, size_t why_size)
{
	static const char *const owners[] = { "value", "object", "function" };
	static const char *const fails[] = { "never", "null", "nt_error", "false", "raises" };
	const cJSON *it;
	unsigned i;

	d->acquires = kb->acquire_pool + *acq_used;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(e, "acquires")) {
		struct kb_acquire *a = &kb->acquire_pool[*acq_used];
		const char *owner = opt_string(it, "owner"), *f = opt_string(it, "fails");

		memset(a, 0, sizeof(*a));
		a->ddi = d;
		a->kind = opt_string(it, "kind");
		for (i = 0; owner && i < 3 && strcmp(owner, owners[i]) != 0; i++)
			;
		if (!a->kind || !owner || i == 3) {
			snprintf(why, why_size, "'%s': an \"acquires\" item needs \"kind\" and \"owner\"", d->name);
			return false;
		}
		a->owner = (enum kb_owner)i;
		for (i = 0; f && i < 5 && strcmp(f, fails[i]) != 0; i++)
			;
		if (!f || i == 5) {
			snprintf(why, why_size, "'%s': an \"acquires\" item needs \"fails\"", d->name);
			return false;
		}
		a->fails = (enum kb_fails)i;
		if (!parse_res(opt_string(it, "resource"), &a->resource) ||
		    (cJSON_GetObjectItemCaseSensitive(it, "key") && !parse_res(opt_string(it, "key"), &a->key))) {
			snprintf(why, why_size, "'%s': bad \"resource\" or \"key\" in \"acquires\"", d->name);
			return false;
		}
		if (!parse_when(it, "fails_when", consts, &a->fails_when, why, why_size) ||
		    !parse_when(it, "acquired_when", consts, &a->acquired_when, why, why_size) ||
		    !parse_when(it, "escapes_when", consts, &a->escapes_when, why, why_size))
			return false;
		a->needs_release = !cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(it, "needs_release"));
		a->handoff = opt_string(it, "handoff") != NULL;
		a->release = opt_string(it, "release"); /* resolved in resolve_pairs */
		(*acq_used)++;
		d->n_acquires++;
	}
	d->releases = kb->release_pool + *rel_used;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(e, "releases")) {
		struct kb_release *r = &kb->release_pool[*rel_used];

		memset(r, 0, sizeof(*r));
		r->kind = opt_string(it, "kind");
		r->frees = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "frees"));
		kb->release_of[*rel_used] = cJSON_GetObjectItemCaseSensitive(it, "of");
		if (!r->kind || !parse_res(opt_string(it, "resource"), &r->resource) ||
		    !cJSON_IsArray(kb->release_of[*rel_used])) {
			snprintf(why, why_size, "'%s': a \"releases\" item needs \"kind\", \"resource\" and \"of\"",
				 d->name);
			return false;
		}
		(*rel_used)++;
		d->n_releases++;
	}
	d->unheld = kb->unheld_pool + *unheld_used;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(e, "unheld")) {
		struct kb_unheld *u = &kb->unheld_pool[*unheld_used];

		u->kind = opt_string(it, "kind");
		if (!u->kind || !parse_res(opt_string(it, "resource"), &u->resource)) {
			snprintf(why, why_size, "'%s': an \"unheld\" item needs \"kind\" and \"resource\"", d->name);
			return false;
		}
		(*unheld_used)++;
		d->n_unheld++;
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(e, "nonnull")) {
		if (!cJSON_IsNumber(it) || it->valuedouble < 1 || it->valuedouble > 32) {
			snprintf(why, why_size, "'%s': \"nonnull\" holds argument numbers 1..32", d->name);
			return false;
		}
		d->nonnull |= 1UL << ((unsigned)it->valuedouble - 1);
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(e, "keeps")) {
		if (!cJSON_IsNumber(it) || it->valuedouble < 1 || it->valuedouble > 32) {
			snprintf(why, why_size, "'%s': \"keeps\" holds argument numbers 1..32", d->name);
			return false;
		}
		d->keeps |= 1UL << ((unsigned)it->valuedouble - 1);
	}
	return true;
}

bool kb_release_matches(const struct kb_release *r, const struct kb_acquire *a)
{
	unsigned i;

	if (strcmp(r->kind, a->kind) != 0)
		return false;
	for (i = 0; i < r->n_of; i++)
		if (r->of[i] == a->ddi)
			return true;
	return false;
}

/* Resolve every release's "of" names to entries, and give each acquire the
 * first DDI that releases it (for messages). */
static bool resolve_pairs(struct kb *kb, unsigned n_releases, char *why, size_t why_size)
{
	unsigned i, j, used = 0;

	for (i = 0; i < n_releases; i++) {
		struct kb_release *r = &kb->release_pool[i];
		const cJSON *it;

		r->of = kb->of_pool + used;
		cJSON_ArrayForEach(it, kb->release_of[i]) {
			const struct kb_ddi *d = cJSON_IsString(it) ? kb_lookup(kb, it->valuestring) : NULL;

			if (!d) {
				snprintf(why, why_size, "a release of '%s' names '%s', which is not in the knowledge base",
					 r->kind, cJSON_IsString(it) ? it->valuestring : "?");
				return false;
			}
			kb->of_pool[used++] = d;
			r->n_of++;
		}
	}
	for (i = 0; i < kb->n_ddis; i++)
		for (j = 0; j < kb->ddis[i].n_acquires; j++) {
			struct kb_acquire *acq = (struct kb_acquire *)&kb->ddis[i].acquires[j];

			acq->release_hint = acq->release ? kb_lookup(kb, acq->release) : NULL;
			if (acq->release && !acq->release_hint) {
				snprintf(why, why_size, "'%s' names '%s' as its release, which is not in the knowledge base",
					 kb->ddis[i].name, acq->release);
				return false;
			}
		}
	return true;
}

/* Fill D from entry E. Pools are pre-sized by the caller. */
static bool parse_entry(struct kb *kb, const cJSON *e, const cJSON *consts, struct kb_ddi *d,
			unsigned *names_used, unsigned *when_used, char *why, size_t why_size)
{
	const cJSON *names = cJSON_GetObjectItemCaseSensitive(e, "names");
	const cJSON *obs = cJSON_GetObjectItemCaseSensitive(e, "obsolete");
	const cJSON *raises = cJSON_GetObjectItemCaseSensitive(e, "raises");
	const cJSON *irql = cJSON_GetObjectItemCaseSensitive(e, "irql");
	const cJSON *sp = cJSON_GetObjectItemCaseSensitive(e, "storport_prohibited");
	const cJSON *it;

	memset(d, 0, sizeof(*d));
	d->name = opt_string(e, "name");
	d->doc = opt_string(e, "doc");
	d->header = opt_string(e, "header");
	if (!d->name || !*d->name) {
		snprintf(why, why_size, "entry without a \"name\"");
		return false;
	}
	if (!d->doc) {
		snprintf(why, why_size, "'%s' has no \"doc\" page", d->name);
		return false;
	}
	d->names = kb->names_pool + *names_used;
	cJSON_ArrayForEach(it, names) {
		if (!cJSON_IsString(it)) {
			snprintf(why, why_size, "'%s': \"names\" must hold strings", d->name);
			return false;
		}
		kb->names_pool[(*names_used)++] = it->valuestring;
		d->n_names++;
	}
	if (cJSON_IsObject(obs)) {
		d->obsolete = true;
		d->replacement = opt_string(obs, "use");
		d->storport_replacement = opt_string(obs, "storport_use");
		d->obsolete_note = opt_string(obs, "note");
		d->fix_call = opt_string(cJSON_GetObjectItemCaseSensitive(obs, "fix"), "call");
		d->fix_note = opt_string(cJSON_GetObjectItemCaseSensitive(obs, "fix"), "note");
	}
	/* true: on the SDV HwStorPortProhibitedDDIs page; "storport-interface":
	 * replaced by the Storport interface, though SDV does not list it. */
	d->storport_prohibited = cJSON_IsTrue(sp) || cJSON_IsString(sp);
	d->storport_sdv_listed = cJSON_IsTrue(sp);
	d->storport_entry = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "storport_miniport_entry"));
	d->noreturn = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "noreturn"));
	/* Storport advice for a prohibited DDI that is not obsolete. */
	if (!d->storport_replacement)
		d->storport_replacement = opt_string(e, "storport_use");
	if (cJSON_IsObject(raises)) {
		const cJSON *when = cJSON_GetObjectItemCaseSensitive(raises, "when");

		const char *hb = opt_string(raises, "handled_by");

		d->raise_note = opt_string(raises, "note");
		d->raise_handled_by_caller = hb && strcmp(hb, "caller") == 0;
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(raises, "always"))) {
			d->raises = KB_RAISES_ALWAYS;
		} else if (cJSON_IsObject(when)) {
			d->raises = KB_RAISES_WHEN;
			if (!parse_cond(when, consts, opt_string(raises, "unknown"), &d->raise_cond, why, why_size))
				return false;
		} else {
			snprintf(why, why_size, "'%s': \"raises\" needs \"always\" or \"when\"", d->name);
			return false;
		}
	}
	d->irql_max = d->irql_min = KB_IRQL_NONE;
	if (cJSON_IsObject(irql)) {
		const cJSON *when = cJSON_GetObjectItemCaseSensitive(irql, "when");

		if (!parse_level(irql, "max", &d->irql_max, why, why_size) ||
		    !parse_level(irql, "min", &d->irql_min, why, why_size))
			return false;
		d->irql_when = kb->when_pool + *when_used;
		cJSON_ArrayForEach(it, when) {
			struct kb_irql_when *w = &kb->when_pool[*when_used];

			if (!parse_cond(cJSON_GetObjectItemCaseSensitive(it, "if"), consts,
					opt_string(it, "unknown"), &w->cond, why, why_size) ||
			    !parse_level(it, "max", &w->max, why, why_size))
				return false;
			(*when_used)++;
			d->n_irql_when++;
		}
	}
	return true;
}

struct kb *kb_load_text(const char *text, const char *origin, struct ddl_error *err)
{
	struct kb *kb = calloc(1, sizeof(*kb));
	const cJSON *ddis, *consts, *e;
	unsigned n_names = 0, n_when = 0, names_used = 0, when_used = 0, i = 0;
	unsigned n_acq = 0, n_rel = 0, n_unheld = 0, n_of = 0, acq_used = 0, rel_used = 0, unheld_used = 0;
	char why[256];

	if (!kb) {
		ddl_fail(err, DDL_ERR_NOMEM, origin, "out of memory");
		return NULL;
	}
	kb->root = cJSON_Parse(text);
	if (!kb->root) {
		const char *at = cJSON_GetErrorPtr();
		unsigned line = 1;

		for (const char *p = text; at && p < at; p++)
			line += *p == '\n';
		ddl_fail(err, DDL_ERR_PARSE, origin, "invalid JSON near line %u", line);
		goto fail;
	}
	ddis = cJSON_GetObjectItemCaseSensitive(kb->root, "ddis");
	consts = cJSON_GetObjectItemCaseSensitive(kb->root, "constants");
	if (!cJSON_IsArray(ddis)) {
		ddl_fail(err, DDL_ERR_PARSE, origin, "no \"ddis\" array");
		goto fail;
	}
	cJSON_ArrayForEach(e, ddis) {
		const cJSON *irql = cJSON_GetObjectItemCaseSensitive(e, "irql");

		n_names += (unsigned)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(e, "names"));
		const cJSON *r;

		if (irql)
			n_when += (unsigned)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(irql, "when"));
		n_acq += (unsigned)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(e, "acquires"));
		n_unheld += (unsigned)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(e, "unheld"));
		cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(e, "releases")) {
			n_rel++;
			n_of += (unsigned)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, "of"));
		}
		kb->n_ddis++;
	}
	kb->ddis = calloc(kb->n_ddis + 1, sizeof(*kb->ddis));
	kb->names_pool = calloc(n_names + 1, sizeof(*kb->names_pool));
	kb->when_pool = calloc(n_when + 1, sizeof(*kb->when_pool));
	kb->acquire_pool = calloc(n_acq + 1, sizeof(*kb->acquire_pool));
	kb->release_pool = calloc(n_rel + 1, sizeof(*kb->release_pool));
	kb->unheld_pool = calloc(n_unheld + 1, sizeof(*kb->unheld_pool));
	kb->of_pool = calloc(n_of + 1, sizeof(*kb->of_pool));
	kb->release_of = calloc(n_rel + 1, sizeof(*kb->release_of));
	kb->n_slots = (kb->n_ddis + n_names) * 2 + 1;
	kb->slot_name = calloc(kb->n_slots, sizeof(*kb->slot_name));
	kb->slot_entry = calloc(kb->n_slots, sizeof(*kb->slot_entry));
	if (!kb->ddis || !kb->names_pool || !kb->when_pool || !kb->slot_name || !kb->slot_entry ||
	    !kb->acquire_pool || !kb->release_pool || !kb->unheld_pool || !kb->of_pool || !kb->release_of) {
		ddl_fail(err, DDL_ERR_NOMEM, origin, "out of memory");
		goto fail;
	}
	cJSON_ArrayForEach(e, ddis) {
		struct kb_ddi *d = &kb->ddis[i];
		unsigned k;

		if (!cJSON_IsObject(e) || !parse_entry(kb, e, consts, d, &names_used, &when_used, why, sizeof(why)) ||
		    !parse_pairs(kb, e, consts, d, &acq_used, &rel_used, &unheld_used, why, sizeof(why))) {
			ddl_fail(err, DDL_ERR_PARSE, origin, "entry %u: %s", i + 1,
				 cJSON_IsObject(e) ? why : "not an object");
			goto fail;
		}
		if (!insert_name(kb, d->name, i)) {
			ddl_fail(err, DDL_ERR_PARSE, origin, "'%s' is listed twice", d->name);
			goto fail;
		}
		for (k = 0; k < d->n_names; k++)
			if (!insert_name(kb, d->names[k], i)) {
				ddl_fail(err, DDL_ERR_PARSE, origin, "'%s' (a spelling of '%s') is listed twice",
					 d->names[k], d->name);
				goto fail;
			}
		i++;
	}
	if (!resolve_pairs(kb, rel_used, why, sizeof(why))) {
		ddl_fail(err, DDL_ERR_PARSE, origin, "%s", why);
		goto fail;
	}
	free(kb->release_of);
	kb->release_of = NULL;
	kb->irql = kb_irql_load(kb, kb->root, consts, kb->ddis, kb->n_ddis, why, sizeof(why));
	if (!kb->irql) {
		ddl_fail(err, DDL_ERR_PARSE, origin, "%s", why);
		goto fail;
	}
	return kb;
fail:
	kb_free(kb);
	return NULL;
}

struct kb *kb_load_embedded(struct ddl_error *err)
{
	const struct ddl_embedded_file *f = ddl_embedded_find("rules/ddi-kb.json");

	if (!f) {
		ddl_fail(err, DDL_ERR_IO, "rules/ddi-kb.json", "knowledge base not embedded in this build");
		return NULL;
	}
	return kb_load_text(f->data, "<embedded>/rules/ddi-kb.json", err);
}

/* For kb_irql.c: the condition and level syntax is this file's. */
bool kb_parse_cond_json(const cJSON *obj, const cJSON *consts, const char *unknown, struct kb_cond *c, char *why,
			size_t why_size)
{
	return parse_cond(obj, consts, unknown, c, why, why_size);
}

int kb_parse_level(const char *s)
{
	return s ? parse_irql(s) : -2;
}
