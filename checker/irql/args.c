/* args.c - a call's arguments as the driver wrote them, and their values.
 *
 * KeAcquireSpinLock(&l, &old) is a mingw macro over
 * KeAcquireSpinLockRaiseToDpc(&l): the expanded CallExpr does not have the
 * arguments the knowledge base numbers. So the arguments are read from the
 * tokens after the written name (split at top-level commas), and a constant
 * argument is evaluated from those tokens: an integer literal, an
 * object-like macro whose body is one (DISPATCH_LEVEL, FALSE, NULL through
 * its casts), an enumerator (UserMode) found under the call. When the
 * CallExpr's own arguments are the written ones, libclang evaluates them.
 */
#include "extract.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct enum_find {
	const char *name;
	long long value;
	bool found;
};

/* The object-like macro NAME in force at the end of the unit, through the
 * resolver's cache of fe_find_macro's answers (which a PCH does not change).
 * A function-like one is no constant. */
static bool find_macro(struct xunit *u, const char *name, CXCursor *def)
{
	return eng_find_macro(u->res, name, def) && !clang_Cursor_isMacroFunctionLike(*def);
}

static enum CXChildVisitResult find_enum(CXCursor c, CXCursor parent, CXClientData data)
{
	struct enum_find *ef = data;

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
		CXCursor ref = clang_getCursorReferenced(c);

		if (clang_getCursorKind(ref) == CXCursor_EnumConstantDecl) {
			CXString s = clang_getCursorSpelling(ref);

			if (strcmp(clang_getCString(s), ef->name) == 0) {
				ef->value = clang_getEnumConstantDeclValue(ref);
				ef->found = true;
			}
			clang_disposeString(s);
			if (ef->found)
				return CXChildVisit_Break;
		}
	}
	return CXChildVisit_Recurse;
}

/* The value of a run of tokens: an integer literal, an object-like macro
 * whose body is one, an enumerator; through parentheses and casts. */
static bool eval_tokens(struct callargs *ca, const char **toks, const unsigned *lens, unsigned n, unsigned depth,
			long long *v)
{
	unsigned i;

	while (n >= 2 && lens[0] == 1 && toks[0][0] == '(') {
		/* (X) or a cast (T)X: find the matching ')' */
		unsigned d = 0, close = 0;

		for (i = 0; i < n; i++) {
			if (lens[i] == 1 && toks[i][0] == '(')
				d++;
			else if (lens[i] == 1 && toks[i][0] == ')' && --d == 0) {
				close = i;
				break;
			}
		}
		if (!close)
			return false;
		if (close == n - 1) {
			toks++;
			lens++;
			n -= 2;
		} else {
			toks += close + 1;
			lens += close + 1;
			n -= close + 1;
		}
	}
	if (n != 1)
		return false;
	if (isdigit((unsigned char)toks[0][0])) {
		char buf[32], *end;
		size_t l = lens[0] < sizeof(buf) - 1 ? lens[0] : sizeof(buf) - 1;

		memcpy(buf, toks[0], l);
		buf[l] = '\0';
		*v = strtoll(buf, &end, 0);
		while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
			end++;
		return *end == '\0';
	}
	if (isalpha((unsigned char)toks[0][0]) || toks[0][0] == '_') {
		char name[128];
		CXCursor def;
		struct enum_find ef;

		if (lens[0] >= sizeof(name) || depth > 4)
			return false;
		memcpy(name, toks[0], lens[0]);
		name[lens[0]] = '\0';
		if (find_macro(ca->x->u, name, &def)) {
			CXToken *mt = NULL;
			unsigned mn = 0;
			const char *tt[32];
			unsigned tl[32];
			CXString sp[32];
			bool ok;

			clang_tokenize(ca->x->u->tu->tu, clang_getCursorExtent(def), &mt, &mn);
			if (mn < 2 || mn - 1 > 32) {
				clang_disposeTokens(ca->x->u->tu->tu, mt, mn);
				return false;
			}
			for (i = 1; i < mn; i++) {
				sp[i - 1] = clang_getTokenSpelling(ca->x->u->tu->tu, mt[i]);
				tt[i - 1] = clang_getCString(sp[i - 1]);
				tl[i - 1] = (unsigned)strlen(tt[i - 1]);
			}
			ok = eval_tokens(ca, tt, tl, mn - 1, depth + 1, v);
			for (i = 1; i < mn; i++)
				clang_disposeString(sp[i - 1]);
			clang_disposeTokens(ca->x->u->tu->tu, mt, mn);
			return ok;
		}
		ef.name = name;
		ef.found = false;
		clang_visitChildren(ca->call, find_enum, &ef);
		if (ef.found)
			*v = ef.value;
		return ef.found;
	}
	return false;
}

bool irql_x_arg_value(void *user, unsigned i, long long *v)
{
	struct callargs *ca = user;
	const char *toks[64];
	unsigned lens[64], k, n;

	if (i < 1 || i > ca->n)
		return false;
	if (ca->cursor_args && irql_x_eval(clang_Cursor_getArgument(ca->call, i - 1), v))
		return true;
	/* a macro's argument, or a pointer constant (NULL) libclang does not evaluate */
	n = ca->rng[i - 1][1] - ca->rng[i - 1][0];
	if (n == 0 || n > 64)
		return false;
	for (k = 0; k < n; k++) {
		const struct irql_tok *t = &ca->x->file->toks[ca->rng[i - 1][0] + k];

		toks[k] = t->text;
		lens[k] = t->len;
	}
	return eval_tokens(ca, toks, lens, n, 0, v);
}

int16_t irql_x_arg_slot(void *user, const char *key)
{
	struct callargs *ca = user;

	return irql_x_slot(ca->x, key);
}

const char *irql_x_arg_param(void *user, unsigned i, char *buf, size_t size)
{
	struct callargs *ca = user;
	CXCursor callee;
	CXString s;

	if (!ca->cursor_args)
		return NULL;
	callee = clang_getCursorReferenced(ca->call);
	if (clang_Cursor_isNull(callee) || (int)i > clang_Cursor_getNumArguments(callee))
		return NULL;
	s = clang_getCursorSpelling(clang_Cursor_getArgument(callee, i - 1));
	snprintf(buf, size, "%s", clang_getCString(s));
	clang_disposeString(s);
	return buf[0] ? buf : NULL;
}

/* Read the arguments of the call written at OFF of the function's file, whose name is NAME. */
void irql_x_read_args(struct callargs *ca, unsigned off, const char *name)
{
	struct irql_xctx *x = ca->x;
	unsigned t = irql_tok_at(x->file, off), i;
	int n;

	ca->n = 0;
	if (t >= x->file->n_toks || x->file->toks[t].off != off || !irql_tok_is(&x->file->toks[t], name))
		return;
	n = irql_call_args(x->file, t, ca->rng, 16);
	if (n < 0)
		return;
	ca->n = (unsigned)n;
	for (i = 0; i < ca->n; i++)
		ca->text[i] = irql_tokens_text(&x->fn->ar, x->file, ca->rng[i][0], ca->rng[i][1]);
}

