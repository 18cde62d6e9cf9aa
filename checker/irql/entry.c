/* entry.c - what the source says about the IRQL a function runs at.
 *
 *  - SAL on the function or its declaration (ddilint-prelude.h turns it into
 *    AnnotateAttr children named "ddilint:MACRO(ARGS)"): _IRQL_requires_*,
 *    _IRQL_raises_, _IRQL_requires_same_, _IRQL_always_function_*,
 *    _IRQL_saves_/_IRQL_restores_ on parameters (or through _At_), the
 *    _global_ forms, lock annotations, and the __drv_ spellings of all these;
 *  - the role it is declared with: a role typedef (KDEFERRED_ROUTINE MyDpc;
 *    the type of the declaration, through typedef chains) or
 *    _Function_class_(ROLE), looked up in the knowledge base's roles;
 *  - whether it is pageable: PAGED_CODE() in its body, #pragma
 *    alloc_text(PAGE..., name), a #pragma code_seg("PAGE...") region, or
 *    __declspec(code_seg("PAGE...")) (directly or through a macro of the
 *    file). Pragmas are not in libclang's AST, so this reads tokens
 *    (libclang-notes.md section 6), skipping inactive #if regions.
 * Registrations (KeInitializeDpc(..., MyDpc, ...), MajorFunction stores)
 * need the call resolver and are extract.c's.
 */
#include "irql_impl.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const level_names[] = { "PASSIVE_LEVEL", "APC_LEVEL", "DISPATCH_LEVEL", "DIRQL", "HIGH_LEVEL" };

const char *irql_level_name(int level)
{
	return level >= 0 && level < IRQL_NLEVELS ? level_names[level] : "an unknown IRQL";
}

int irql_level_of_value(long long v)
{
	if (v < 0)
		return -1;
	if (v <= 2)
		return (int)v;
	return v <= 12 ? 3 : 4; /* x64: device IRQLs 3..12, then CLOCK, IPI/POWER, HIGH */
}

int irql_level_parse(const char *text)
{
	static const struct { const char *name; int level; } names[] = {
		{ "PASSIVE_LEVEL", 0 }, { "LOW_LEVEL", 0 }, { "APC_LEVEL", 1 }, { "DISPATCH_LEVEL", 2 },
		{ "DPC_LEVEL", 2 }, { "DIRQL", 3 }, { "SYNCH_LEVEL", 3 }, { "CMCI_LEVEL", 3 },
		{ "PROFILE_LEVEL", 4 }, { "CLOCK_LEVEL", 4 }, { "CLOCK1_LEVEL", 4 }, { "CLOCK2_LEVEL", 4 },
		{ "IPI_LEVEL", 4 }, { "POWER_LEVEL", 4 }, { "HIGH_LEVEL", 4 },
	};
	char buf[64];
	size_t n = 0;
	unsigned i;

	if (!text)
		return -1;
	while (*text == ' ' || *text == '(')
		text++;
	while (text[n] && text[n] != ')' && text[n] != ' ' && n + 1 < sizeof(buf)) {
		buf[n] = text[n];
		n++;
	}
	buf[n] = '\0';
	if (!n)
		return -1;
	if (isdigit((unsigned char)buf[0])) {
		char *end;
		long v = strtol(buf, &end, 0);

		return *end ? -1 : irql_level_of_value(v);
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(buf, names[i].name) == 0)
			return names[i].level;
	return -1;
}

void irql_decl_init(struct irql_decl *d)
{
	memset(d, 0, sizeof(*d));
	d->req_min = d->req_max = d->raises = d->always_min = d->always_max = -1;
}

/* Split "ddilint:NAME(ARGS)" into NAME and ARGS (into buffers). */
static bool split_annot(const char *s, char *name, size_t nsize, char *args, size_t asize)
{
	const char *open, *close;
	size_t n;

	if (strncmp(s, "ddilint:", 8) != 0)
		return false;
	s += 8;
	open = strchr(s, '(');
	close = strrchr(s, ')');
	if (!open || !close || close < open)
		return false;
	n = (size_t)(open - s);
	if (n + 1 > nsize)
		return false;
	memcpy(name, s, n);
	name[n] = '\0';
	n = (size_t)(close - open - 1);
	if (n + 1 > asize)
		n = asize - 1;
	memcpy(args, open + 1, n);
	args[n] = '\0';
	return true;
}

