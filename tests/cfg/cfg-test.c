/* cfg-test.c - the CFG builder and the dataflow solver.
 *
 *   cfg-test check FILE.c [--print]   build the CFG of every function of FILE
 *                                     (parsed as a driver by the frontend) and
 *                                     compare cfg_dump with the comment block
 *                                     "/" "* CFG: ... *" "/" that follows the function;
 *                                     --print shows the dumps instead
 *   cfg-test perf                     a generated 2000-statement function (and
 *                                     a long else-if chain) must build fast
 *   cfg-test dataflow                 small clients over small functions: in-states,
 *                                     edge refinement, widening, DF_ABANDONED
 *
 * Every CFG built is also checked for the invariants the engines rely on
 * (preds match succs, a COND ends its block with TRUE and FALSE edges, dead
 * blocks have no predecessors, the exit has nothing). Calls that the KB marks
 * noreturn end their block. Exit status 0 = all passed; failures on stderr.
 */
#define _POSIX_C_SOURCE 200809L
#include "cfg/cfg.h"
#include "dataflow/df.h"
#include "frontend/fe.h"
#include "kb/kb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int failures;

#define FAIL(...) do { fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); failures++; } while (0)

/* ---- invariants ----------------------------------------------------------------- */

static bool has_pred(const struct cfg_block *b, unsigned p)
{
	unsigned i;

	for (i = 0; i < b->n_preds; i++)
		if (b->preds[i] == p)
			return true;
	return false;
}

static void check_invariants(const struct cfg *cfg, const char *fn)
{
	unsigned i, k, n_true, n_false;
	unsigned char *seen = calloc(cfg->n_blocks, 1);
	unsigned *stack = malloc(cfg->n_blocks * sizeof(*stack)), sp = 0;

	if (cfg->entry != 0 || cfg->exit != cfg->n_blocks - 1)
		FAIL("%s: entry %u / exit %u not first / last", fn, cfg->entry, cfg->exit);
	if (cfg->blocks[cfg->exit].n_elems || cfg->blocks[cfg->exit].n_succs)
		FAIL("%s: the exit has elements or successors", fn);
	if (cfg->blocks[cfg->entry].n_preds)
		FAIL("%s: the entry has predecessors", fn);
	seen[cfg->entry] = 1;
	stack[sp++] = cfg->entry;
	while (sp) {
		const struct cfg_block *b = &cfg->blocks[stack[--sp]];

		for (k = 0; k < b->n_succs; k++)
			if (!seen[b->succs[k].to]) {
				seen[b->succs[k].to] = 1;
				stack[sp++] = b->succs[k].to;
			}
	}
	for (i = 0; i < cfg->n_blocks; i++) {
		const struct cfg_block *b = &cfg->blocks[i];

		n_true = n_false = 0;
		for (k = 0; k < b->n_succs; k++) {
			if (b->succs[k].to >= cfg->n_blocks) {
				FAIL("%s: B%u: edge to B%u out of range", fn, i, b->succs[k].to);
				continue;
			}
			if (!has_pred(&cfg->blocks[b->succs[k].to], i))
				FAIL("%s: B%u -> B%u missing from its preds", fn, i, b->succs[k].to);
			n_true += b->succs[k].kind == CFG_EDGE_TRUE;
			n_false += b->succs[k].kind == CFG_EDGE_FALSE;
		}
		for (k = 0; k < b->n_preds; k++) {
			const struct cfg_block *p = &cfg->blocks[b->preds[k]];
			unsigned j;

			for (j = 0; j < p->n_succs && p->succs[j].to != i; j++)
				;
			if (j == p->n_succs)
				FAIL("%s: B%u lists pred B%u with no edge", fn, i, b->preds[k]);
		}
		if (!seen[i] && (b->n_preds || b->n_succs))
			FAIL("%s: B%u is unreachable but has edges", fn, i);
		if (!seen[i])
			continue; /* dead code: kept for its elements, no edges */
		for (k = 0; k < b->n_elems; k++)
			if (b->elems[k].kind == CFG_ELEM_COND && k + 1 != b->n_elems)
				FAIL("%s: B%u: COND is not the last element", fn, i);
		if (b->n_elems && b->elems[b->n_elems - 1].kind == CFG_ELEM_COND) {
			if (n_true != 1 || n_false != 1)
				FAIL("%s: B%u: a COND block needs one TRUE and one FALSE edge", fn, i);
		} else if (n_true || n_false) {
			FAIL("%s: B%u: TRUE/FALSE edges without a COND", fn, i);
		}
	}
	free(seen);
	free(stack);
}

