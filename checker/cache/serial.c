/* serial.c - findings and file results to JSON and back for the result
 * cache. Everything a finding holds is written, so that a cache hit gives
 * what the analysis gave; the static strings (rule id, note kind) are
 * written by name and found again in the rule table and the table of note
 * kinds below. A finding this code cannot write faithfully is refused,
 * which keeps the file out of the cache rather than changing its results.
 */
#include "serial.h"
#include "rules/rule.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A new field in these structs must be written and read here: this breaks
 * the build until it is (sizes on LP64). */
#if UINTPTR_MAX == 0xffffffffffffffffu
_Static_assert(sizeof(struct finding_loc) == 24, "update checker/cache/serial.c for struct finding_loc");
_Static_assert(sizeof(struct finding_note) == 40, "update checker/cache/serial.c for struct finding_note");
_Static_assert(sizeof(struct finding_fix) == 40, "update checker/cache/serial.c for struct finding_fix");
_Static_assert(sizeof(struct finding) == 104, "update checker/cache/serial.c for struct finding");
_Static_assert(sizeof(struct file_result) == 56, "update checker/cache/serial.c for struct file_result");
#endif

/* The note kinds engines use (finding.h: static strings). */
static const char *const note_kinds[] = {
	"acquire", "release", "call", "branch", "return", "assign", "raise", "lower", "irql", "lock",
	"unlock", "entry", "exit", "path", "state", "callback", "loop", "leave", "except", "finally",
};

static const char *known_kind(const char *kind)
{
	unsigned i;

	for (i = 0; i < sizeof(note_kinds) / sizeof(*note_kinds); i++)
		if (strcmp(note_kinds[i], kind) == 0)
			return note_kinds[i];
	return NULL;
}

static const char *known_rule(const char *id)
{
	const struct rule *r = rule_find(id);

	return r ? r->id : NULL;
}

/* --- writing ------------------------------------------------------------------- */

static bool add_str(cJSON *o, const char *key, const char *s)
{
	return !s || cJSON_AddStringToObject(o, key, s) != NULL;
}

static bool add_num(cJSON *o, const char *key, double v)
{
	return cJSON_AddNumberToObject(o, key, v) != NULL;
}

static cJSON *loc_to_json(const struct finding_loc *l)
{
	cJSON *o = cJSON_CreateObject();

	if (!o || !add_str(o, "file", l->file) || !add_num(o, "line", l->line) || !add_num(o, "col", l->col) ||
	    !add_num(o, "end_col", l->end_col)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

cJSON *cache_finding_to_json(const struct finding *f)
{
	cJSON *o = cJSON_CreateObject(), *a, *x;
	unsigned i;

	if (!o || !f->rule_id || !known_rule(f->rule_id) || !add_str(o, "rule", f->rule_id) ||
	    !add_num(o, "severity", f->severity) || !add_str(o, "message", f->message) ||
	    !(x = loc_to_json(&f->loc)) || !cJSON_AddItemToObject(o, "loc", x) ||
	    !cJSON_AddBoolToObject(o, "is_path", f->is_path) || !add_str(o, "function", f->function) ||
	    !add_num(o, "suppressed", f->suppressed) || !add_str(o, "justification", f->justification) ||
	    !add_num(o, "baseline", f->baseline) || !(a = cJSON_AddArrayToObject(o, "notes")))
		goto fail;
	for (i = 0; i < f->n_notes; i++) {
		const struct finding_note *n = &f->notes[i];
		cJSON *no = cJSON_CreateObject();

		if (!no || !cJSON_AddItemToArray(a, no) || !(x = loc_to_json(&n->loc)) ||
		    !cJSON_AddItemToObject(no, "loc", x) || !add_str(no, "message", n->message) ||
		    (n->kind && (!known_kind(n->kind) || !add_str(no, "kind", n->kind))))
			goto fail;
	}
	if (f->fix) {
		cJSON *fo = cJSON_AddObjectToObject(o, "fix");

		if (!fo || !add_str(fo, "description", f->fix->description) || !(x = loc_to_json(&f->fix->loc)) ||
		    !cJSON_AddItemToObject(fo, "loc", x) || !add_str(fo, "replacement", f->fix->replacement))
			goto fail;
	}
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

cJSON *cache_file_result_to_json(const struct file_result *r)
{
	cJSON *o = cJSON_CreateObject(), *a;
	unsigned i;

	if (!o || !add_str(o, "path", r->path) || !add_num(o, "status", r->status) || !add_str(o, "reason", r->reason) ||
	    !add_num(o, "n_errors", r->n_errors) || !add_num(o, "n_functions", r->n_functions) ||
	    !add_num(o, "n_skipped", r->n_skipped) || !(a = cJSON_AddArrayToObject(o, "diagnostics")))
		goto fail;
	for (i = 0; i < r->n_diagnostics; i++)
		if (!cJSON_AddItemToArray(a, cJSON_CreateString(r->diagnostics[i] ? r->diagnostics[i] : "")))
			goto fail;
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

/* --- reading ----------------------------------------------------------------------- */

/* An optional string: absent = NULL. False when present but not a string, or out of memory. */
static bool get_str(const cJSON *o, const char *key, char **out)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, key);

	*out = NULL;
	if (!s)
		return true;
	if (!cJSON_IsString(s))
		return false;
	*out = ddl_strdup(s->valuestring);
	return *out != NULL;
}

static bool get_uint(const cJSON *o, const char *key, unsigned max, unsigned *out)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(n) || n->valuedouble < 0 || n->valuedouble > max || n->valuedouble != (unsigned)n->valuedouble)
		return false;
	*out = (unsigned)n->valuedouble;
	return true;
}

