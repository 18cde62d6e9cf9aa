/* expr.c - what an expression names and what a condition tests.
 *
 * Keys identify storage by its spelling in the AST, not by its text, so a
 * lock written `&Ext->Lock` in the acquire and `&(Ext->Lock)` in a driver
 * macro around the release are one key ("&Ext.Lock"). Two spellings of one
 * storage through different variables (aliases) are two keys: the engine
 * treats what it cannot match as unknown, never as a leak.
 *
 * libclang before 17 does not expose operators: they are read from the
 * source (cfg_operator), from the argument text of a macro, from the types
 * (& and *), or from the body of the macro the expression was written with
 * (NT_SUCCESS(s) is `s >= 0` inside the macro).
 */
#include "paths_impl.h"
#include "../frontend/fe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the key table ----------------------------------------------------------- */

static unsigned long hash_text(const char *s)
{
	unsigned long h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

void keytab_init(struct keytab *t)
{
	memset(t, 0, sizeof(*t));
}

void keytab_free(struct keytab *t)
{
	unsigned i;

	for (i = 1; i < t->n; i++)
		free(t->k[i].text);
	free(t->k);
	free(t->hash);
	memset(t, 0, sizeof(*t));
}

static bool rehash(struct keytab *t, unsigned n_hash)
{
	unsigned *h = calloc(n_hash, sizeof(*h)), i;

	if (!h)
		return false;
	for (i = 1; i < t->n; i++) {
		unsigned j = (unsigned)(hash_text(t->k[i].text) % n_hash);

		while (h[j])
			j = (j + 1) % n_hash;
		h[j] = i;
	}
	free(t->hash);
	t->hash = h;
	t->n_hash = n_hash;
	return true;
}

pkey key_intern(struct keytab *t, const char *text)
{
	unsigned j;
	struct key_info *ki;

	if (!text || !*text)
		return 0;
	if (t->n_hash) {
		j = (unsigned)(hash_text(text) % t->n_hash);
		while (t->hash[j]) {
			if (strcmp(t->k[t->hash[j]].text, text) == 0)
				return (pkey)t->hash[j];
			j = (j + 1) % t->n_hash;
		}
	}
	if (t->n == 0)
		t->n = 1; /* key 0 is "none" */
	if (t->n >= PATHS_MAX_KEYS) {
		t->full = true;
		return 0;
	}
	if (t->n >= t->cap) {
		unsigned ncap = t->cap ? t->cap * 2 : 64;
		struct key_info *nk = realloc(t->k, ncap * sizeof(*nk));

		if (!nk) {
			t->full = true;
			return 0;
		}
		if (t->cap == 0)
			memset(&nk[0], 0, sizeof(nk[0]));
		t->k = nk;
		t->cap = ncap;
	}
	if ((t->n + 1) * 2 > t->n_hash && !rehash(t, t->n_hash ? t->n_hash * 2 : 128)) {
		t->full = true;
		return 0;
	}
	ki = &t->k[t->n];
	memset(ki, 0, sizeof(*ki));
	ki->text = ddl_strdup(text);
	if (!ki->text) {
		t->full = true;
		return 0;
	}
	ki->root = (pkey)t->n;
	j = (unsigned)(hash_text(text) % t->n_hash);
	while (t->hash[j])
		j = (j + 1) % t->n_hash;
	t->hash[j] = t->n;
	return (pkey)t->n++;
}

const char *key_text(const struct keytab *t, pkey k)
{
	return k && k < t->n ? t->k[k].text : "";
}

pkey key_root(const struct keytab *t, pkey k)
{
	return k && k < t->n ? t->k[k].root : 0;
}

/* Intern TEXT as a key derived from BASE (same root). */
static pkey derived(struct keytab *t, pkey base, const char *text)
{
	pkey k = key_intern(t, text);

	if (k && k != t->k[base].root && !t->k[k].is_root) {
		t->k[k].root = t->k[base].root;
		t->k[k].kind = t->k[t->k[base].root].kind;
		t->k[k].param = t->k[t->k[base].root].param;
	}
	return k;
}

pkey key_member(struct keytab *t, pkey base, const char *field, bool arrow)
{
	const char *b = key_text(t, base);
	char *s;
	pkey k;

	if (!base || !field || !*field)
		return 0;
	if (arrow && *b == '&')
		s = ddl_asprintf("%s.%s", b + 1, field);   /* (&s)->f is s.f */
	else if (!arrow && *b == '*')
		s = ddl_asprintf("%s->%s", b + 1, field);  /* (*p).f is p->f */
	else
		s = ddl_asprintf("%s%s%s", b, arrow ? "->" : ".", field);
	k = s ? derived(t, base, s) : 0;
	free(s);
	return k;
}

pkey key_index(struct keytab *t, pkey base, const char *index)
{
	char *s;
	pkey k;

	if (!base || !index)
		return 0;
	s = ddl_asprintf("%s[%s]", key_text(t, base), index);
	k = s ? derived(t, base, s) : 0;
	free(s);
	return k;
}

pkey key_deref(struct keytab *t, pkey base)
{
	const char *b = key_text(t, base);
	char *s;
	pkey k;

	if (!base)
		return 0;
	if (*b == '&')
		return key_intern(t, b + 1);
	s = ddl_asprintf("*%s", b);
	k = s ? derived(t, base, s) : 0;
	free(s);
	return k;
}

pkey key_addr(struct keytab *t, pkey base)
{
	const char *b = key_text(t, base);
	char *s;
	pkey k;

	if (!base)
		return 0;
	if (*b == '*')
		return key_intern(t, b + 1);
	s = ddl_asprintf("&%s", b);
	k = s ? derived(t, base, s) : 0;
	free(s);
	return k;
}

static bool path_start(const char *p)
{
	return *p == '.' || *p == '[' || (p[0] == '-' && p[1] == '>');
}

/* Split "&$1->Lock[2]" into prefix "&", root "$1", path "->Lock[2]". */
static bool split_key(const char *text, size_t *n_prefix, size_t *root_end)
{
	size_t i = 0;

	while (text[i] == '&' || text[i] == '*')
		i++;
	*n_prefix = i;
	while (text[i] && !path_start(text + i))
		i++;
	*root_end = i;
	return *root_end > *n_prefix;
}

pkey key_subst(struct keytab *t, const char *tmpl, const pkey *args, unsigned n_args)
{
	size_t np, re, i;
	pkey k;
	char part[256];

	if (!split_key(tmpl, &np, &re))
		return 0;
	if (tmpl[np] == '$') {
		unsigned long n = strtoul(tmpl + np + 1, NULL, 10);

		if (n < 1 || n > n_args || !args[n - 1])
			return 0;
		k = args[n - 1];
	} else {
		if (re - np >= sizeof(part))
			return 0;
		memcpy(part, tmpl + np, re - np);
		part[re - np] = '\0';
		k = key_intern(t, part); /* a global: the same name in the caller */
		if (k && t->k[k].kind == ROOT_NONE)
			t->k[k].kind = ROOT_GLOBAL, t->k[k].is_root = true;
	}
	i = re;
	while (k && tmpl[i]) {
		size_t j;

		if (tmpl[i] == '.' || tmpl[i] == '-') {
			bool arrow = tmpl[i] == '-';
			size_t b = i + (arrow ? 2 : 1);

			for (j = b; tmpl[j] && !path_start(tmpl + j); j++)
				;
			if (j - b >= sizeof(part))
				return 0;
			memcpy(part, tmpl + b, j - b);
			part[j - b] = '\0';
			k = key_member(t, k, part, arrow);
		} else {
			size_t e = i + 1;

			while (tmpl[e] && tmpl[e] != ']')
				e++;
			if (!tmpl[e] || e - i - 1 >= sizeof(part))
				return 0;
			memcpy(part, tmpl + i + 1, e - i - 1);
			part[e - i - 1] = '\0';
			k = key_index(t, k, part);
			j = e + 1;
		}
		i = j;
	}
	for (i = np; k && i-- > 0;)
		k = tmpl[i] == '&' ? key_addr(t, k) : key_deref(t, k);
	return k;
}

const char *key_display(const struct keytab *t, pkey k, char *buf, size_t size)
{
	snprintf(buf, size, "%s", key_text(t, k));
	return buf;
}

char *key_template(const struct keytab *t, pkey k)
{
	const struct key_info *root;
	const char *text = key_text(t, k);
	size_t np, re;

	if (!k || !split_key(text, &np, &re))
		return NULL;
	root = &t->k[t->k[k].root];
	if (root->kind == ROOT_GLOBAL)
		return ddl_strdup(text);
	if (root->kind != ROOT_PARAM)
		return NULL;
	return ddl_asprintf("%.*s$%u%s", (int)np, text, root->param, text + re);
}

/* ---- cursors ------------------------------------------------------------------- */


static bool same_extent(CXCursor a, CXCursor b)
{
	CXSourceRange ra = clang_getCursorExtent(a), rb = clang_getCursorExtent(b);

	return clang_equalLocations(clang_getRangeStart(ra), clang_getRangeStart(rb)) &&
	       clang_equalLocations(clang_getRangeEnd(ra), clang_getRangeEnd(rb));
}

CXCursor px_strip(CXCursor c)
{
	for (;;) {
		enum CXCursorKind k = clang_getCursorKind(c);
		CXCursor kid[2];

		/* Parentheses, and implicit conversions: libclang shows those as
		 * an UnexposedExpr with one child of the same extent. */
		if (k == CXCursor_ParenExpr || k == CXCursor_UnexposedExpr) {
			if (cfg_kids(c, kid, 2) != 1 || (k == CXCursor_UnexposedExpr && !same_extent(c, kid[0])))
				return c;
			c = kid[0];
			continue;
		}
		if (k != CXCursor_CStyleCastExpr)
			return c;
		/* (T)x: the last child is the operand (a TypeRef may come first). */
		{
			unsigned n = cfg_kids(c, kid, 2);

			if (n == 0 || n > 2)
				return c;
			c = kid[n - 1];
		}
	}
}

bool px_is_pointer(CXType t)
{
	t = clang_getCanonicalType(t);
	return t.kind == CXType_Pointer;
}

bool px_is_integer(CXType t)
{
	t = clang_getCanonicalType(t);
	return (t.kind >= CXType_Bool && t.kind <= CXType_Int128) || t.kind == CXType_Enum;
}

static bool eval_int(CXCursor c, long long *v)
{
	CXEvalResult ev = clang_Cursor_Evaluate(c);
	bool ok = false;

	if (!ev)
		return false;
	if (clang_EvalResult_getKind(ev) == CXEval_Int) {
		*v = clang_EvalResult_isUnsignedInt(ev) ? (long long)clang_EvalResult_getAsUnsigned(ev)
							: clang_EvalResult_getAsLongLong(ev);
		ok = true;
	}
	clang_EvalResult_dispose(ev);
	return ok;
}

static enum CXChildVisitResult effect_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	enum CXCursorKind k = clang_getCursorKind(c);

	(void)parent;
	if (k == CXCursor_CallExpr || k == CXCursor_CompoundAssignOperator || k == CXCursor_StmtExpr) {
		*(bool *)data = true;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

/* An integer constant: what clang folds (it refuses expressions with side
 * effects, so `x = 3` is not 3), without calls inside. */
bool px_int_const(CXCursor c, long long *v)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	bool effects = false;

	if (k == CXCursor_CallExpr || k == CXCursor_CompoundAssignOperator || k == CXCursor_StmtExpr)
		return false;
	if (!eval_int(c, v))
		return false;
	clang_visitChildren(c, effect_visit, &effects);
	return !effects;
}

bool px_null_const(CXCursor c)
{
	long long v;

	c = px_strip(c);
	return clang_getCursorKind(c) == CXCursor_IntegerLiteral && px_int_const(c, &v) && v == 0;
}

unsigned px_offset(struct pfunc *f, CXCursor c)
{
	CXFile file;
	unsigned line, col, off;

	clang_getFileLocation(clang_getRangeStart(clang_getCursorExtent(c)), &file, &line, &col, &off);
	if (!file || !clang_File_isEqual(file, f->file->tu->main_file))
		return 0;
	return off;
}

void px_loc(struct pfunc *f, CXCursor c, struct finding_loc *loc)
{
	CXFile file;
	unsigned line, col, off;

	clang_getFileLocation(clang_getRangeStart(clang_getCursorExtent(c)), &file, &line, &col, &off);
	loc->file = f->file->tu->path;
	loc->line = line;
	loc->col = col;
	loc->end_col = 0;
}

const char *px_text(struct pfunc *f, CXCursor c, char *buf, size_t size)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXFile f1, f2;
	unsigned l, col, b, e, o = 0, i;
	const char *src = f->file->src;

	buf[0] = '\0';
	clang_getFileLocation(clang_getRangeStart(r), &f1, &l, &col, &b);
	clang_getFileLocation(clang_getRangeEnd(r), &f2, &l, &col, &e);
	if (!src || !f1 || !f2 || !clang_File_isEqual(f1, f->file->tu->main_file) || !clang_File_isEqual(f1, f2) ||
	    e <= b || e > f->file->src_size || e - b > 200)
		return buf;
	for (i = b; i < e && o + 1 < size; i++) {
		char ch = src[i];

		if (ch == '\n' || ch == '\r' || ch == '\t')
			ch = ' ';
		if (ch == ' ' && o && buf[o - 1] == ' ')
			continue;
		buf[o++] = ch;
	}
	buf[o] = '\0';
	return buf;
}

