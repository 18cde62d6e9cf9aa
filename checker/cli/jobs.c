/* jobs.c - the -j runner (see jobs.h). */
#include "jobs.h"
#include "../frontend/fe.h"
#include "../irql/irql.h"
#include "../cache/hash.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Sessions a worker keeps, one per distinct flag set; a compilation
 * database rarely has more, and one more costs only a new CXIndex. */
#define SESSIONS_KEPT 8

unsigned cli_jobs_default(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > CLI_MAX_JOBS ? CLI_MAX_JOBS : (unsigned)n;
}

struct fe_session *cli_session_new(const struct cli_opts *o, const struct cli_strv *args, struct ddl_error *err)
{
	struct fe_opts fo = { 0 };
	const char **all = calloc(args->n + o->n_cc_args + 1, sizeof(*all));
	struct fe_session *s;
	unsigned i, n = 0;

	if (!all) {
		ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	/* The file's own flags first, so that the command line has the last word. */
	for (i = 0; i < args->n; i++)
		all[n++] = args->v[i];
	for (i = 0; i < o->n_cc_args; i++)
		all[n++] = o->cc_args[i];
	fo.wdk_dir = o->wdk_dir;
	fo.user_args = all;
	fo.n_user_args = n;
	fo.header_dir = o->header_dir;
	fo.resource_dir = o->resource_dir;
	s = fe_session_new(&fo, err);
	free(all);
	return s;
}

struct cached_session {
	char *key; /* the flags joined by '\n' (owned) */
	struct fe_session *fe;
	unsigned last_use;
};

struct worker {
	struct shared *sh;
	struct cached_session cache[SESSIONS_KEPT];
	unsigned clock;
	pthread_t thread;
};

enum phase { PHASE_SUMMARISE, PHASE_ANALYSE };

struct shared {
	const struct cli_jobs_opts *jo;
	struct cli_plan *plan;
	struct finding_list **lists; /* one per item */
	struct irql_program *prog;
	enum phase phase;
	pthread_mutex_t lock;
	unsigned next, done;
	bool failed;
	struct ddl_error err;
};

static char *args_key(const struct cli_strv *args)
{
	size_t n = 1;
	unsigned i;
	char *k, *p;

	for (i = 0; i < args->n; i++)
		n += strlen(args->v[i]) + 1;
	if (!(k = malloc(n)))
		return NULL;
	p = k;
	for (i = 0; i < args->n; i++) {
		size_t l = strlen(args->v[i]);

		memcpy(p, args->v[i], l);
		p += l;
		*p++ = '\n';
	}
	*p = '\0';
	return k;
}

static struct fe_session *session_for(struct worker *w, const struct cli_strv *args, struct ddl_error *err)
{
	char *key = args_key(args);
	struct cached_session *slot = &w->cache[0];
	unsigned i;

	if (!key) {
		ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	w->clock++;
	for (i = 0; i < SESSIONS_KEPT; i++) {
		struct cached_session *c = &w->cache[i];

		if (c->key && strcmp(c->key, key) == 0) {
			c->last_use = w->clock;
			free(key);
			return c->fe;
		}
		if (!c->key || (slot->key && c->last_use < slot->last_use))
			slot = c;
	}
	free(slot->key);
	fe_session_free(slot->fe);
	slot->key = key;
	slot->last_use = w->clock;
	slot->fe = cli_session_new(w->sh->jo->o, args, err);
	if (!slot->fe) {
		free(slot->key);
		slot->key = NULL;
	}
	return slot->fe;
}

static void worker_clear(struct worker *w)
{
	unsigned i;

	for (i = 0; i < SESSIONS_KEPT; i++) {
		free(w->cache[i].key);
		fe_session_free(w->cache[i].fe);
	}
	memset(w->cache, 0, sizeof(w->cache));
}

/* Called with the lock held. */
static void progress(struct shared *sh, const char *path)
{
	if (!sh->jo->progress)
		return;
	fprintf(stderr, "\r\033[K%s[%u/%u] %s", sh->phase == PHASE_SUMMARISE ? "summarising " : "",
		sh->done, sh->plan->n_items, path ? path : "");
	fflush(stderr);
}

static enum ddl_status do_item(struct worker *w, unsigned i, struct ddl_error *err)
{
	struct shared *sh = w->sh;
	const struct cli_item *it = &sh->plan->items[i];
	const struct cli_profile *p = &sh->plan->profiles[it->profile];
	struct finding_list *list = sh->lists[i];
	struct fe_session *fe;