/* ---- noreturn from the KB --------------------------------------------------------- */

static bool kb_noreturn(void *user, CXCursor call)
{
	const struct kb *kb = user;
	CXString name = clang_getCursorSpelling(clang_getCursorReferenced(call));
	const struct kb_ddi *d = kb_lookup(kb, clang_getCString(name));

	clang_disposeString(name);
	return d && d->noreturn;
}

/* ---- check: dumps against the expectations in the file ----------------------------- */

struct lines {
	char **v;
	unsigned n;
};

static void lines_add(struct lines *l, const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	if (!len)
		return;
	l->v = realloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = strndup(s, len);
}

static void lines_split(struct lines *l, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t j = i;

		while (j < len && s[j] != '\n')
			j++;
		lines_add(l, s + i, j - i);
		i = j + 1;
	}
}

static void lines_free(struct lines *l)
{
	unsigned i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static bool lines_equal(const struct lines *a, const struct lines *b)
{
	unsigned i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

/* Print a line diff of A (expected) and B (actual) by longest common subsequence. */
static void print_diff(const struct lines *a, const struct lines *b)
{
	unsigned n = a->n, m = b->n, i, j;
	unsigned *t = calloc((size_t)(n + 1) * (m + 1), sizeof(*t));

	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			t[i * (m + 1) + j] = strcmp(a->v[i], b->v[j]) == 0 ? t[(i + 1) * (m + 1) + j + 1] + 1
				: (t[(i + 1) * (m + 1) + j] > t[i * (m + 1) + j + 1] ? t[(i + 1) * (m + 1) + j]
										    : t[i * (m + 1) + j + 1]);
	i = j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && strcmp(a->v[i], b->v[j]) == 0) {
			fprintf(stderr, "    %s\n", a->v[i]);
			i++;
			j++;
		} else if (i < n && (j == m || t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1])) {
			fprintf(stderr, "  - %s\n", a->v[i++]);
		} else {
			fprintf(stderr, "  + %s\n", b->v[j++]);
		}
	}
	free(t);
}

struct fn_list {
	CXCursor *v;
	unsigned n;
	const struct fe_tu *tu;
};

static enum CXChildVisitResult collect_fn(CXCursor c, CXCursor parent, CXClientData data)
{
	struct fn_list *l = data;
	unsigned off;

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_FunctionDecl && clang_isCursorDefinition(c) &&
	    fe_main_offset(l->tu, clang_getCursorLocation(c), &off)) {
		l->v = realloc(l->v, (l->n + 1) * sizeof(*l->v));
		l->v[l->n++] = c;
	}
	return CXChildVisit_Continue;
}

static unsigned end_offset(const struct fe_tu *tu, CXCursor c)
{
	unsigned off = 0;

	fe_main_offset(tu, clang_getRangeEnd(clang_getCursorExtent(c)), &off);
	return off;
}

static unsigned start_offset(const struct fe_tu *tu, CXCursor c)
{
	unsigned off = 0;

	fe_main_offset(tu, clang_getRangeStart(clang_getCursorExtent(c)), &off);
	return off;
}

static char *dump_to_string(const struct cfg *cfg, CXTranslationUnit tu, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	cfg_dump(cfg, tu, f);
	fclose(f);
	return buf;
}