/* ---- operators ------------------------------------------------------------------- */

static const char *const puncts[] = {
	"<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
	"*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=",
};

/* The punctuator between file offsets A and Z of the main file. */
static const char *punct_at(struct pfunc *f, unsigned a, unsigned z, char *buf, size_t size)
{
	const char *src = f->file->src;
	unsigned i;

	if (!src || size < 4 || z <= a || z > f->file->src_size)
		return NULL;
	while (a < z && (src[a] == ' ' || src[a] == '\t' || src[a] == '\n' || src[a] == '\r' || src[a] == '(' ||
			 src[a] == ')'))
		a++;
	if (a >= z)
		return NULL;
	for (i = 0; i < sizeof(puncts) / sizeof(puncts[0]); i++) {
		size_t n = strlen(puncts[i]);

		if (a + n <= z && memcmp(src + a, puncts[i], n) == 0) {
			memcpy(buf, puncts[i], n + 1);
			return buf;
		}
	}
	if (!strchr("!%&*+,-/<=>^|~", src[a]))
		return NULL;
	buf[0] = src[a];
	buf[1] = '\0';
	return buf;
}

static bool file_off(struct pfunc *f, CXSourceLocation loc, unsigned *off)
{
	CXFile file;
	unsigned l, c;

	clang_getFileLocation(loc, &file, &l, &c, off);
	return file && clang_File_isEqual(file, f->file->tu->main_file);
}