	if (it->problem) {
		struct file_result r = { 0 };

		if (sh->phase == PHASE_SUMMARISE)
			return DDL_OK;
		r.path = ddl_strdup(it->path);
		r.status = FILE_FAILED;
		r.reason = ddl_strdup(it->problem);
		if (!r.path || !r.reason) {
			file_result_clear(&r);
			return ddl_fail(err, DDL_ERR_NOMEM, it->path, "out of memory");
		}
		return finding_list_add_file(list, &r);
	}
	if (!(fe = session_for(w, &it->args, err)))
		return err->status ? err->status : DDL_ERR_NOMEM;
	if (sh->phase == PHASE_SUMMARISE)
		return analyse_summarise(fe, cli_profile_kb(p, sh->jo->base_kb), it->path, sh->prog, err);
	return cli_process_file(fe, sh->jo->base_kb, p, &sh->jo->process, it->path, list, err);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct shared *sh = w->sh;

	for (;;) {
		struct ddl_error err = { 0 };
		unsigned i;
		enum ddl_status st;

		pthread_mutex_lock(&sh->lock);
		i = sh->failed ? sh->plan->n_items : sh->next++;
		if (i < sh->plan->n_items)
			progress(sh, sh->plan->items[i].path);
		pthread_mutex_unlock(&sh->lock);
		if (i >= sh->plan->n_items)
			break;
		st = do_item(w, i, &err);
		pthread_mutex_lock(&sh->lock);
		sh->done++;
		if (st != DDL_OK && !sh->failed) {
			sh->failed = true;
			sh->err = err;
			if (!sh->err.msg[0])
				ddl_fail(&sh->err, st, sh->plan->items[i].path, "out of memory");
		}
		pthread_mutex_unlock(&sh->lock);
	}
	return NULL;
}

/* One phase over every item, on N workers (the calling thread is one of them). */
static void run_phase(struct shared *sh, struct worker *ws, unsigned n)
{
	unsigned i, started = 1;

	sh->next = sh->done = 0;
	for (i = 1; i < n; i++) {
		if (pthread_create(&ws[i].thread, NULL, work, &ws[i]) != 0)
			break; /* fewer threads: the rest is done by those running */
		started++;
	}
	work(&ws[0]);
	for (i = 1; i < started; i++)
		pthread_join(ws[i].thread, NULL);
}

/* The key of a run's cross-file facts: every item's path, flags, profile and
 * contents. False when a file cannot be read (then nothing is cached). */
static bool program_key(const struct cli_plan *plan, char key[CACHE_HASH_HEX])
{
	struct cache_hash h;
	char content[CACHE_HASH_HEX];
	unsigned i, j;

	cache_hash_init(&h);
	cache_hash_u64(&h, plan->n_items);
	for (i = 0; i < plan->n_items; i++) {
		const struct cli_item *it = &plan->items[i];

		cache_hash_str(&h, it->path);
		cache_hash_str(&h, it->problem);
		cache_hash_u64(&h, it->profile);
		cache_hash_u64(&h, it->args.n);
		for (j = 0; j < it->args.n; j++)
			cache_hash_str(&h, it->args.v[j]);
		if (!it->problem) {
			if (cache_hash_file(it->path, content) != 0)
				return false;
			cache_hash_str(&h, content);
		}
	}
	cache_hash_hex(&h, key);
	return true;
}

/* Before building the IRQL program of an unchanged tree: every file answered
 * from the cache under the program's key means nothing to build or analyse.
 * True when the lists hold the whole run; otherwise they are emptied again. */
static bool probe_cache(struct shared *sh, struct worker *ws, unsigned n, const char *key)
{
	struct cli_plan *plan = sh->plan;
	unsigned i, misses = 0;

	for (i = 0; i < plan->n_profiles; i++) {
		if (!plan->profiles[i].ao.cache)
			return false;
		plan->profiles[i].ao.program_key = key;
		plan->profiles[i].ao.cache_only = true;
	}
	sh->phase = PHASE_ANALYSE;
	run_phase(sh, ws, n);
	for (i = 0; i < plan->n_profiles; i++)
		plan->profiles[i].ao.cache_only = false;
	for (i = 0; i < plan->n_items; i++)
		if (!finding_list_file_count(sh->lists[i]))
			misses++;
	if (!misses && !sh->failed)
		return true;
	for (i = 0; i < plan->n_items; i++) {
		finding_list_free(sh->lists[i]);
		sh->lists[i] = finding_list_new();
		if (!sh->lists[i] && !sh->failed) {
			sh->failed = true;
			ddl_fail(&sh->err, DDL_ERR_NOMEM, NULL, "out of memory");
		}
	}
	return false;
}

enum ddl_status cli_jobs_run(const struct cli_jobs_opts *jo, struct cli_plan *plan, struct finding_list *out,
			     struct ddl_error *err)
{
	struct shared sh;
	struct worker *ws;
	unsigned n = jo->n_threads, i;
	enum ddl_status st = DDL_OK;
	bool cached = false;
	char key[CACHE_HASH_HEX];

