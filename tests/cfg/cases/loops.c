/* while, do, for (with parts missing), break, continue, nested loops,
 * while (1) with break, do { } while (0) from a macro, for (;;). */
#include <ntddk.h>

int g(int);
void h(int);

#define SAFE_CALL(x) do { if (x) h(x); } while (0)

int while_loop(int n)
{
	int s = 0;
	while (n > 0) {
		s += g(n);
		n--;
	}
	return s;
}
/* CFG:
B0 (entry): expr@12:2 "int s = 0" -> B1
B1: cond@13:9 "n > 0" -> B2(true) B3(false)
B2: expr@14:3 "s += g(n)"; expr@15:3 "n--" -> B1
B3: return@17:2 "return s" -> B4
B4 (exit):
*/

void do_loop(int n)
{
	do {
		h(n);
	} while (--n);
}
/* CFG:
B0 (entry): -> B1
B1: expr@30:3 "h()" -> B2
B2: cond@31:11 "--n" -> B1(true) B3(false)
B3 (exit):
*/

void for_loop(int n)
{
	int i;
	for (i = 0; i < n; i++)
		h(i);
}
/* CFG:
B0 (entry): expr@43:7 "i = 0" -> B1
B1: cond@43:14 "i < n" -> B2(true) B4(false)
B2: expr@44:3 "h()" -> B3
B3: expr@43:21 "i++" -> B1
B4 (exit):
*/

void for_missing_parts(int n)
{
	int i = 0;
	for (; i < n;)
		i = g(i);
	for (int j = 0; ; j++)
		if (g(j))
			break;
	for (;; i++)
		if (g(i))
			return;
}
/* CFG:
B0 (entry): expr@56:2 "int i = 0" -> B1
B1: cond@57:9 "i < n" -> B2(true) B3(false)
B2: expr@58:3 "i = g(i)" -> B1
B3: expr@59:7 "int j = 0" -> B4
B4: cond@60:7 "g()" -> B5(true) B8(false)
B5: cond@63:7 "g()" -> B6(true) B7(false)
B6: return@64:4 "return" -> B9
B7: expr@62:10 "i++" -> B5
B8: expr@59:20 "j++" -> B4
B9 (exit):
*/

void break_continue(int n)
{
	int i;
	for (i = 0; i < n; i++) {
		if (g(i) == 1)
			continue;
		if (g(i) == 2)
			break;
		h(i);
	}
	h(-1);
}
/* CFG:
B0 (entry): expr@82:7 "i = 0" -> B1
B1: cond@82:14 "i < n" -> B2(true) B6(false)
B2: cond@83:7 "g(i) == 1" -> B5(true) B3(false)
B3: cond@85:7 "g(i) == 2" -> B6(true) B4(false)
B4: expr@87:3 "h()" -> B5
B5: expr@82:21 "i++" -> B1
B6: expr@89:2 "h()" -> B7
B7 (exit):
*/

void nested_loops(int n)
{
	int i, j;
	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++) {
			if (g(j))
				break;
			if (g(-j))
				continue;
			h(j);
		}
		if (g(i))
			continue;
		while (g(i) > 5)
			if (g(0))
				break;
	}
}
/* CFG:
B0 (entry): expr@105:7 "i = 0" -> B1
B1: cond@105:14 "i < n" -> B2(true) B12(false)
B2: expr@106:8 "j = 0" -> B3
B3: cond@106:15 "j < i" -> B4(true) B8(false)
B4: cond@107:8 "g()" -> B8(true) B5(false)
B5: cond@109:8 "g()" -> B7(true) B6(false)
B6: expr@111:4 "h()" -> B7
B7: expr@106:22 "j++" -> B3
B8: cond@113:7 "g()" -> B11(true) B9(false)
B9: cond@115:10 "g(i) > 5" -> B10(true) B11(false)
B10: cond@116:8 "g()" -> B11(true) B9(false)
B11: expr@105:21 "i++" -> B1
B12 (exit):
*/

void while_true_break(void)
{
	while (1) {
		if (g(1))
			break;
		h(1);
	}
	h(2);
}
/* CFG:
B0 (entry): -> B1
B1: cond@139:7 "g()" -> B2(true) B3(false)
B2: expr@143:2 "h()" -> B4
B3: expr@141:3 "h()" -> B1
B4 (exit):
*/

void do_while_zero(int a)
{
	SAFE_CALL(a);
	do {
		if (g(a))
			break;
		h(a);
	} while (0);
	h(0);
}
/* CFG:
B0 (entry): -> B1
B1: cond@155:2 "SAFE_CALL(a)" -> B2(true) B3(false)
B2: expr@155:2 "h()" -> B3
B3: cond@157:7 "g()" -> B5(true) B4(false)
B4: expr@159:3 "h()" -> B5
B5: expr@161:2 "h()" -> B6
B6 (exit):
*/

void forever(void)
{
	for (;;)
		h(1);
}
/* CFG:
B0 (entry): -> B1
B1: expr@176:3 "h()" -> B1
B2 (exit) (dead):
*/

void empty_loops(int a)
{
	while (g(a))
		;
	for (;;)
		;
}
/* CFG:
B0 (entry): -> B1
B1: cond@186:9 "g()" -> B1(true) B2(false)
B2: -> B2
B3 (exit) (dead):
*/