/* Reading an operator costs source and macro lookups, and every element is
 * evaluated once per sub-state and pass: each cursor's answer is kept. */
struct opcache {
	CXCursor c;
	bool used;
	char op[4];           /* "" = not known */
};

static struct opcache *op_slot(struct pfunc *f, CXCursor c, bool *found)
{
	unsigned h, i;

	*found = false;
	if (f->n_ops * 2 >= f->n_ops_slots) {
		unsigned n = f->n_ops_slots ? f->n_ops_slots * 2 : 256, j;
		struct opcache *t = calloc(n, sizeof(*t));

		if (!t)
			return NULL;
		for (j = 0; j < f->n_ops_slots; j++)
			if (f->ops[j].used) {
				unsigned k = clang_hashCursor(f->ops[j].c) % n;

				while (t[k].used)
					k = (k + 1) % n;
				t[k] = f->ops[j];
			}
		free(f->ops);
		f->ops = t;
		f->n_ops_slots = n;
	}
	h = clang_hashCursor(c) % f->n_ops_slots;
	for (i = h; f->ops[i].used; i = (i + 1) % f->n_ops_slots)
		if (clang_equalCursors(f->ops[i].c, c)) {
			*found = true;
			return &f->ops[i];
		}
	return &f->ops[i];
}