static bool is(const char *name, const char *a, const char *b)
{
	return strcmp(name, a) == 0 || (b && strcmp(name, b) == 0);
}

struct annot_walk {
	struct irql_arena *a;
	struct irql_decl *d;
	CXCursor fn;
	int param;     /* 1-based parameter being read, 0 = the function */
};

static int param_index(CXCursor fn, const char *name)
{
	int i, n = clang_Cursor_getNumArguments(fn);

	for (i = 0; i < n; i++) {
		CXString s = clang_getCursorSpelling(clang_Cursor_getArgument(fn, (unsigned)i));
		bool same = strcmp(clang_getCString(s), name) == 0;

		clang_disposeString(s);
		if (same)
			return i + 1;
	}
	return 0;
}

static void note_sal(struct annot_walk *w, CXCursor c, const char *name, const char *args, const char **out)
{
	CXFile file;
	unsigned line;

	if (*out)
		return;
	*out = irql_ar_printf(w->a, "%s(%s)", name, args);
	if (!w->d->sal_line) {
		CXString fname;

		clang_getExpansionLocation(clang_getCursorLocation(c), &file, &line, NULL, NULL);
		fname = clang_getFileName(file);
		w->d->sal_line = line;
		w->d->sal_file = irql_ar_strdup(w->a, clang_getCString(fname));
		clang_disposeString(fname);
	}
}

static void param_annot(struct irql_decl *d, int param, const char *name)
{
	uint32_t bit;

	if (param < 1 || param > 32)
		return;
	bit = 1u << (param - 1);
	if (is(name, "_IRQL_saves_", "__drv_savesIRQL")) {
		d->saves |= bit;
		d->says_change = true;
	} else if (is(name, "_IRQL_restores_", "__drv_restoresIRQL")) {
		d->restores |= bit;
		d->says_change = true;
	} else if (is(name, "_IRQL_is_cancel_", "__drv_isCancelIRQL") || is(name, "_IRQL_uses_cancel_", "__drv_useCancelIRQL")) {
		d->cancel |= bit;
		d->restores |= bit;
		d->says_change = true;
	}
}

static void one_annot(struct annot_walk *w, CXCursor c, const char *text)
{
	struct irql_decl *d = w->d;
	char name[64], args[256];
	int l;

	if (!split_annot(text, name, sizeof(name), args, sizeof(args)))
		return;
	if (w->param) {
		param_annot(d, w->param, name);
		return;
	}
	l = irql_level_parse(args);
	if (is(name, "_IRQL_requires_max_", "__drv_maxIRQL")) {
		if (l >= 0 && (d->req_max < 0 || l < d->req_max))
			d->req_max = (int8_t)l;
		note_sal(w, c, name, args, &d->sal);
	} else if (is(name, "_IRQL_requires_min_", "__drv_minIRQL")) {
		if (l >= 0 && l > d->req_min)
			d->req_min = (int8_t)l;
		note_sal(w, c, name, args, &d->sal);
	} else if (is(name, "_IRQL_requires_", "__drv_requiresIRQL")) {
		if (l >= 0) {
			d->req_min = d->req_max = (int8_t)l;
			d->sal = NULL; /* the exact requirement names the entry best */
		}
		note_sal(w, c, name, args, &d->sal);
	} else if (is(name, "_IRQL_raises_", "__drv_raisesIRQL") || is(name, "__drv_setsIRQL", NULL)) {
		if (l >= 0)
			d->raises = (int8_t)l;
		d->says_change = true;
		note_sal(w, c, name, args, &d->raises_sal);
	} else if (is(name, "_IRQL_always_function_max_", NULL)) {
		if (l >= 0)
			d->always_max = (int8_t)l;
		note_sal(w, c, name, args, &d->always_sal);
	} else if (is(name, "_IRQL_always_function_min_", NULL)) {
		if (l >= 0)
			d->always_min = (int8_t)l;
		note_sal(w, c, name, args, &d->always_sal);
	} else if (is(name, "_IRQL_requires_same_", "__drv_sameIRQL")) {
		d->same = true;
	} else if (is(name, "_IRQL_saves_global_", "__drv_savesIRQLGlobal")) {
		d->says_change = true;
	} else if (is(name, "_IRQL_restores_global_", "__drv_restoresIRQLGlobal")) {
		d->says_change = true;
		d->restores_global = true;
	} else if (strstr(name, "_lock_") || is(name, "__drv_acquiresCancelSpinLock", "__drv_releasesCancelSpinLock")) {
		/* _Acquires_lock_, _Releases_exclusive_lock_, ...: a lock wrapper */
		if (strncmp(name, "_Acquires", 9) == 0 || strncmp(name, "_Releases", 9) == 0 ||
		    strncmp(name, "__drv_", 6) == 0)
			d->says_change = true;
	} else if (is(name, "_At_", "__drv_at")) {
		/* _At_(*OldIrql, _IRQL_saves_): a parameter annotation written on the function */
		char target[64];
		const char *comma = strchr(args, ',');
		size_t n = 0;
		const char *t = args;

		if (!comma)
			return;
		while (*t == '*' || *t == ' ' || *t == '(')
			t++;
		while (t + n < comma && (isalnum((unsigned char)t[n]) || t[n] == '_') && n + 1 < sizeof(target)) {
			target[n] = t[n];
			n++;
		}
		target[n] = '\0';
		if (!n)
			return;
		l = param_index(w->fn, target);
		if (strstr(comma, "_IRQL_saves_") && !strstr(comma, "_IRQL_saves_global_"))
			param_annot(d, l, "_IRQL_saves_");
		if (strstr(comma, "_IRQL_restores_") && !strstr(comma, "_IRQL_restores_global_"))
			param_annot(d, l, "_IRQL_restores_");
		if (strstr(comma, "_IRQL_is_cancel_") || strstr(comma, "_IRQL_uses_cancel_"))
			param_annot(d, l, "_IRQL_is_cancel_");
	}
}

