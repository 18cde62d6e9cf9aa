/* Expressions: ?: with calls on its arms (own branches, skipped in the
 * whole), && / || with a call on the right, statement expressions, calls
 * that never return (KeBugCheckEx is noreturn in the KB), sizeof, comma,
 * declarations (only those with an initialiser that runs here). */
#include <ntddk.h>

int g(int);
void h(int);

void cond_operator(int c)
{
	int x;
	x = c ? g(1) : g(2);
	x = c ? 1 : 2;
	h(c ? g(3) : 0);
	c ? h(4) : h(5);
	int y = c > 0 ? g(6) : x;
}
/* CFG:
B0 (entry): cond@13:6 "c" -> B1(true) B2(false)
B1: expr@13:10 "g()" -> B3
B2: expr@13:17 "g()" -> B3
B3: expr@13:2 "x = c ? g(1) : g(2)" [skip 13:6]; expr@14:2 "x = c ? 1 : 2"; cond@15:4 "c" -> B4(true) B5(false)
B4: expr@15:8 "g()" -> B5
B5: expr@15:2 "h()" [skip 15:4]; cond@16:2 "c" -> B6(true) B7(false)
B6: expr@16:6 "h()" -> B8
B7: expr@16:13 "h()" -> B8
B8: cond@17:10 "c > 0" -> B9(true) B10(false)
B9: expr@17:18 "g()" -> B10
B10: expr@17:2 "int y = c > 0 ? g(6) : x" [skip 17:10] -> B11
B11 (exit):
*/

int logical_values(int a)
{
	int ok = a && g(1);
	ok = g(2) || g(3);
	ok = a && ok;
	return a || g(4);
}
/* CFG:
B0 (entry): cond@36:11 "a" -> B1(true) B2(false)
B1: expr@36:16 "g()" -> B2
B2: expr@36:2 "int ok = a && g(1)" [skip 36:11]; cond@37:7 "g()" -> B4(true) B3(false)
B3: expr@37:15 "g()" -> B4
B4: expr@37:2 "ok = g(2) || g(3)" [skip 37:7]; expr@38:2 "ok = a && ok"; cond@39:9 "a" -> B6(true) B5(false)
B5: expr@39:14 "g()" -> B6
B6: return@39:2 "return a || g(4)" [skip 39:9] -> B7
B7 (exit):
*/

int statement_expressions(int a)
{
	int x = ({ int t = g(a); t + 1; });
	if (({ h(1); a > 2; }))
		x++;
	return x;
}
/* CFG:
B0 (entry): expr@54:13 "int t = g(a)"; expr@54:27 "t + 1"; expr@54:2 "int x = ({ int t = g(a); t + 1..." [skip 54:10]; expr@55:9 "h()"; cond@55:15 "a > 2" -> B1(true) B2(false)
B1: expr@56:3 "x++" -> B2
B2: return@57:2 "return x" -> B3
B3 (exit):
*/

void noreturn_calls(int a)
{
	if (a < 0)
		KeBugCheckEx(0xE2, a, 0, 0, 0);
	h(a);
	if (a > 100) {
		h(100);
		KeBugCheckEx(0xE2, 1, 2, 3, 4);
		h(101);
	}
}
/* CFG:
B0 (entry): cond@68:6 "a < 0" -> B1(true) B2(false)
B1: expr@69:3 "KeBugCheckEx()"
B2: expr@70:2 "h()"; cond@71:6 "a > 100" -> B3(true) B5(false)
B3: expr@72:3 "h()"; expr@73:3 "KeBugCheckEx()"
B4 (dead): expr@74:3 "h()"
B5 (exit):
*/

int misc(int a)
{
	int arr[4];
	static int calls = 0;
	extern int other;
	int z = sizeof(g(a)), w;
	calls++, h(a);
	(void)g(a);
	return arr[0] + other + z;
}
/* CFG:
B0 (entry): expr@91:2 "int z = sizeof(g(a))"; expr@92:2 "calls++, h(a)"; expr@93:2 "(void)g(a)"; return@94:2 "return arr[0] + other + z" -> B1
B1 (exit):
*/

void ends_in_noreturn(PVOID p)
{
	if (!p)
		KeBugCheckEx(1, 2, 3, 4, 5);
}
/* CFG:
B0 (entry): cond@103:7 "p" -> B2(true) B1(false)
B1: expr@104:3 "KeBugCheckEx()"
B2 (exit):
*/
