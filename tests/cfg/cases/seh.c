/* __try/__except and __try/__finally: exception edges, the handler's
 * filter, return / goto / break / __leave through a __finally (a copy of it
 * on each such path), a __finally on the way to an enclosing handler, and
 * __except (EXCEPTION_CONTINUE_SEARCH), which handles nothing. */
#include <ntddk.h>

int g(int);
void h(int);

NTSTATUS try_except(PVOID p, ULONG n)
{
	NTSTATUS status = STATUS_SUCCESS;
	__try {
		ProbeForRead(p, n, 1);
		h(1);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		status = GetExceptionCode();
	}
	return status;
}
/* CFG:
B0 (entry): expr@12:2 "NTSTATUS status = STATUS_SUCCE..." -> B1
B1 [try=1]: expr@14:3 "ProbeForRead()"; expr@15:3 "h()" -> B3 B2(exc)
B2: expr@17:3 "status = GetExceptionCode()" -> B3
B3: return@19:2 "return status" -> B4
B4 (exit):
*/

void filter_expression(PVOID p)
{
	__try {
		ProbeForWrite(p, 4, 4);
	} __except (GetExceptionCode() == STATUS_ACCESS_VIOLATION ? EXCEPTION_EXECUTE_HANDLER
								  : EXCEPTION_CONTINUE_SEARCH) {
		h(0);
	}
}
/* CFG:
B0 (entry): -> B1
B1 [try=1]: expr@32:3 "ProbeForWrite()" -> B3 B2(exc)
B2: expr@33:14 "GetExceptionCode() == STATUS_A..."; expr@35:3 "h()" -> B3
B3 (exit):
*/

int return_in_finally_try(int a)
{
	__try {
		if (a)
			return g(1);
		h(2);
	} __finally {
		h(3);
	}
	return 0;
}
/* CFG:
B0 (entry): -> B1
B1: cond@48:7 "a" -> B2(true) B4(false)
B2: return@49:4 "return g(1)" -> B3
B3: expr@52:3 "h()" -> B6
B4: expr@50:3 "h()" -> B5
B5: expr@52:3 "h()"; return@54:2 "return 0" -> B6
B6 (exit):
*/

void leave_in_except(PVOID p)
{
	__try {
		if (!p)
			__leave;
		ProbeForRead(p, 4, 1);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		h(1);
	}
	h(2);
}
/* CFG:
B0 (entry): -> B1
B1 [try=1]: cond@69:8 "p" -> B2(true) B4(false) B3(exc)
B2 [try=1]: expr@71:3 "ProbeForRead()" -> B4 B3(exc)
B3: expr@73:3 "h()" -> B4
B4: expr@75:2 "h()" -> B5
B5 (exit):
*/

void leave_in_finally(int a)
{
	__try {
		h(1);
		if (a)
			__leave;
		h(2);
	} __finally {
		h(3);
	}
}
/* CFG:
B0 (entry): -> B1
B1: expr@89:3 "h()"; cond@90:7 "a" -> B3(true) B2(false)
B2: expr@92:3 "h()" -> B3
B3: expr@94:3 "h()" -> B4
B4 (exit):
*/

int nested_finally_return(int a)
{
	__try {
		__try {
			if (a)
				return 1;
		} __finally {
			h(1);
		}
	} __finally {
		h(2);
	}
	return 0;
}
/* CFG:
B0 (entry): -> B1
B1: cond@109:8 "a" -> B2(true) B5(false)
B2: return@110:5 "return 1" -> B3
B3: expr@112:4 "h()" -> B4
B4: expr@115:3 "h()" -> B7
B5: expr@112:4 "h()" -> B6
B6: expr@115:3 "h()"; return@117:2 "return 0" -> B7
B7 (exit):
*/

void goto_and_break_through_finally(int n)
{
	int i;
	for (i = 0; i < n; i++) {
		__try {
			if (g(i))
				break;
			if (g(-i))
				goto out;
		} __finally {
			h(i);
		}
	}
out:
	h(-1);
}
/* CFG:
B0 (entry): expr@133:7 "i = 0" -> B1
B1: cond@133:14 "i < n" -> B2(true) B8(false)
B2: cond@135:8 "g()" -> B3(true) B4(false)
B3: expr@140:4 "h()" -> B8
B4: cond@137:8 "g()" -> B5(true) B6(false)
B5: expr@140:4 "h()" -> B8
B6: expr@140:4 "h()" -> B7
B7: expr@133:21 "i++" -> B1
B8: expr@144:2 "h()" -> B9
B9 (exit):
*/

void finally_inside_except(PVOID p)
{
	__try {
		__try {
			ProbeForRead(p, 4, 1);
		} __finally {
			h(1);
		}
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		h(2);
	}
}
/* CFG:
B0 (entry): -> B1
B1 [try=1]: expr@163:4 "ProbeForRead()" -> B2 B3(exc)
B2 [try=1]: expr@165:4 "h()" -> B5 B4(exc)
B3 [try=1]: expr@165:4 "h()" -> B4 B4(exc)
B4: expr@168:3 "h()" -> B5
B5 (exit):
*/

void continue_search(PVOID p)
{
	__try {
		ProbeForRead(p, 4, 1);
	} __except (EXCEPTION_CONTINUE_SEARCH) {
		h(1);
	}
}
/* CFG:
B0 (entry): -> B1
B1: expr@183:3 "ProbeForRead()" -> B2
B2 (exit):
*/

void nested_except(PVOID p)
{
	__try {
		h(1);
		__try {
			ProbeForRead(p, 4, 1);
		} __except (EXCEPTION_EXECUTE_HANDLER) {
			h(2);
		}
		h(3);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		h(4);
	}
}
/* CFG:
B0 (entry): -> B1
B1 [try=1]: expr@197:3 "h()" -> B2 B5(exc)
B2 [try=2]: expr@199:4 "ProbeForRead()" -> B4 B3(exc)
B3 [try=1]: expr@201:4 "h()" -> B4 B5(exc)
B4 [try=1]: expr@203:3 "h()" -> B6 B5(exc)
B5: expr@205:3 "h()" -> B6
B6 (exit):
*/