static enum CXChildVisitResult visit_annot(CXCursor c, CXCursor parent, CXClientData data)
{
	struct annot_walk *w = data;

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_AnnotateAttr) {
		CXString s = clang_getCursorSpelling(c);

		one_annot(w, c, clang_getCString(s));
		clang_disposeString(s);
	}
	return CXChildVisit_Continue;
}

void irql_decl_read(CXCursor fn, struct irql_arena *a, struct irql_decl *d)
{
	struct annot_walk w = { a, d, fn, 0 };
	int i, n;

	clang_visitChildren(fn, visit_annot, &w);
	n = clang_Cursor_getNumArguments(fn);
	for (i = 0; i < n && i < 32; i++) {
		w.param = i + 1;
		clang_visitChildren(clang_Cursor_getArgument(fn, (unsigned)i), visit_annot, &w);
	}
}

struct class_walk {
	const struct kb *kb;
	const struct kb_role *role;
};

static enum CXChildVisitResult visit_class(CXCursor c, CXCursor parent, CXClientData data)
{
	struct class_walk *w = data;
	char name[64], args[128];
	CXString s;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_AnnotateAttr || w->role)
		return CXChildVisit_Continue;
	s = clang_getCursorSpelling(c);
	if (split_annot(clang_getCString(s), name, sizeof(name), args, sizeof(args)) &&
	    is(name, "_Function_class_", "__drv_functionClass")) {
		char *p = args;

		while (*p == ' ')
			p++;
		p[strcspn(p, " )")] = '\0';
		w->role = kb_role_lookup(w->kb, p);
	}
	clang_disposeString(s);
	return CXChildVisit_Continue;
}

const struct kb_role *irql_decl_role(CXCursor fn, const struct kb *kb, enum irql_role_how *how)
{
	CXType t = clang_getCursorType(fn);
	struct class_walk w = { kb, NULL };
	unsigned depth;

	/* KDEFERRED_ROUTINE MyDpc; gives the function that typedef as its type,
	 * on the definition too (the types are merged); on clang 16 it is
	 * wrapped in an Elaborated type. DRIVER_DISPATCH_PAGED-style aliases
	 * are followed down the typedef chain. */
	for (depth = 0; depth < 6; depth++) {
		if (t.kind == CXType_Elaborated) {
			t = clang_Type_getNamedType(t);
			continue;
		}
		if (t.kind != CXType_Typedef)
			break;
		{
			CXString s = clang_getTypedefName(t);
			const struct kb_role *r = kb_role_lookup(kb, clang_getCString(s));

			clang_disposeString(s);
			if (r) {
				*how = ROLE_TYPEDEF;
				return r;
			}
		}
		t = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(t));
	}
	clang_visitChildren(fn, visit_class, &w);
	if (w.role)
		*how = ROLE_CLASS;
	return w.role;
}

