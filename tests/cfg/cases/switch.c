/* switch: fallthrough, default, no default (an edge to after the switch),
 * stacked labels, GNU case ranges, break and continue inside, code before
 * the first label. */
#include <ntddk.h>

int g(int);
void h(int);

int with_default(int a)
{
	int r = 0;
	switch (a) {
	case 1:
		r = g(1);
		break;
	case 2:
		h(2);
		/* fallthrough */
	case 3:
	case 4:
		r = g(3);
		break;
	default:
		r = -1;
	}
	return r;
}
/* CFG:
B0 (entry): expr@11:2 "int r = 0"; expr@12:10 "a" -> B1(case 1) B2(case 2) B3(case 3) B3(case 4) B4(default)
B1: expr@14:3 "r = g(1)" -> B5
B2: expr@17:3 "h()" -> B3
B3: expr@21:3 "r = g(3)" -> B5
B4: expr@24:3 "r = -1" -> B5
B5: return@26:2 "return r" -> B6
B6 (exit):
*/

void without_default(ULONG code)
{
	switch (code) {
	case IRP_MJ_CREATE:
		h(1);
		break;
	case IRP_MJ_CLOSE:
		h(2);
		return;
	}
	h(3);
}
/* CFG:
B0 (entry): expr@40:10 "code" -> B1(case 0) B2(case 2) B3(default)
B1: expr@42:3 "h()" -> B3
B2: expr@45:3 "h()"; return@46:3 "return" -> B4
B3: expr@48:2 "h()" -> B4
B4 (exit):
*/

void ranges_and_loops(int a)
{
	int i;
	for (i = 0; i < a; i++) {
		switch (g(i)) {
		case 1 ... 5:
			continue;
		case 6:
			break;
		default:
			return;
		}
		h(i);
	}
}
/* CFG:
B0 (entry): expr@61:7 "i = 0" -> B1
B1: cond@61:14 "i < a" -> B2(true) B6(false)
B2: expr@62:11 "g()" -> B4(case 1...5) B3(case 6) B5(default)
B3: expr@70:3 "h()" -> B4
B4: expr@61:21 "i++" -> B1
B5: return@68:4 "return" -> B6
B6 (exit):
*/

void default_first_and_dead_code(int a)
{
	switch (a) {
		h(0);
	default:
		h(1);
	case 7:
		h(7);
	}
}
/* CFG:
B0 (entry): expr@85:10 "a" -> B1(default) B2(case 7)
B1: expr@88:3 "h()" -> B2
B2: expr@90:3 "h()" -> B4
B3 (dead): expr@86:3 "h()"
B4 (exit):
*/

void nested_switch(int a, int b)
{
	switch (a) {
	case 0:
		switch (b) {
		case 0:
			h(0);
			break;
		}
		h(1);
		break;
	}
}
/* CFG:
B0 (entry): expr@103:10 "a" -> B1(case 0) B4(default)
B1: expr@105:11 "b" -> B2(case 0) B3(default)
B2: expr@107:4 "h()" -> B3
B3: expr@110:3 "h()" -> B4
B4 (exit):
*/