static int run_check(const char *path, bool print)
{
	struct ddl_error err = { 0 };
	struct fe_opts fo = { 0 };
	struct fe_session *s = fe_session_new(&fo, &err);
	struct fe_tu *tu = NULL;
	struct file_result fr = { 0 };
	struct kb *kb = kb_load_embedded(&err);
	struct cfg_opts co;
	struct fn_list fns = { NULL, 0, NULL };
	const char *src;
	size_t size;
	unsigned i;

	if (!s || !kb) {
		FAIL("setup: %s", err.msg);
		return 1;
	}
	if (fe_parse(s, path, &tu, &fr, &err) != DDL_OK || !tu) {
		FAIL("%s: cannot parse: %s", path, fr.reason ? fr.reason : err.msg);
		goto out;
	}
	if (fr.n_errors)
		FAIL("%s: %u compiler errors (first: %s)", path, fr.n_errors, fr.reason ? fr.reason : "?");
	co.is_noreturn = kb_noreturn;
	co.user = kb;
	fns.tu = tu;
	clang_visitChildren(clang_getTranslationUnitCursor(tu->tu), collect_fn, &fns);
	src = clang_getFileContents(tu->tu, tu->main_file, &size);
	if (!fns.n)
		FAIL("%s: no function definitions", path);
	for (i = 0; i < fns.n; i++) {
		CXString name = clang_getCursorSpelling(fns.v[i]);
		const char *fname = clang_getCString(name);
		struct cfg *cfg = cfg_build(fns.v[i], &co, &err);
		unsigned from = end_offset(tu, fns.v[i]);
		unsigned to = i + 1 < fns.n ? start_offset(tu, fns.v[i + 1]) : (unsigned)size;
		struct lines want = { 0 }, got = { 0 };
		char *dump;
		size_t dlen;
		const char *p;

		if (!cfg) {
			FAIL("%s: %s: cfg_build: %s", path, fname, err.msg);
			clang_disposeString(name);
			continue;
		}
		check_invariants(cfg, fname);
		dump = dump_to_string(cfg, tu->tu, &dlen);
		if (print) {
			printf("%s:\n/* CFG:\n%s*/\n\n", fname, dump);
		} else {
			lines_split(&got, dump, dlen);
			/* The expectation: the first "CFG:" comment between this function and the next. */
			p = from < to ? memmem(src + from, to - from, "/* CFG:", 7) : NULL;
			if (!p) {
				FAIL("%s: %s: no /* CFG: ... */ expectation after the function", path, fname);
			} else {
				const char *e = memmem(p, src + to - p, "*/", 2);

				p += 7;
				if (e)
					lines_split(&want, p, (size_t)(e - p));
				if (!e || !lines_equal(&want, &got)) {
					FAIL("%s: %s: the CFG differs from the expectation (- expected, + actual):",
					     path, fname);
					print_diff(&want, &got);
				}
			}
		}
		lines_free(&want);
		lines_free(&got);
		free(dump);
		cfg_free(cfg);
		clang_disposeString(name);
	}
out:
	free(fns.v);
	fe_tu_free(tu);
	file_result_clear(&fr);
	fe_session_free(s);
	kb_free(kb);
	return failures ? 1 : 0;
}

/* ---- parsing a string, for perf and dataflow ---------------------------------------- */

struct mem_tu {
	CXIndex index;
	CXTranslationUnit tu;
};

static bool parse_string(struct mem_tu *m, const char *name, const char *text)
{
	static const char *const args[] = { "-fms-extensions", "-std=gnu11", "-w" };
	struct CXUnsavedFile uf = { name, text, (unsigned long)strlen(text) };

	m->index = clang_createIndex(0, 0);
	m->tu = clang_parseTranslationUnit(m->index, name, args, 3, &uf, 1, CXTranslationUnit_None);
	if (!m->tu) {
		FAIL("%s: libclang could not parse the generated source", name);
		clang_disposeIndex(m->index);
		return false;
	}
	return true;
}

static void mem_tu_free(struct mem_tu *m)
{
	clang_disposeTranslationUnit(m->tu);
	clang_disposeIndex(m->index);
}

struct find_fn {
	const char *name;
	CXCursor found;
};

static enum CXChildVisitResult find_fn_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct find_fn *f = data;
	CXString s;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c))
		return CXChildVisit_Continue;
	s = clang_getCursorSpelling(c);
	if (strcmp(clang_getCString(s), f->name) == 0)
		f->found = c;
	clang_disposeString(s);
	return CXChildVisit_Continue;
}

static struct cfg *build_named(struct mem_tu *m, const char *fn)
{
	struct find_fn f = { fn, clang_getNullCursor() };
	struct ddl_error err = { 0 };
	struct cfg *cfg;

	clang_visitChildren(clang_getTranslationUnitCursor(m->tu), find_fn_visit, &f);
	if (clang_Cursor_isNull(f.found)) {
		FAIL("no function %s", fn);
		return NULL;
	}
	cfg = cfg_build(f.found, NULL, &err);
	if (!cfg)
		FAIL("%s: cfg_build: %s", fn, err.msg);
	else
		check_invariants(cfg, fn);
	return cfg;
}