/* --- pageable code -------------------------------------------------------- */
struct paged_name {
	char *name;
	unsigned line;
};

struct irql_paging {
	struct paged_name *names;   /* #pragma alloc_text(PAGE..., name) */
	unsigned n_names;
	struct { unsigned off; bool on; unsigned line; } *seg; /* #pragma code_seg switches, in order */
	unsigned n_seg;
	char **seg_macros;          /* macros of the file whose body is __declspec(code_seg("PAGE...")) */
	unsigned n_seg_macros;
	unsigned (*skip)[2];        /* inactive #if regions, as offsets */
	unsigned n_skip;
};

static bool paged_section(const struct irql_tok *t)
{
	const char *s = t->text;
	size_t n = t->len;

	if (n && s[0] == '"') {
		s++;
		n--;
	}
	return n >= 4 && strncmp(s, "PAGE", 4) == 0;
}

static bool skipped(const struct irql_paging *pg, unsigned off)
{
	unsigned i;

	for (i = 0; i < pg->n_skip; i++)
		if (off >= pg->skip[i][0] && off < pg->skip[i][1])
			return true;
	return false;
}

static unsigned line_of(const struct irql_file *f, unsigned off)
{
	unsigned line = 1, i;

	for (i = 0; i < off && i < f->size; i++)
		line += f->src[i] == '\n';
	return line;
}

/* Does the run of tokens from I (inclusive) name code_seg("PAGE...")? */
static bool code_seg_page_at(const struct irql_file *f, unsigned i)
{
	unsigned j;

	if (!irql_tok_is(&f->toks[i], "code_seg") || i + 2 >= f->n_toks || !irql_tok_is(&f->toks[i + 1], "("))
		return false;
	for (j = i + 2; j < f->n_toks && !irql_tok_is(&f->toks[j], ")"); j++)
		if (f->toks[j].kind == CXToken_Literal && paged_section(&f->toks[j]))
			return true;
	return false;
}

struct irql_paging *irql_paging_scan(const struct irql_file *f, CXTranslationUnit tu, struct irql_arena *a)
{
	struct irql_paging *pg = calloc(1, sizeof(*pg));
	CXSourceRangeList *sk;
	unsigned i;

	if (!pg)
		return NULL;
	sk = clang_getSkippedRanges(tu, f->file);
	if (sk && sk->count) {
		pg->skip = calloc(sk->count, sizeof(*pg->skip));
		if (pg->skip)
			for (i = 0; i < sk->count; i++) {
				unsigned b, e;

				clang_getFileLocation(clang_getRangeStart(sk->ranges[i]), NULL, NULL, NULL, &b);
				clang_getFileLocation(clang_getRangeEnd(sk->ranges[i]), NULL, NULL, NULL, &e);
				pg->skip[pg->n_skip][0] = b;
				pg->skip[pg->n_skip][1] = e;
				pg->n_skip++;
			}
	}
	if (sk)
		clang_disposeSourceRangeList(sk);
	for (i = 0; i + 2 < f->n_toks; i++) {
		const struct irql_tok *t = &f->toks[i];

		if (!irql_tok_is(t, "#") || skipped(pg, t->off))
			continue;
		if (irql_tok_is(&f->toks[i + 1], "pragma") && i + 3 < f->n_toks) {
			const struct irql_tok *kw = &f->toks[i + 2];

			if (irql_tok_is(kw, "alloc_text") && irql_tok_is(&f->toks[i + 3], "(") && i + 4 < f->n_toks &&
			    paged_section(&f->toks[i + 4])) {
				unsigned j, line = line_of(f, t->off);

				for (j = i + 5; j < f->n_toks && !irql_tok_is(&f->toks[j], ")"); j++) {
					struct paged_name *nn;

					if (f->toks[j].kind != CXToken_Identifier)
						continue;
					nn = realloc(pg->names, (pg->n_names + 1) * sizeof(*nn));
					if (!nn)
						break;
					pg->names = nn;
					nn[pg->n_names].name = irql_ar_strndup(a, f->toks[j].text, f->toks[j].len);
					nn[pg->n_names].line = line;
					pg->n_names++;
				}
			} else if (irql_tok_is(kw, "code_seg")) {
				void *ns = realloc(pg->seg, (pg->n_seg + 1) * sizeof(*pg->seg));

				if (ns) {
					pg->seg = ns;
					pg->seg[pg->n_seg].off = t->off;
					pg->seg[pg->n_seg].on = code_seg_page_at(f, i + 2);
					pg->seg[pg->n_seg].line = line_of(f, t->off);
					pg->n_seg++;
				}
			}
		} else if (irql_tok_is(&f->toks[i + 1], "define") && f->toks[i + 2].kind == CXToken_Identifier) {
			/* #define PAGED_CODE_SEG __declspec(code_seg("PAGE")) on this line */
			unsigned j, line = line_of(f, t->off);

			for (j = i + 3; j < f->n_toks && j < i + 16; j++) {
				if (code_seg_page_at(f, j)) {
					char **nm = realloc(pg->seg_macros, (pg->n_seg_macros + 1) * sizeof(*nm));

					if (nm) {
						pg->seg_macros = nm;
						nm[pg->n_seg_macros++] =
							irql_ar_strndup(a, f->toks[i + 2].text, f->toks[i + 2].len);
					}
					break;
				}
				if (line_of(f, f->toks[j].off) != line)
					break;
			}
		}
	}
	return pg;
}

