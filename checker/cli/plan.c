/* plan.c - inputs, flags and profiles of a run (see plan.h).
 *
 * With a compilation database, the files are its entries: all of them, or
 * those under the PATHs given. A file given on the command line that the
 * database does not list is analysed with the default flags (counted for a
 * note). Configurations are found per file, loaded once each, and become
 * one profile each. */
#include "plan.h"
#include "kbuser.h"
#include "paths.h"
#include "walk.h"
#include "rules/rule.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void profile_clear(struct cli_profile *p)
{
	cli_config_free(p->config);
	free(p->rules);
	free(p->srules);
	memset(p, 0, sizeof(*p));
}

void cli_plan_free(struct cli_plan *plan)
{
	unsigned i;

	for (i = 0; i < plan->n_items; i++) {
		free(plan->items[i].path);
		free(plan->items[i].problem);
		cli_strv_free(&plan->items[i].args);
	}
	free(plan->items);
	for (i = 0; i < plan->n_profiles; i++)
		profile_clear(&plan->profiles[i]);
	free(plan->profiles);
	memset(plan, 0, sizeof(*plan));
}

const struct kb *cli_profile_kb(const struct cli_profile *profile, const struct kb *base)
{
	return profile->config && profile->config->kb ? profile->config->kb : base;
}

bool cli_plan_needs_irql(const struct cli_plan *plan)
{
	unsigned i;

	for (i = 0; i < plan->n_profiles; i++)
		if (analyse_needs_irql(&plan->profiles[i].ao))
			return true;
	return false;
}

/* A profile for CONFIG (taking ownership; NULL for the default). */
static enum ddl_status add_profile(struct cli_plan *plan, struct cli_config *config, const struct cli_kb_base *base,
				   struct ddl_error *err)
{
	struct cli_profile *np = realloc(plan->profiles, (plan->n_profiles + 1) * sizeof(*np)), *p;
	unsigned i;

	if (!np) {
		cli_config_free(config);
		return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
	}
	plan->profiles = np;
	p = &plan->profiles[plan->n_profiles++];
	memset(p, 0, sizeof(*p));
	p->config = config;
	p->rules = calloc(rule_count + 1, sizeof(*p->rules));
	p->srules = calloc(rule_count + 1, sizeof(*p->srules));
	if (!p->rules || !p->srules)
		return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
	for (i = 0; i < rule_count; i++) {
		const struct rule *r = rule_table[i];

		if (cli_config_rule_level(config, r->id) == CLI_RULE_OFF)
			continue;
		/* A suppression that names only rules switched off here is not ours. */
		p->srules[p->n_rules] = (struct suppress_rule){ r->id, r->name, r->alias, r->prefast };
		p->rules[p->n_rules++] = r;
	}
	p->ao.rules = p->rules;
	p->ao.n_rules = p->n_rules;
	/* A cached result is valid only under the same configuration (and the DDIs it adds). */
	p->ao.cache_salt = config ? config->text : NULL;
	(void)base;
	return DDL_OK;
}

/* The profile of the configuration at PATH (loaded the first time). */
static enum ddl_status profile_of(struct cli_plan *plan, const char *path, const struct cli_kb_base *base,
				  unsigned *index, struct ddl_error *err)
{
	struct cli_config *c;
	unsigned i;

	*index = 0;
	if (!path)
		return DDL_OK;
	for (i = 1; i < plan->n_profiles; i++)
		if (strcmp(plan->profiles[i].config->path, path) == 0) {
			*index = i;
			return DDL_OK;
		}
	if (!(c = cli_config_load(path, base, err)))
		return err->status ? err->status : DDL_ERR_PARSE;
	*index = plan->n_profiles;
	return add_profile(plan, c, base, err);
}

static struct cli_item *new_item(struct cli_plan *plan, unsigned *cap)
{
	struct cli_item *it;

	if (plan->n_items == *cap) {
		unsigned ncap = *cap ? *cap * 2 : 64;
		struct cli_item *ni = realloc(plan->items, ncap * sizeof(*ni));

		if (!ni)
			return NULL;
		plan->items = ni;
		*cap = ncap;
	}
	it = &plan->items[plan->n_items++];
	memset(it, 0, sizeof(*it));
	return it;
}

static enum ddl_status copy_args(struct cli_strv *to, const struct cli_strv *from)
{
	unsigned i;

	for (i = 0; i < from->n; i++)
		if (cli_strv_add(to, from->v[i]) != DDL_OK)
			return DDL_ERR_NOMEM;
	return DDL_OK;
}