static const char *read_operator(struct pfunc *f, CXCursor op, char *buf, size_t size);

const char *px_operator(struct pfunc *f, CXCursor op, char *buf, size_t size)
{
	bool found;
	struct opcache *slot = op_slot(f, op, &found);
	const char *p;

	if (slot && found) {
		if (!slot->op[0])
			return NULL;
		snprintf(buf, size, "%s", slot->op);
		return buf;
	}
	p = read_operator(f, op, buf, size);
	if (slot) {
		slot->c = op;
		slot->used = true;
		snprintf(slot->op, sizeof(slot->op), "%s", p ? p : "");
		f->n_ops++;
	}
	return p;
}

static const char *read_operator(struct pfunc *f, CXCursor op, char *buf, size_t size)
{
	enum CXCursorKind k = clang_getCursorKind(op);
	CXCursor kid[3];
	unsigned n = cfg_kids(op, kid, 3), a, z;
	const char *p = cfg_operator(op, buf, size);

	if (p)
		return p;
	if ((k == CXCursor_BinaryOperator || k == CXCursor_CompoundAssignOperator) && n == 2) {
		/* Inside a macro argument the operands' file locations are the
		 * argument's text: read the operator there. */
		if (file_off(f, clang_getRangeEnd(clang_getCursorExtent(kid[0])), &a) &&
		    file_off(f, clang_getRangeStart(clang_getCursorExtent(kid[1])), &z) &&
		    (p = punct_at(f, a, z, buf, size)))
			return p;
		/* An operator in a macro body: a macro whose body compares once
		 * (NT_SUCCESS: `>= 0`; FREE_POOL: `if (p != NULL)`) tells which
		 * comparison it is, when this is a comparison with a constant. The
		 * macro is named where the expression, or its constant operand
		 * (which comes from the body), is expanded. */
		if (clang_getCursorType(op).kind == CXType_Int &&
		    clang_getCursorKind(px_strip(kid[1])) == CXCursor_IntegerLiteral) {
			CXSourceLocation at[3];
			unsigned i;

			at[0] = clang_getRangeStart(clang_getCursorExtent(op));
			at[1] = at[0];
			at[2] = clang_getRangeStart(clang_getCursorExtent(kid[1]));
			for (i = 0; i < 3; i++) {
				CXFile file;
				unsigned l, c, o;
				char *name;

				if (i == 0)
					clang_getFileLocation(at[i], &file, &l, &c, &o);
				else
					clang_getExpansionLocation(at[i], &file, &l, &c, &o);
				if (!file || !clang_File_isEqual(file, f->file->tu->main_file))
					continue;
				name = eng_ident_at(f->file->res, o);
				p = name ? eng_macro_body_op(f->file->res, name, buf, size) : NULL;
				free(name);
				if (p)
					return p;
			}
		}
		return NULL;
	}
	if (k == CXCursor_UnaryOperator && n == 1) {
		CXType t = clang_getCanonicalType(clang_getCursorType(op));
		CXType ct = clang_getCanonicalType(clang_getCursorType(kid[0]));

		if (t.kind == CXType_Pointer &&
		    clang_equalTypes(clang_getCanonicalType(clang_getPointeeType(t)), ct)) {
			snprintf(buf, size, "&");
			return buf;
		}
		if (ct.kind == CXType_Pointer &&
		    clang_equalTypes(clang_getCanonicalType(clang_getPointeeType(ct)), t)) {
			snprintf(buf, size, "*");
			return buf;
		}
	}
	return NULL;
}