static bool loc_from_json(const cJSON *o, struct finding_loc *l)
{
	memset(l, 0, sizeof(*l));
	if (!cJSON_IsObject(o) || !get_str(o, "file", &l->file) || !get_uint(o, "line", UINT32_MAX, &l->line) ||
	    !get_uint(o, "col", UINT32_MAX, &l->col) || !get_uint(o, "end_col", UINT32_MAX, &l->end_col)) {
		finding_loc_clear(l);
		return false;
	}
	return true;
}

bool cache_finding_from_json(const cJSON *j, struct finding *f)
{
	const cJSON *rule = cJSON_GetObjectItemCaseSensitive(j, "rule");
	const cJSON *notes = cJSON_GetObjectItemCaseSensitive(j, "notes");
	const cJSON *fix = cJSON_GetObjectItemCaseSensitive(j, "fix");
	const cJSON *n;
	unsigned v;

	memset(f, 0, sizeof(*f));
	if (!cJSON_IsObject(j) || !cJSON_IsString(rule) || !(f->rule_id = known_rule(rule->valuestring)) ||
	    !get_uint(j, "severity", SEV_ERROR, &v))
		goto fail;
	f->severity = (enum finding_severity)v;
	if (!get_str(j, "message", &f->message) || !loc_from_json(cJSON_GetObjectItemCaseSensitive(j, "loc"), &f->loc) ||
	    !get_str(j, "function", &f->function) || !get_str(j, "justification", &f->justification))
		goto fail;
	f->is_path = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "is_path"));
	if (!get_uint(j, "suppressed", FINDING_SUPPRESSED_BASELINE, &v))
		goto fail;
	f->suppressed = (enum finding_suppression)v;
	if (!get_uint(j, "baseline", FINDING_BASELINE_UNCHANGED, &v))
		goto fail;
	f->baseline = (enum finding_baseline_state)v;
	if (!cJSON_IsArray(notes))
		goto fail;
	cJSON_ArrayForEach(n, notes) {
		struct finding_loc loc;
		const cJSON *kind = cJSON_GetObjectItemCaseSensitive(n, "kind");
		const char *k = NULL;
		char *msg;

		if (kind && (!cJSON_IsString(kind) || !(k = known_kind(kind->valuestring))))
			goto fail;
		if (!loc_from_json(cJSON_GetObjectItemCaseSensitive(n, "loc"), &loc))
			goto fail;
		if (!get_str(n, "message", &msg)) {
			finding_loc_clear(&loc);
			goto fail;
		}
		/* Takes ownership of MSG and LOC's file even on failure. */
		if (finding_add_note(f, loc, msg, k) != DDL_OK)
			goto fail;
	}
	if (fix) {
		if (!cJSON_IsObject(fix) || !(f->fix = calloc(1, sizeof(*f->fix))) ||
		    !get_str(fix, "description", &f->fix->description) ||
		    !loc_from_json(cJSON_GetObjectItemCaseSensitive(fix, "loc"), &f->fix->loc) ||
		    !get_str(fix, "replacement", &f->fix->replacement))
			goto fail;
	}
	return true;
fail:
	finding_clear(f);
	memset(f, 0, sizeof(*f));
	return false;
}

bool cache_file_result_from_json(const cJSON *j, struct file_result *r)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(j, "diagnostics"), *d;
	unsigned v;

	memset(r, 0, sizeof(*r));
	if (!cJSON_IsObject(j) || !get_str(j, "path", &r->path) || !get_uint(j, "status", FILE_FAILED, &v))
		goto fail;
	r->status = (enum file_status)v;
	if (!get_str(j, "reason", &r->reason) || !get_uint(j, "n_errors", UINT32_MAX, &r->n_errors) ||
	    !get_uint(j, "n_functions", UINT32_MAX, &r->n_functions) ||
	    !get_uint(j, "n_skipped", UINT32_MAX, &r->n_skipped) || !cJSON_IsArray(a))
		goto fail;
	if (cJSON_GetArraySize(a) > 0 &&
	    !(r->diagnostics = calloc((size_t)cJSON_GetArraySize(a), sizeof(*r->diagnostics))))
		goto fail;
	cJSON_ArrayForEach(d, a) {
		if (!cJSON_IsString(d) || !(r->diagnostics[r->n_diagnostics] = ddl_strdup(d->valuestring)))
			goto fail;
		r->n_diagnostics++;
	}
	return true;
fail:
	file_result_clear(r);
	memset(r, 0, sizeof(*r));
	return false;
}
