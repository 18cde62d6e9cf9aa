/* text.c - the source text the IRQL engine reads directly: token tables of
 * the driver's files, the arguments of a call as written, and slot keys.
 *
 * A call is matched as written (KeAcquireSpinLock(&l, &old) is a macro over
 * KeAcquireSpinLockRaiseToDpc(&l) in mingw), so its arguments are read from
 * the tokens after the written name, not from the expanded CallExpr.
 *
 * A slot key names the place that holds a saved IRQL, as canonical C text:
 * no blanks, no redundant parentheses or casts, `*&x` is `x`, `(&x)->f` is
 * `x.f`, `(*p).f` is `p->f`. KeAcquireSpinLock(&ext->Lock, &ext->OldIrql)
 * saves into `ext->OldIrql` and KeReleaseSpinLock(&ext->Lock, ext->OldIrql)
 * restores from `ext->OldIrql`: the same key. A key based on a parameter is
 * written with `$N` in place of its name, so that a caller can substitute its
 * own argument text (irql_key_rebase).
 */
#include "irql_impl.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- arena ---------------------------------------------------------------- */
struct irql_arena_block {
	struct irql_arena_block *next;
	size_t used, size;
	max_align_t align[];
};

void *irql_ar_alloc(struct irql_arena *a, size_t size)
{
	struct irql_arena_block *b = a->head;
	size_t need = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	void *p;

	if (!b || b->size - b->used < need) {
		size_t bs = need > 8192 ? need : 8192;

		b = malloc(sizeof(*b) + bs);
		if (!b)
			return NULL;
		b->size = bs;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->align + b->used;
	b->used += need;
	memset(p, 0, size);
	return p;
}

char *irql_ar_strndup(struct irql_arena *a, const char *s, size_t n)
{
	char *r;

	if (!s)
		return NULL;
	r = irql_ar_alloc(a, n + 1);
	if (r) {
		memcpy(r, s, n);
		r[n] = '\0';
	}
	return r;
}

char *irql_ar_strdup(struct irql_arena *a, const char *s)
{
	return s ? irql_ar_strndup(a, s, strlen(s)) : NULL;
}

char *irql_ar_printf(struct irql_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *r;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	r = irql_ar_alloc(a, (size_t)n + 1);
	if (!r)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(r, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return r;
}

void irql_ar_free(struct irql_arena *a)
{
	while (a->head) {
		struct irql_arena_block *n = a->head->next;

		free(a->head);
		a->head = n;
	}
}

unsigned long irql_hash(const char *s)
{
	unsigned long h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* --- token tables --------------------------------------------------------- */
enum ddl_status irql_file_tokens(CXTranslationUnit tu, struct irql_file *f)
{
	CXSourceRange all;
	CXToken *toks = NULL;
	unsigned n = 0, i;

	f->src = clang_getFileContents(tu, f->file, &f->size);
	if (!f->src || !f->size)
		return DDL_OK;
	all = clang_getRange(clang_getLocationForOffset(tu, f->file, 0),
			     clang_getLocationForOffset(tu, f->file, (unsigned)f->size));
	clang_tokenize(tu, all, &toks, &n);
	f->toks = malloc((n + 1) * sizeof(*f->toks));
	if (!f->toks) {
		clang_disposeTokens(tu, toks, n);
		return DDL_ERR_NOMEM;
	}
	for (i = 0; i < n; i++) {
		CXSourceRange r = clang_getTokenExtent(tu, toks[i]);
		unsigned b, e;

		clang_getFileLocation(clang_getRangeStart(r), NULL, NULL, NULL, &b);
		clang_getFileLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &e);
		if (e < b || e > f->size)
			e = b;
		f->toks[f->n_toks].off = b;
		f->toks[f->n_toks].len = e - b;
		f->toks[f->n_toks].kind = (uint8_t)clang_getTokenKind(toks[i]);
		f->toks[f->n_toks].text = f->src + b;
		f->n_toks++;
	}
	clang_disposeTokens(tu, toks, n);
	return DDL_OK;
}

void irql_file_free(struct irql_file *f)
{
	free(f->toks);
	free(f->err_offs);
	f->toks = NULL;
	f->err_offs = NULL;
}

unsigned irql_tok_at(const struct irql_file *f, unsigned off)
{
	unsigned lo = 0, hi = f->n_toks;

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;

		if (f->toks[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool irql_tok_is(const struct irql_tok *t, const char *s)
{
	size_t n = strlen(s);

	return t->len == n && memcmp(t->text, s, n) == 0;
}

int irql_call_args(const struct irql_file *f, unsigned i, unsigned (*args)[2], unsigned max)
{
	unsigned depth = 0, n = 0, beg;

	if (i + 1 >= f->n_toks || !irql_tok_is(&f->toks[i + 1], "("))
		return -1;
	beg = i + 2;
	for (i = i + 2; i < f->n_toks; i++) {
		const struct irql_tok *t = &f->toks[i];

		if (irql_tok_is(t, "(") || irql_tok_is(t, "[") || irql_tok_is(t, "{")) {
			depth++;
		} else if (irql_tok_is(t, ")") || irql_tok_is(t, "]") || irql_tok_is(t, "}")) {
			if (depth == 0) {
				if (i > beg || n > 0) {
					if (n < max) {
						args[n][0] = beg;
						args[n][1] = i;
					}
					n++;
				}
				return (int)(n < max ? n : max);
			}
			depth--;
		} else if (depth == 0 && irql_tok_is(t, ",")) {
			if (n < max) {
				args[n][0] = beg;
				args[n][1] = i;
			}
			n++;
			beg = i + 1;
		} else if (irql_tok_is(t, ";")) {
			return -1; /* ran off the call */
		}
	}
	return -1;
}

char *irql_tokens_text(struct irql_arena *a, const struct irql_file *f, unsigned beg, unsigned end)
{
	size_t len = 0, o = 0;
	unsigned i;
	char *buf, *r;

	if (beg >= end || end > f->n_toks)
		return NULL;
	for (i = beg; i < end; i++)
		len += f->toks[i].len;
	buf = malloc(len + 1);
	if (!buf)
		return NULL;
	for (i = beg; i < end; i++) {
		memcpy(buf + o, f->toks[i].text, f->toks[i].len);
		o += f->toks[i].len;
	}
	buf[o] = '\0';
	r = irql_key_canon(a, buf);
	free(buf);
	return r;
}

/* --- slot keys ------------------------------------------------------------ */

/* The index just past the parenthesis group that opens at S[I], or 0. */
static size_t group_end(const char *s, size_t i)
{
	unsigned depth = 0;

	for (; s[i]; i++) {
		if (s[i] == '(' || s[i] == '[')
			depth++;
		else if (s[i] == ')' || s[i] == ']') {
			if (--depth == 0)
				return i + 1;
		}
	}
	return 0;
}

static bool is_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$';
}

/* A postfix expression that needs no parentheses around it: identifiers,
 * members, subscripts. */
static bool simple(const char *s)
{
	size_t i = 0;

	if (!*s)
		return false;
	while (s[i]) {
		if (is_ident_char(s[i]) || s[i] == '.') {
			i++;
		} else if (s[i] == '-' && s[i + 1] == '>') {
			i += 2;
		} else if (s[i] == '[') {
			size_t e = group_end(s, i);

			if (!e)
				return false;
			i = e;
		} else {
			return false;
		}
	}
	return true;
}

/* One rewrite step on a heap string; returns a new string or NULL when nothing applies. */
static char *rewrite(const char *s)
{
	size_t n = strlen(s), e;
	char *r;

	/* (X) -> X */
	if (s[0] == '(' && (e = group_end(s, 0)) == n) {
		r = strdup(s + 1);
		if (r)
			r[n - 2] = '\0';
		return r;
	}
	/* a leading cast (T)X: a group followed by an operand */
	if (s[0] == '(' && (e = group_end(s, 0)) != 0 && e < n &&
	    (is_ident_char(s[e]) || s[e] == '&' || s[e] == '*' || s[e] == '(')) {
		/* but not (X)->f or (X).f or (X)[i], which are members of X */
		return strdup(s + e);
	}
	/* *&X -> X, &*X -> X */
	if ((s[0] == '*' && s[1] == '&') || (s[0] == '&' && s[1] == '*'))
		return strdup(s + 2);
	/* *(&X) -> X when the group ends the text */
	if (s[0] == '*' && s[1] == '(' && s[2] == '&' && group_end(s, 1) == n) {
		r = strdup(s + 3);
		if (r)
			r[n - 4] = '\0';
		return r;
	}
	/* (&X)->R -> X.R ; (*X).R -> X->R ; (X)->R, (X).R -> X->R, X.R */
	if (s[0] == '(' && (e = group_end(s, 0)) != 0 && e < n) {
		const char *rest = s + e;
		size_t in = e - 2;
		char *inner = strndup(s + 1, in);

		if (!inner)
			return NULL;
		r = NULL;
		if (inner[0] == '&' && strncmp(rest, "->", 2) == 0 && simple(inner + 1)) {
			r = malloc(n + 4);
			if (r)
				snprintf(r, n + 4, "%s.%s", inner + 1, rest + 2);
		} else if (inner[0] == '*' && rest[0] == '.' && simple(inner + 1)) {
			r = malloc(n + 4);
			if (r)
				snprintf(r, n + 4, "%s->%s", inner + 1, rest + 1);
		} else if (simple(inner) && (rest[0] == '.' || strncmp(rest, "->", 2) == 0 || rest[0] == '[')) {
			r = malloc(n + 4);
			if (r)
				snprintf(r, n + 4, "%s%s", inner, rest);
		}
		free(inner);
		return r;
	}
	return NULL;
}

char *irql_key_canon(struct irql_arena *a, const char *t)
{
	char *cur, *next, *r;
	unsigned guard = 0;

	if (!t)
		return NULL;
	cur = malloc(strlen(t) + 1);
	if (!cur)
		return NULL;
	{
		size_t o = 0;

		for (; *t; t++)
			if (!isspace((unsigned char)*t))
				cur[o++] = *t;
		cur[o] = '\0';
	}
	while (guard++ < 16 && (next = rewrite(cur)) != NULL) {
		free(cur);
		cur = next;
	}
	r = *cur ? irql_ar_strdup(a, cur) : NULL;
	free(cur);
	return r;
}

static char *wrapped(const char *t)
{
	size_t n = strlen(t);
	char *r = malloc(n + 3);

	if (!r)
		return NULL;
	if (simple(t))
		memcpy(r, t, n + 1);
	else
		snprintf(r, n + 3, "(%s)", t);
	return r;
}

char *irql_key_deref(struct irql_arena *a, const char *t)
{
	char *w, *buf, *r;

	if (!t)
		return NULL;
	if (t[0] == '&')
		return irql_key_canon(a, t + 1);
	w = wrapped(t);
	if (!w)
		return NULL;
	buf = malloc(strlen(w) + 2);
	if (!buf) {
		free(w);
		return NULL;
	}
	snprintf(buf, strlen(w) + 2, "*%s", w);
	r = irql_key_canon(a, buf);
	free(w);
	free(buf);
	return r;
}

char *irql_key_member(struct irql_arena *a, const char *t, bool deref, const char *field)
{
	char *w, *buf, *r;
	size_t n;

	if (!t)
		return NULL;
	if (!field)
		return deref ? irql_key_deref(a, t) : irql_key_canon(a, t);
	if (deref && t[0] == '&') {
		w = wrapped(t + 1);
		deref = false;
	} else {
		w = wrapped(t);
	}
	if (!w)
		return NULL;
	n = strlen(w) + strlen(field) + 4;
	buf = malloc(n);
	if (!buf) {
		free(w);
		return NULL;
	}
	snprintf(buf, n, "%s%s%s", w, deref ? "->" : ".", field);
	r = irql_key_canon(a, buf);
	free(w);
	free(buf);
	return r;
}

/* Where the base identifier of T starts (after * & and opening parentheses), and its length. */
static const char *base_of(const char *t, size_t *len)
{
	size_t n = 0;

	while (*t == '*' || *t == '&' || *t == '(')
		t++;
	while (is_ident_char(t[n]))
		n++;
	*len = n;
	return n && !isdigit((unsigned char)t[0]) ? t : NULL;
}

const char *irql_key_base(const char *t, char *buf, size_t size)
{
	size_t n;
	const char *b = t ? base_of(t, &n) : NULL;

	if (!b || n + 1 > size)
		return NULL;
	memcpy(buf, b, n);
	buf[n] = '\0';
	return buf;
}

char *irql_key_rebase(struct irql_arena *a, const char *key, const char *repl)
{
	size_t n, pre;
	const char *b = key ? base_of(key, &n) : NULL;
	char *w, *buf, *r;
	size_t len;

	if (!b || !repl)
		return NULL;
	pre = (size_t)(b - key);
	w = wrapped(repl);
	if (!w)
		return NULL;
	len = strlen(key) + strlen(w) + 1;
	buf = malloc(len);
	if (!buf) {
		free(w);
		return NULL;
	}
	snprintf(buf, len, "%.*s%s%s", (int)pre, key, w, b + n);
	r = irql_key_canon(a, buf);
	free(w);
	free(buf);
	return r;
}