	if (n > plan->n_items)
		n = plan->n_items ? plan->n_items : 1;
	memset(&sh, 0, sizeof(sh));
	sh.jo = jo;
	sh.plan = plan;
	sh.lists = calloc(plan->n_items + 1, sizeof(*sh.lists));
	ws = calloc(n, sizeof(*ws));
	if (!sh.lists || !ws || pthread_mutex_init(&sh.lock, NULL) != 0) {
		free(sh.lists);
		free(ws);
		return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
	}
	for (i = 0; i < plan->n_items; i++)
		if (!(sh.lists[i] = finding_list_new()))
			st = DDL_ERR_NOMEM;
	for (i = 0; i < n; i++)
		ws[i].sh = &sh;
	if (st == DDL_OK && plan->n_items > 1 && cli_plan_needs_irql(plan) && program_key(plan, key))
		cached = probe_cache(&sh, ws, n, key);
	if (st == DDL_OK && !cached && !sh.failed && plan->n_items > 1 && cli_plan_needs_irql(plan)) {
		if (!(sh.prog = irql_program_new())) {
			st = DDL_ERR_NOMEM;
		} else {
			sh.phase = PHASE_SUMMARISE;
			run_phase(&sh, ws, n);
			if (!sh.failed && irql_program_solve(sh.prog) != DDL_OK) {
				sh.failed = true;
				ddl_fail(&sh.err, DDL_ERR_NOMEM, NULL, "out of memory solving the IRQL program");
			}
			for (i = 0; i < plan->n_profiles; i++)
				plan->profiles[i].ao.irql = sh.prog;
		}
	}
	if (st == DDL_OK && !sh.failed && !cached) {
		sh.phase = PHASE_ANALYSE;
		run_phase(&sh, ws, n);
	}
	if (jo->progress) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	for (i = 0; i < plan->n_items; i++) {
		if (st == DDL_OK && !sh.failed && sh.lists[i] && finding_list_merge(out, sh.lists[i]) != DDL_OK)
			st = DDL_ERR_NOMEM;
		finding_list_free(sh.lists[i]);
	}
	for (i = 0; i < n; i++)
		worker_clear(&ws[i]);
	for (i = 0; i < plan->n_profiles; i++) {
		plan->profiles[i].ao.irql = NULL;
		plan->profiles[i].ao.program_key = NULL;
	}
	irql_program_free(sh.prog);
	pthread_mutex_destroy(&sh.lock);
	free(sh.lists);
	free(ws);
	if (sh.failed) {
		*err = sh.err;
		return sh.err.status ? sh.err.status : DDL_ERR_NOMEM;
	}
	return st == DDL_OK ? DDL_OK : ddl_fail(err, st, NULL, "out of memory");
}