/* ---- keys of expressions ------------------------------------------------------------ */

static pkey var_key(struct pfunc *f, CXCursor ref)
{
	struct keytab *t = &f->keys;
	CXString s = clang_getCursorSpelling(ref);
	const char *name = clang_getCString(s);
	enum CXCursorKind rk = clang_getCursorKind(ref);
	pkey k = 0;
	unsigned i;

	if (name && *name)
		k = key_intern(t, name);
	clang_disposeString(s);
	if (k && k < f->n_alias_of && f->alias_of[k])
		return f->alias_of[k]; /* a local that only ever holds what it was set from */
	if (!k || t->k[k].kind != ROOT_NONE)
		return k;
	t->k[k].is_root = true;
	t->k[k].is_int = px_is_integer(clang_getCursorType(ref));
	t->k[k].is_ptr = px_is_pointer(clang_getCursorType(ref));
	if (rk == CXCursor_ParmDecl) {
		t->k[k].kind = ROOT_PARAM;
		for (i = 0; i < f->n_params; i++)
			if (f->params[i] == k)
				t->k[k].param = i + 1;
		if (!t->k[k].param)
			t->k[k].kind = ROOT_LOCAL; /* a parameter of a nested declarator */
	} else if (clang_Cursor_getStorageClass(ref) == CX_SC_Static ||
		   clang_Cursor_getStorageClass(ref) == CX_SC_Extern ||
		   clang_getCursorKind(clang_getCursorSemanticParent(ref)) != CXCursor_FunctionDecl) {
		t->k[k].kind = ROOT_GLOBAL;
	} else {
		t->k[k].kind = ROOT_LOCAL;
	}
	return k;
}