void irql_paging_free(struct irql_paging *pg)
{
	if (!pg)
		return;
	free(pg->names);
	free(pg->seg);
	free(pg->seg_macros);
	free(pg->skip);
	free(pg);
}

bool irql_paging_of(const struct irql_paging *pg, const struct irql_file *f, CXTranslationUnit tu, CXCursor fn,
		    const char *name, struct irql_arena *a, const char **how, unsigned *line, unsigned *col)
{
	CXSourceRange ext = clang_getCursorExtent(fn);
	unsigned b, e, name_off, i, k;
	CXSourceLocation nl = clang_getCursorLocation(fn);

	(void)tu;
	clang_getExpansionLocation(clang_getRangeStart(ext), NULL, NULL, NULL, &b);
	clang_getExpansionLocation(clang_getRangeEnd(ext), NULL, NULL, NULL, &e);
	clang_getExpansionLocation(nl, NULL, line, col, &name_off);
	/* PAGED_CODE() in the body */
	for (i = irql_tok_at(f, name_off); i + 1 < f->n_toks && f->toks[i].off < e; i++)
		if (irql_tok_is(&f->toks[i], "PAGED_CODE") && irql_tok_is(&f->toks[i + 1], "(") &&
		    !skipped(pg, f->toks[i].off)) {
			unsigned o = f->toks[i].off, c = 1;

			while (o > 0 && f->src[o - 1] != '\n') {
				o--;
				c++;
			}
			*how = "PAGED_CODE()";
			*line = line_of(f, f->toks[i].off);
			*col = c;
			return true;
		}
	/* #pragma alloc_text(PAGE, name) */
	for (k = 0; k < pg->n_names; k++)
		if (strcmp(pg->names[k].name, name) == 0) {
			*how = irql_ar_printf(a, "#pragma alloc_text(PAGE) at line %u", pg->names[k].line);
			return *how != NULL;
		}
	/* (the finding goes to the function's name: *LINE and *COL as set above) */
	/* #pragma code_seg("PAGE") ... before the definition */
	for (k = pg->n_seg; k-- > 0;)
		if (pg->seg[k].off < b) {
			if (pg->seg[k].on) {
				*how = irql_ar_printf(a, "#pragma code_seg(\"PAGE\") at line %u", pg->seg[k].line);
				return *how != NULL;
			}
			break;
		}
	/* __declspec(code_seg("PAGE")) among the specifiers, directly or through a macro */
	i = irql_tok_at(f, name_off);
	for (k = 0; i > 0 && k < 48; k++) {
		const struct irql_tok *t = &f->toks[--i];
		unsigned m;

		if (irql_tok_is(t, ";") || irql_tok_is(t, "}"))
			break;
		if (code_seg_page_at(f, i)) {
			*how = "__declspec(code_seg(\"PAGE\"))";
			return true;
		}
		for (m = 0; t->kind == CXToken_Identifier && m < pg->n_seg_macros; m++)
			if (t->len == strlen(pg->seg_macros[m]) && memcmp(t->text, pg->seg_macros[m], t->len) == 0) {
				*how = "__declspec(code_seg(\"PAGE\"))";
				return true;
			}
	}
	return false;
}