/* ---- perf ----------------------------------------------------------------------------- */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int run_perf(void)
{
	size_t cap = 1 << 21, len = 0;
	char *text = malloc(cap);
	struct mem_tu m;
	struct cfg *cfg;
	double t0, t;
	unsigned i;

	len += sprintf(text + len, "int g(int);\nint big(int a) {\n\tint x = 0;\n");
	for (i = 0; i < 2000; i++) {
		switch (i % 4) {
		case 0:
			len += sprintf(text + len, "\tx += g(%u);\n", i);
			break;
		case 1:
			len += sprintf(text + len, "\tif (x > %u) x = g(x);\n", i);
			break;
		case 2:
			len += sprintf(text + len, "\tx = a ? g(%u) : x;\n", i);
			break;
		default:
			len += sprintf(text + len, "\tif (g(x) < 0) goto out;\n");
			break;
		}
	}
	len += sprintf(text + len, "out:\n\treturn x;\n}\nint chain(int a) {\n");
	for (i = 0; i < 2000; i++)
		len += sprintf(text + len, "\t%sif (a == %u) return g(%u);\n", i ? "else " : "", i, i);
	len += sprintf(text + len, "\treturn 0;\n}\nint too_many_blocks(int a) {\n");
	for (i = 0; i < 11000; i++)
		len += sprintf(text + len, "\tif (g(%u)) a++;\n", i);
	len += sprintf(text + len, "\treturn a;\n}\nint too_many_elems(int a) {\n\t__try {\n");
	/* 2100 exits, each with its copy of a 50-call __finally: over CFG_MAX_ELEMS. */
	for (i = 0; i < 2100; i++)
		len += sprintf(text + len, "\t\tif (a == %u) return %u;\n", i, i);
	len += sprintf(text + len, "\t} __finally {\n");
	for (i = 0; i < 50; i++)
		len += sprintf(text + len, "\t\tg(%u);\n", i);
	len += sprintf(text + len, "\t}\n\treturn 0;\n}\n");
	if (!parse_string(&m, "perf.c", text)) {
		free(text);
		return 1;
	}
	t0 = now();
	cfg = build_named(&m, "big");
	t = now() - t0;
	if (cfg) {
		/* Each if: then + join; each ?: with a call: arm + join; each if/goto: join. */
		if (cfg->n_blocks < 2500 || cfg->truncated)
			FAIL("big: %u blocks%s", cfg->n_blocks, cfg->truncated ? ", truncated" : "");
		printf("big: %u blocks in %.3f s\n", cfg->n_blocks, t);
		if (t > 1.0)
			FAIL("big: building took %.3f s", t);
		cfg_free(cfg);
	}
	t0 = now();
	cfg = build_named(&m, "chain");
	t = now() - t0;
	if (cfg) {
		printf("chain: %u blocks in %.3f s\n", cfg->n_blocks, t);
		if (t > 1.0)
			FAIL("chain: building took %.3f s", t);
		cfg_free(cfg);
	}
	/* The bounds: the graph stops growing, is marked, and stays consistent. */
	if ((cfg = build_named(&m, "too_many_blocks"))) {
		if (!cfg->truncated || cfg->n_blocks > CFG_MAX_BLOCKS)
			FAIL("too_many_blocks: %u blocks, truncated %d", cfg->n_blocks, cfg->truncated);
		cfg_free(cfg);
	}
	t0 = now();
	cfg = build_named(&m, "too_many_elems");
	t = now() - t0;
	if (cfg) {
		printf("too_many_elems: %u blocks in %.3f s\n", cfg->n_blocks, t);
		if (!cfg->truncated)
			FAIL("too_many_elems: not truncated");
		cfg_free(cfg);
	}
	mem_tu_free(&m);
	free(text);
	return failures ? 1 : 0;
}

/* ---- dataflow ---------------------------------------------------------------------------- */