pkey px_param_key(struct pfunc *f, CXCursor parm, unsigned index)
{
	pkey k = var_key(f, parm);

	if (k) {
		f->keys.k[k].kind = ROOT_PARAM;
		f->keys.k[k].param = index;
	}
	return k;
}

pkey px_decl_key(struct pfunc *f, CXCursor decl)
{
	return var_key(f, decl);
}

pkey px_key(struct pfunc *f, CXCursor e)
{
	CXCursor kid[2], ref;
	enum CXCursorKind k;
	char buf[64];
	unsigned n;

	e = px_strip(e);
	k = clang_getCursorKind(e);
	switch (k) {
	case CXCursor_DeclRefExpr:
		ref = clang_getCursorReferenced(e);
		if (clang_getCursorKind(ref) == CXCursor_VarDecl || clang_getCursorKind(ref) == CXCursor_ParmDecl)
			return var_key(f, ref);
		return 0;
	case CXCursor_MemberRefExpr: {
		CXString s;
		pkey base, r;

		if (cfg_kids(e, kid, 1) != 1)
			return 0;
		base = px_key(f, kid[0]);
		if (!base)
			return 0;
		s = clang_getCursorSpelling(e);
		r = key_member(&f->keys, base, clang_getCString(s), px_is_pointer(clang_getCursorType(px_strip(kid[0]))));
		clang_disposeString(s);
		return r;
	}
	case CXCursor_ArraySubscriptExpr: {
		long long v;
		pkey base, idx;

		if (cfg_kids(e, kid, 2) != 2 || !(base = px_key(f, kid[0])))
			return 0;
		if (px_int_const(kid[1], &v)) {
			snprintf(buf, sizeof(buf), "%lld", v);
			return key_index(&f->keys, base, buf);
		}
		if ((idx = px_key(f, kid[1])))
			return key_index(&f->keys, base, key_text(&f->keys, idx));
		return 0;
	}
	case CXCursor_UnaryOperator: {
		const char *op;

		n = cfg_kids(e, kid, 1);
		if (n != 1 || !(op = px_operator(f, e, buf, sizeof(buf))))
			return 0;
		if (strcmp(op, "*") == 0)
			return key_deref(&f->keys, px_key(f, kid[0]));
		if (strcmp(op, "&") == 0)
			return key_addr(&f->keys, px_key(f, kid[0]));
		return 0;
	}
	default:
		return 0;
	}
}

