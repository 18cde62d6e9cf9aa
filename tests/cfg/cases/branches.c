/* if/else, else-if chains, && || ! in conditions, constant conditions,
 * ?: and comma in conditions. The dump format is in docs/engine.md. */
#include <ntddk.h>

int g(int);
void h(int);

int if_else(int a)
{
	int x = 0;
	if (a > 0)
		x = g(1);
	else
		x = g(2);
	return x;
}
/* CFG:
B0 (entry): expr@10:2 "int x = 0"; cond@11:6 "a > 0" -> B1(true) B2(false)
B1: expr@12:3 "x = g(1)" -> B3
B2: expr@14:3 "x = g(2)" -> B3
B3: return@15:2 "return x" -> B4
B4 (exit):
*/

void if_no_else(int a)
{
	if (a)
		h(1);
	h(2);
}
/* CFG:
B0 (entry): cond@27:6 "a" -> B1(true) B2(false)
B1: expr@28:3 "h()" -> B2
B2: expr@29:2 "h()" -> B3
B3 (exit):
*/

int else_if_chain(int a)
{
	if (a == 1)
		return g(1);
	else if (a == 2)
		return g(2);
	else if (a == 3)
		h(3);
	else
		h(4);
	return 0;
}
/* CFG:
B0 (entry): cond@40:6 "a == 1" -> B1(true) B2(false)
B1: return@41:3 "return g(1)" -> B8
B2: cond@42:11 "a == 2" -> B3(true) B4(false)
B3: return@43:3 "return g(2)" -> B8
B4: cond@44:11 "a == 3" -> B5(true) B6(false)
B5: expr@45:3 "h()" -> B7
B6: expr@47:3 "h()" -> B7
B7: return@48:2 "return 0" -> B8
B8 (exit):
*/

void and_or(int a, int b, int c)
{
	if (a && b)
		h(1);
	if (a || b)
		h(2);
	if ((a && b) || c)
		h(3);
	if (a && (b || c))
		h(4);
}
/* CFG:
B0 (entry): cond@64:6 "a" -> B1(true) B3(false)
B1: cond@64:11 "b" -> B2(true) B3(false)
B2: expr@65:3 "h()" -> B3
B3: cond@66:6 "a" -> B5(true) B4(false)
B4: cond@66:11 "b" -> B5(true) B6(false)
B5: expr@67:3 "h()" -> B6
B6: cond@68:7 "a" -> B7(true) B8(false)
B7: cond@68:12 "b" -> B9(true) B8(false)
B8: cond@68:18 "c" -> B9(true) B10(false)
B9: expr@69:3 "h()" -> B10
B10: cond@70:6 "a" -> B11(true) B14(false)
B11: cond@70:12 "b" -> B13(true) B12(false)
B12: cond@70:17 "c" -> B13(true) B14(false)
B13: expr@71:3 "h()" -> B14
B14 (exit):
*/

void negations(PVOID p, int a, int b)
{
	if (!p)
		return;
	if (!(a && b))
		h(1);
	if (!a || !NT_SUCCESS(b))
		h(2);
}
/* CFG:
B0 (entry): cond@93:7 "p" -> B1(true) B7(false)
B1: cond@95:8 "a" -> B2(true) B3(false)
B2: cond@95:13 "b" -> B4(true) B3(false)
B3: expr@96:3 "h()" -> B4
B4: cond@97:7 "a" -> B5(true) B6(false)
B5: cond@97:13 "NT_SUCCESS(b)" -> B8(true) B6(false)
B6: expr@98:3 "h()" -> B8
B7: return@94:3 "return" -> B8
B8 (exit):
*/

void constants(int a)
{
	if (0)
		h(1);
	if (1)
		h(2);
	else
		h(3);
	if (sizeof(int) == 4 && a)
		h(4);
}
/* CFG:
B0 (entry): -> B1
B1: expr@117:3 "h()" -> B2
B2: cond@120:26 "a" -> B3(true) B6(false)
B3: expr@121:3 "h()" -> B6
B4 (dead): expr@115:3 "h()"
B5 (dead): expr@119:3 "h()"
B6 (exit):
*/

void cond_operator_in_condition(int a, int b, int c)
{
	if (a ? b : c)
		h(1);
}
/* CFG:
B0 (entry): cond@135:6 "a" -> B1(true) B2(false)
B1: cond@135:10 "b" -> B3(true) B4(false)
B2: cond@135:14 "c" -> B3(true) B4(false)
B3: expr@136:3 "h()" -> B4
B4 (exit):
*/

void comma_in_condition(int a)
{
	int x;
	while (x = g(a), x > 0)
		h(x);
}
/* CFG:
B0 (entry): -> B1
B1: expr@149:9 "x = g(a)"; cond@149:19 "x > 0" -> B2(true) B3(false)
B2: expr@150:3 "h()" -> B1
B3 (exit):
*/

void assignment_in_condition(PVOID *pp)
{
	PVOID p;
	if ((p = ExAllocatePoolWithTag(NonPagedPool, 16, 'gaT1')) != NULL)
		ExFreePoolWithTag(p, 'gaT1');
}
/* CFG:
B0 (entry): cond@162:6 "(p = ExAllocatePoolWithTag(Non..." -> B1(true) B2(false)
B1: expr@163:3 "ExFreePoolWithTag()" -> B2
B2 (exit):
*/