static const char df_source[] =
	"void at_a(void); void at_b(void); void at_c(void); int g(int);\n"
	"int assign(int c) {\n"                       /* definitely assigned: x on both arms, y on one */
	"	int x, y;\n"
	"	if (c) { x = 1; y = 2; } else { x = 3; }\n"
	"	at_a();\n"
	"	return x;\n"
	"}\n"
	"int flag(int c) {\n"                         /* edge refinement on a known constant */
	"	int on = 0;\n"
	"	if (on) at_a(); else at_b();\n"
	"	on = 1;\n"
	"	if (on) at_c();\n"
	"	return 0;\n"
	"}\n"
	"int loop(int n) {\n"                         /* a count that only widening bounds */
	"	int i = 0;\n"
	"	while (g(i)) { i = i + 1; }\n"
	"	at_a();\n"
	"	return i;\n"
	"}\n"
	"int seh(int n) {\n"                          /* exception edge: start state of the block */
	"	int x = 0, y;\n"
	"	__try { y = g(1); n = g(y); } __except (1) { at_a(); }\n"
	"	return n;\n"
	"}\n";

/* Variables are told apart by their first letter: the tests use a few short names. */
static unsigned var_bit(CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	const char *n = clang_getCString(s);
	unsigned bit = n && n[0] >= 'a' && n[0] <= 'z' ? (unsigned)(n[0] - 'a') : 31;

	clang_disposeString(s);
	return 1u << bit;
}

static enum CXChildVisitResult first_kid(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	*(CXCursor *)data = c;
	return CXChildVisit_Break;
}

static enum CXChildVisitResult last_kid(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	*(CXCursor *)data = c;
	return CXChildVisit_Continue;
}

/* `v = E` (the referenced V and E's cursor) or a declaration with an initialiser. */
static bool assignment(const struct cfg_elem *e, unsigned *var, CXCursor *value)
{
	CXCursor c = e->cursor, lhs = clang_getNullCursor();
	char buf[8];
	const char *op;

	if (clang_getCursorKind(c) == CXCursor_VarDecl) {
		*var = var_bit(c);
		*value = clang_Cursor_getVarDeclInitializer(c);
		return true;
	}
	if (clang_getCursorKind(c) != CXCursor_BinaryOperator || !(op = cfg_operator(c, buf, sizeof(buf))) ||
	    strcmp(op, "=") != 0)
		return false;
	clang_visitChildren(c, first_kid, &lhs);
	if (clang_getCursorKind(lhs) != CXCursor_DeclRefExpr)
		return false;
	*var = var_bit(clang_getCursorReferenced(lhs));
	*value = clang_getNullCursor();
	clang_visitChildren(c, last_kid, value);
	return true;
}

static bool is_call_to(const struct cfg_elem *e, const char *name)
{
	CXString s;
	bool r;

	if (clang_getCursorKind(e->cursor) != CXCursor_CallExpr)
		return false;
	s = clang_getCursorSpelling(e->cursor);
	r = strcmp(clang_getCString(s), name) == 0;
	clang_disposeString(s);
	return r;
}

/* The block holding a call of NAME, or (unsigned)-1. */
static unsigned block_calling(const struct cfg *cfg, const char *name)
{
	unsigned i, k;

	for (i = 0; i < cfg->n_blocks; i++)
		for (k = 0; k < cfg->blocks[i].n_elems; k++)
			if (is_call_to(&cfg->blocks[i].elems[k], name))
				return i;
	FAIL("no block calls %s", name);
	return (unsigned)-1;
}

/* Client 1: the variables definitely assigned (a must analysis: join is intersection). */
struct assigned { unsigned vars; };

static void as_init(void *u, void *st) { (void)u; ((struct assigned *)st)->vars = 0; }
static void as_bottom(void *u, void *st) { (void)u; ((struct assigned *)st)->vars = ~0u; }

static bool as_join(void *u, void *dst, const void *src)
{
	struct assigned *d = dst;
	unsigned old = d->vars;

	(void)u;
	d->vars &= ((const struct assigned *)src)->vars;
	return d->vars != old;
}

static void as_transfer(void *u, void *st, const struct cfg *cfg, unsigned block, const struct cfg_elem *e)
{
	unsigned var;
	CXCursor value;

	(void)u; (void)cfg; (void)block;
	if (assignment(e, &var, &value))
		((struct assigned *)st)->vars |= var;
}

/* Client 2: the value of `on` when it is a known constant; edges on `if (on)` refine. */
struct flag { bool known; long long value; };

static void fl_init(void *u, void *st) { (void)u; memset(st, 0, sizeof(struct flag)); }

static bool fl_join(void *u, void *dst, const void *src)
{
	struct flag *d = dst;
	const struct flag *s = src;

	(void)u;
	if (d->known && (!s->known || s->value != d->value)) {
		d->known = false;
		return true;
	}
	return false;
}