/* ---- conditions --------------------------------------------------------------------- */

/* The key a tested expression stands for: a variable, the variable an
 * assignment stores into, or a call's result ("@offset"). */
static pkey subject_key(struct pfunc *f, CXCursor e, bool *pointer)
{
	char buf[8];
	CXCursor kid[2];

	e = px_strip(e);
	*pointer = px_is_pointer(clang_getCursorType(e));
	if (clang_getCursorKind(e) == CXCursor_CallExpr) {
		char name[32];

		snprintf(name, sizeof(name), "@%u", px_offset(f, e));
		return key_intern(&f->keys, name);
	}
	if (clang_getCursorKind(e) == CXCursor_BinaryOperator && cfg_kids(e, kid, 2) == 2) {
		const char *op = px_operator(f, e, buf, sizeof(buf));

		if (op && strcmp(op, "=") == 0)
			return px_key(f, kid[0]);
		if (op && strcmp(op, ",") == 0)
			return subject_key(f, kid[1], pointer);
		return 0;
	}
	return px_key(f, e);
}

/* Is T a 32-bit signed integer (NTSTATUS, LONG)? NT_SUCCESS tests those. */
static bool is_status_type(CXType t)
{
	t = clang_getCanonicalType(t);
	return (t.kind == CXType_Int || t.kind == CXType_Long) && clang_Type_getSizeOf(t) == 4;
}

/* Is E the address of an object: &x, or an array (which decays to its address)? */
static bool is_address_of_object(struct pfunc *f, CXCursor e)
{
	char buf[8];
	const char *op;
	CXCursor kid[1];

	e = px_strip(e);
	if (clang_getCursorKind(e) == CXCursor_UnaryOperator && cfg_kids(e, kid, 1) == 1 &&
	    (op = px_operator(f, e, buf, sizeof(buf))) && strcmp(op, "&") == 0)
		return true;
	if (clang_getCursorKind(e) == CXCursor_DeclRefExpr) {
		CXType t = clang_getCanonicalType(clang_getCursorType(clang_getCursorReferenced(e)));

		return t.kind == CXType_ConstantArray;
	}
	return false;
}

/* Is C a call of the compiler's AbnormalTermination intrinsic (true in a
 * __finally block that runs because an exception is leaving its __try)? */
static bool is_abnormal_termination(CXCursor c)
{
	CXString s;
	const char *n;
	bool yes;

	c = px_strip(c);
	if (clang_getCursorKind(c) != CXCursor_CallExpr)
		return false;
	s = clang_getCursorSpelling(c);
	n = clang_getCString(s);
	yes = n && (strcmp(n, "_abnormal_termination") == 0 || strcmp(n, "__abnormal_termination") == 0 ||
		    strcmp(n, "AbnormalTermination") == 0);
	clang_disposeString(s);
	return yes;
}

bool px_assumption(CXCursor c, CXCursor *cond)
{
	CXString s;
	const char *n;
	bool yes;

	c = px_strip(c);
	if (clang_getCursorKind(c) != CXCursor_CallExpr || clang_Cursor_getNumArguments(c) != 1)
		return false;
	s = clang_getCursorSpelling(c);
	n = clang_getCString(s);
	/* SAL's way of telling analysis tools what holds (sal.h; the WDK's
	 * _Analysis_assume_ is __analysis_assume). mingw declares neither, so
	 * it is an implicitly declared call here. */
	yes = n && (strcmp(n, "_Analysis_assume_") == 0 || strcmp(n, "__analysis_assume") == 0);
	clang_disposeString(s);
	if (yes)
		*cond = clang_Cursor_getArgument(c, 0);
	return yes;
}

