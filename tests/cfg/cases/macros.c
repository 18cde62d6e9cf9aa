/* Conditions written by macros: an operator inside a macro body cannot be
 * read from the source, so the whole condition stays one COND; operators
 * written around macro arguments are still split. Loops from macros. */
#include <ntddk.h>

int g(int);
void h(int);

#define BOTH(a, b) ((a) && (b))
#define NOT(x) (!(x))
#define FOR_EACH(i, n) for ((i) = 0; (i) < (n); (i)++)
#define FOREVER for (;;)
#define CHECK(x) if (!(x)) return STATUS_UNSUCCESSFUL

void operator_in_macro_body(int a, int b)
{
	if (BOTH(a, b))
		h(1);
	if (NOT(a))
		h(2);
	if (BOTH(a, b) || NT_SUCCESS(g(b)))
		h(3);
}
/* CFG:
B0 (entry): cond@17:6 "BOTH(a, b)" -> B1(true) B2(false)
B1: expr@18:3 "h()" -> B2
B2: cond@19:6 "NOT(a)" -> B3(true) B4(false)
B3: expr@20:3 "h()" -> B4
B4: cond@21:6 "BOTH(a, b)" -> B6(true) B5(false)
B5: cond@21:20 "NT_SUCCESS(g(b))" -> B6(true) B7(false)
B6: expr@22:3 "h()" -> B7
B7 (exit):
*/

NTSTATUS macro_statements(int n)
{
	int i;
	CHECK(n > 0);
	FOR_EACH(i, n)
		h(i);
	FOREVER {
		if (g(n))
			break;
	}
	return STATUS_SUCCESS;
}
/* CFG:
B0 (entry): cond@38:2 "CHECK(n > 0)" -> B1(true) B2(false)
B1: return@38:2 "CHECK(n > 0)" -> B8
B2: expr@39:2 "FOR_EACH(i, n)" -> B3
B3: cond@39:2 "FOR_EACH(i, n)" -> B4(true) B6(false)
B4: expr@40:3 "h()" -> B5
B5: expr@39:2 "FOR_EACH(i, n)" -> B3
B6: cond@42:7 "g()" -> B7(true) B6(false)
B7: return@45:2 "return STATUS_SUCCESS" -> B8
B8 (exit):
*/

void label_first(int n)
{
top:
	n = g(n);
	if (n)
		goto top;
}
/* CFG:
B0 (entry): -> B1
B1: expr@62:2 "n = g(n)"; cond@63:6 "n" -> B1(true) B2(false)
B2 (exit):
*/