static void fl_transfer(void *u, void *st, const struct cfg *cfg, unsigned block, const struct cfg_elem *e)
{
	struct flag *f = st;
	unsigned var;
	CXCursor value;
	CXEvalResult ev;

	(void)u; (void)cfg; (void)block;
	if (!assignment(e, &var, &value) || var != 1u << ('o' - 'a'))
		return;
	ev = clang_Cursor_isNull(value) ? NULL : clang_Cursor_Evaluate(value);
	f->known = ev && clang_EvalResult_getKind(ev) == CXEval_Int;
	if (f->known)
		f->value = clang_EvalResult_getAsLongLong(ev);
	if (ev)
		clang_EvalResult_dispose(ev);
}

static bool fl_edge(void *u, void *st, const struct cfg_edge *e)
{
	const struct flag *f = st;
	CXCursor c = e->cond;

	(void)u;
	if ((e->kind != CFG_EDGE_TRUE && e->kind != CFG_EDGE_FALSE) || !f->known)
		return true;
	while (clang_getCursorKind(c) == CXCursor_UnexposedExpr || clang_getCursorKind(c) == CXCursor_ParenExpr)
		clang_visitChildren(c, first_kid, &c);
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr || var_bit(clang_getCursorReferenced(c)) != 1u << ('o' - 'a'))
		return true;
	return (e->kind == CFG_EDGE_TRUE) == (f->value != 0);
}

/* Client 3: how many elements ran, at most; only widening makes it converge
 * around a loop. Without WIDEN its join never stabilises. */
#define COUNT_INF 0xffffffffu
struct count { unsigned n; };
static unsigned n_widen;

static void co_init(void *u, void *st) { (void)u; ((struct count *)st)->n = 0; }

static bool co_join(void *u, void *dst, const void *src)
{
	struct count *d = dst;
	const struct count *s = src;

	(void)u;
	if (s->n > d->n) {
		d->n = s->n;
		return true;
	}
	return false;
}

static void co_transfer(void *u, void *st, const struct cfg *cfg, unsigned block, const struct cfg_elem *e)
{
	struct count *c = st;

	(void)u; (void)cfg; (void)block; (void)e;
	if (c->n != COUNT_INF)
		c->n++;
}

static void co_widen(void *u, void *st)
{
	(void)u;
	n_widen++;
	((struct count *)st)->n = COUNT_INF;
}

/* Client 4: heap-owning states (a malloc'd counter) to check copy/destroy under ASan. */
struct owned { unsigned *n; };

static void ow_init(void *u, void *st) { (void)u; ((struct owned *)st)->n = calloc(1, sizeof(unsigned)); }
static void ow_copy(void *u, void *dst, const void *src)
{
	(void)u;
	((struct owned *)dst)->n = malloc(sizeof(unsigned));
	*((struct owned *)dst)->n = *((const struct owned *)src)->n;
}
static void ow_destroy(void *u, void *st) { (void)u; free(((struct owned *)st)->n); }

static bool ow_join(void *u, void *dst, const void *src)
{
	unsigned *d = ((struct owned *)dst)->n, s = *((const struct owned *)src)->n;

	(void)u;
	if (s > *d) {
		*d = s;
		return true;
	}
	return false;
}

static void ow_transfer(void *u, void *st, const struct cfg *cfg, unsigned block, const struct cfg_elem *e)
{
	unsigned *n = ((struct owned *)st)->n;

	(void)u; (void)cfg; (void)block; (void)e;
	if (*n < 3)
		(*n)++;
}

static struct df_result *solve(const struct cfg *cfg, const struct df_client *cl, const char *what)
{
	struct df_result *r = NULL;

	if (df_solve(cfg, cl, &r) != DDL_OK || !r)
		FAIL("%s: df_solve failed", what);
	return r;
}