void px_cond_test(struct pfunc *f, CXCursor cond, struct cond_test *out)
{
	CXCursor c = px_strip(cond), kid[2];
	char buf[8];
	const char *op;
	long long v;

	memset(out, 0, sizeof(*out));
	for (;;) {
		enum CXCursorKind k = clang_getCursorKind(c);

		if (is_abnormal_termination(c)) {
			out->kind = TEST_ABNORMAL;
			return;
		}

		if (k == CXCursor_UnaryOperator && cfg_kids(c, kid, 1) == 1 &&
		    (op = px_operator(f, c, buf, sizeof(buf))) && strcmp(op, "!") == 0) {
			out->negate = !out->negate;
			c = px_strip(kid[0]);
			continue;
		}
		break;
	}
	if (clang_getCursorKind(c) == CXCursor_BinaryOperator && cfg_kids(c, kid, 2) == 2 &&
	    (op = px_operator(f, c, buf, sizeof(buf)))) {
		int side = -1; /* which operand is the constant */
		bool null_side = false;

		if (strcmp(op, "=") == 0 || strcmp(op, ",") == 0) {
			out->kind = TEST_TRUTH;
			out->subject = subject_key(f, c, &out->subject_pointer);
			if (!out->subject)
				out->kind = TEST_NONE;
			return;
		}
		if (px_null_const(kid[1]) && px_is_pointer(clang_getCursorType(px_strip(kid[0]))))
			side = 1, null_side = true;
		else if (px_null_const(kid[0]) && px_is_pointer(clang_getCursorType(px_strip(kid[1]))))
			side = 0, null_side = true;
		else if (px_int_const(kid[1], &v))
			side = 1;
		else if (px_int_const(kid[0], &v))
			side = 0;
		if (side < 0 && (strcmp(op, "==") == 0 || strcmp(op, "!=") == 0)) {
			/* p == &x, p != LocalBuffer: a fresh allocation is neither. */
			int addr = is_address_of_object(f, kid[1]) ? 1 : is_address_of_object(f, kid[0]) ? 0 : -1;

			if (addr >= 0 && (out->subject = subject_key(f, kid[1 - addr], &out->subject_pointer))) {
				out->kind = TEST_ADDR;
				if (strcmp(op, "!=") == 0)
					out->negate = !out->negate;
			}
			return;
		}
		if (side < 0)
			return;
		out->subject = subject_key(f, kid[1 - side], &out->subject_pointer);
		if (!out->subject)
			return;
		if (null_side) {
			if (strcmp(op, "==") == 0)
				out->kind = TEST_NULL;
			else if (strcmp(op, "!=") == 0)
				out->kind = TEST_TRUTH;
			return;
		}
		out->value = v;
		if (side == 0) { /* c OP x: mirror the operator */
			if (strcmp(op, "<") == 0)
				op = ">";
			else if (strcmp(op, ">") == 0)
				op = "<";
			else if (strcmp(op, "<=") == 0)
				op = ">=";
			else if (strcmp(op, ">=") == 0)
				op = "<=";
		}
		if (strcmp(op, "==") == 0) {
			out->kind = TEST_EQ;
		} else if (strcmp(op, "!=") == 0) {
			out->kind = TEST_EQ;
			out->negate = !out->negate;
		} else if (strcmp(op, ">=") == 0 || strcmp(op, "<") == 0) {
			bool ge = op[0] == '>';

			if (v == 0 && is_status_type(clang_getCursorType(px_strip(kid[1 - side])))) {
				out->kind = TEST_NTSUCC;
				if (!ge)
					out->negate = !out->negate;
			} else {
				out->kind = TEST_LT;
				if (ge)
					out->negate = !out->negate;
			}
		} else if (strcmp(op, ">") == 0 || strcmp(op, "<=") == 0) {
			out->kind = TEST_GT;
			if (op[0] == '<')
				out->negate = !out->negate;
		}
		return;
	}
	out->subject = subject_key(f, c, &out->subject_pointer);
	if (out->subject)
		out->kind = TEST_TRUTH;
}