/* Items from the database: every entry, or those under the given paths. */
static enum ddl_status items_from_db(const struct cli_opts *o, const struct cli_compdb *db, struct cli_plan *plan,
				     unsigned *cap)
{
	bool *taken = calloc(db->n + 1, sizeof(*taken));
	unsigned i, k;
	enum ddl_status st = DDL_OK;

	if (!taken)
		return DDL_ERR_NOMEM;
	for (k = 0; k < (o->n_paths ? o->n_paths : 1) && st == DDL_OK; k++) {
		char *real = o->n_paths ? cli_path_real(o->paths[k]) : NULL;
		struct stat sb;
		bool is_dir = o->n_paths ? stat(o->paths[k], &sb) == 0 && S_ISDIR(sb.st_mode) : true;
		bool exists = o->n_paths ? stat(o->paths[k], &sb) == 0 : true;
		unsigned before = plan->n_items;
		struct cli_item *it;

		if (o->n_paths && !real) {
			st = DDL_ERR_NOMEM;
			break;
		}
		for (i = 0; i < db->n && exists; i++) {
			const struct cli_compdb_entry *e = &db->entries[i];

			if (taken[i] || (real && !(is_dir ? cli_path_under(e->real, real) : strcmp(e->real, real) == 0)))
				continue;
			taken[i] = true;
			if (!(it = new_item(plan, cap)) || !(it->path = cli_path_display(e->file)) ||
			    copy_args(&it->args, &e->args) != DDL_OK) {
				st = DDL_ERR_NOMEM;
				break;
			}
		}
		if (st == DDL_OK && o->n_paths && plan->n_items == before) {
			/* Not in the database: a missing path, a directory the
			 * database has nothing under, or a file analysed with the
			 * default flags. */
			if (!(it = new_item(plan, cap)) || !(it->path = ddl_strdup(o->paths[k])))
				st = DDL_ERR_NOMEM;
			else if (!exists)
				it->problem = ddl_asprintf("No such file or directory");
			else if (is_dir)
				it->problem = ddl_asprintf("no file under this directory is in %s", db->path);
			else
				plan->n_not_in_db++;
			if (st == DDL_OK && (!exists || is_dir) && !it->problem)
				st = DDL_ERR_NOMEM;
		}
		free(real);
	}
	free(taken);
	return st;
}

static enum ddl_status items_from_paths(const struct cli_opts *o, struct cli_plan *plan, unsigned *cap)
{
	struct cli_inputs in;
	unsigned i;
	enum ddl_status st = cli_expand(o->paths, o->n_paths, &in);

	for (i = 0; i < in.n && st == DDL_OK; i++) {
		struct cli_item *it = new_item(plan, cap);

		if (!it) {
			st = DDL_ERR_NOMEM;
			break;
		}
		it->path = in.items[i].path;
		it->problem = in.items[i].problem;
		in.items[i].path = in.items[i].problem = NULL;
	}
	cli_inputs_free(&in);
	return st;
}

enum ddl_status cli_plan_build(const struct cli_opts *o, const struct cli_compdb *db, const struct cli_kb_base *base,
			       struct cli_plan *plan, struct ddl_error *err)
{
	unsigned cap = 0, i, out = 0;
	enum ddl_status st;

	memset(plan, 0, sizeof(*plan));
	if ((st = add_profile(plan, NULL, base, err)) != DDL_OK)
		return st;
	st = db ? items_from_db(o, db, plan, &cap) : items_from_paths(o, plan, &cap);
	if (st != DDL_OK)
		return ddl_fail(err, st, NULL, "out of memory");
	for (i = 0; i < plan->n_items; i++) {
		struct cli_item *it = &plan->items[i];
		char *abs, *cfg = NULL;
		const struct cli_config *c;
		bool excluded;

		if (!it->problem) {
			abs = cli_path_abs(NULL, it->path);
			if (!abs) {
				st = ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
				break;
			}
			if (o->config)
				cfg = ddl_strdup(o->config);
			else if (!o->no_config)
				cfg = cli_config_find(abs);
			st = profile_of(plan, cfg, base, &it->profile, err);
			free(cfg);
			c = plan->profiles[it->profile].config;
			excluded = st == DDL_OK && cli_config_excludes(c, abs);
			free(abs);
			if (st != DDL_OK)
				break;
			if (excluded) {
				free(it->path);
				cli_strv_free(&it->args);
				plan->n_excluded++;
				continue;
			}
			if (c && copy_args(&it->args, &c->cc_args) != DDL_OK) {
				st = ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
				break;
			}
		}
		plan->items[out++] = *it;
	}
	if (st != DDL_OK) {
		/* Keep every item exactly once, so that cli_plan_free frees each once. */
		memmove(&plan->items[out], &plan->items[i], (plan->n_items - i) * sizeof(*plan->items));
		plan->n_items = out + (plan->n_items - i);
		return st;
	}
	plan->n_items = out;
	return DDL_OK;
}