static int run_dataflow(void)
{
	struct mem_tu m;
	struct cfg *cfg;
	struct df_result *r;
	struct df_client as = { sizeof(struct assigned), NULL, as_init, as_bottom, as_join, as_transfer,
				NULL, NULL, NULL, NULL };
	struct df_client fl = { sizeof(struct flag), NULL, fl_init, fl_init, fl_join, fl_transfer,
				fl_edge, NULL, NULL, NULL };
	struct df_client co = { sizeof(struct count), NULL, co_init, co_init, co_join, co_transfer,
				NULL, co_widen, NULL, NULL };
	struct df_client ow = { sizeof(struct owned), NULL, ow_init, ow_init, ow_join, ow_transfer,
				NULL, NULL, ow_destroy, ow_copy };
	const unsigned X = 1u << ('x' - 'a'), Y = 1u << ('y' - 'a');
	unsigned b;

	if (!parse_string(&m, "df.c", df_source))
		return 1;

	if ((cfg = build_named(&m, "assign"))) {
		if ((r = solve(cfg, &as, "assign"))) {
			b = block_calling(cfg, "at_a");
			if (df_outcome(r) != DF_CONVERGED)
				FAIL("assign: did not converge");
			if (b != (unsigned)-1) {
				unsigned v = ((const struct assigned *)df_state_in(r, b))->vars;

				if (!(v & X) || (v & Y))
					FAIL("assign: at at_a() want x assigned and y not, got %#x", v);
			}
			for (b = 0; b < cfg->n_blocks; b++)
				if (!df_reachable(r, b))
					FAIL("assign: B%u unreachable", b);
			df_free(r);
		}
		cfg_free(cfg);
	}

	if ((cfg = build_named(&m, "flag"))) {
		if ((r = solve(cfg, &fl, "flag"))) {
			if (df_outcome(r) != DF_CONVERGED)
				FAIL("flag: did not converge");
			if ((b = block_calling(cfg, "at_a")) != (unsigned)-1 && df_reachable(r, b))
				FAIL("flag: at_a() is reachable though `on` is 0");
			if ((b = block_calling(cfg, "at_b")) != (unsigned)-1 && !df_reachable(r, b))
				FAIL("flag: at_b() is unreachable");
			if ((b = block_calling(cfg, "at_c")) != (unsigned)-1 && !df_reachable(r, b))
				FAIL("flag: at_c() is unreachable");
			df_free(r);
		}
		cfg_free(cfg);
	}

	if ((cfg = build_named(&m, "loop"))) {
		n_widen = 0;
		if ((r = solve(cfg, &co, "loop"))) {
			if (df_outcome(r) != DF_CONVERGED)
				FAIL("loop: did not converge with widening");
			if (!n_widen)
				FAIL("loop: widen was never called");
			if ((b = block_calling(cfg, "at_a")) != (unsigned)-1 &&
			    ((const struct count *)df_state_in(r, b))->n != COUNT_INF)
				FAIL("loop: at_a() count %u, want the widened value",
				     ((const struct count *)df_state_in(r, b))->n);
			df_free(r);
		}
		co.widen = NULL;
		if ((r = solve(cfg, &co, "loop without widen"))) {
			if (df_outcome(r) != DF_ABANDONED)
				FAIL("loop without widen: want DF_ABANDONED");
			df_free(r);
		}
		co.widen = co_widen;
		if ((r = solve(cfg, &ow, "loop, owned states"))) {
			if (df_outcome(r) != DF_CONVERGED)
				FAIL("loop, owned states: did not converge");
			if ((b = block_calling(cfg, "at_a")) != (unsigned)-1 &&
			    *((const struct owned *)df_state_in(r, b))->n != 3)
				FAIL("loop, owned states: want 3 at at_a()");
			df_free(r);
		}
		cfg_free(cfg);
	}

	if ((cfg = build_named(&m, "seh"))) {
		if ((r = solve(cfg, &as, "seh"))) {
			b = block_calling(cfg, "at_a");
			if (b != (unsigned)-1) {
				unsigned v = ((const struct assigned *)df_state_in(r, b))->vars;

				/* x = 0 before the __try; y only inside it, maybe after the raise. */
				if (!df_reachable(r, b) || !(v & X) || (v & Y))
					FAIL("seh: in the handler want x assigned and y not, got %#x", v);
			}
			df_free(r);
		}
		cfg_free(cfg);
	}
	mem_tu_free(&m);
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "check") == 0)
		return run_check(argv[2], argc > 3 && strcmp(argv[3], "--print") == 0);
	if (argc == 2 && strcmp(argv[1], "perf") == 0)
		return run_perf();
	if (argc == 2 && strcmp(argv[1], "dataflow") == 0)
		return run_dataflow();
	fprintf(stderr, "usage: cfg-test check FILE.c [--print] | perf | dataflow\n");
	return 2;
}
