/* goto and labels: the cleanup idiom (several gotos to two labels), early
 * returns, a backward goto, a label nobody jumps to, code after a return. */
#include <ntddk.h>

int g(int);
void h(int);

NTSTATUS goto_cleanup(PDEVICE_OBJECT dev)
{
	NTSTATUS status;
	PVOID a = NULL, b = NULL;

	a = ExAllocatePoolWithTag(NonPagedPool, 16, 'gaT1');
	if (!a) {
		status = STATUS_INSUFFICIENT_RESOURCES;
		goto out;
	}
	b = ExAllocatePoolWithTag(NonPagedPool, 16, 'gaT2');
	if (!b) {
		status = STATUS_INSUFFICIENT_RESOURCES;
		goto free_a;
	}
	status = g(1);
	if (!NT_SUCCESS(status))
		goto free_b;
	return STATUS_SUCCESS;

free_b:
	ExFreePoolWithTag(b, 'gaT2');
free_a:
	ExFreePoolWithTag(a, 'gaT1');
out:
	return status;
}
/* CFG:
B0 (entry): expr@11:2 "PVOID a = NULL"; expr@11:18 "b = NULL"; expr@13:2 "a = ExAllocatePoolWithTag(NonP..."; cond@14:7 "a" -> B1(true) B7(false)
B1: expr@18:2 "b = ExAllocatePoolWithTag(NonP..."; cond@19:7 "b" -> B2(true) B5(false)
B2: expr@23:2 "status = g(1)"; cond@24:7 "NT_SUCCESS(status)" -> B3(true) B4(false)
B3: return@26:2 "return STATUS_SUCCESS" -> B9
B4: expr@29:2 "ExFreePoolWithTag()" -> B6
B5: expr@20:3 "status = STATUS_INSUFFICIENT_R..." -> B6
B6: expr@31:2 "ExFreePoolWithTag()" -> B8
B7: expr@15:3 "status = STATUS_INSUFFICIENT_R..." -> B8
B8: return@33:2 "return status" -> B9
B9 (exit):
*/

int early_returns(int a)
{
	if (a < 0)
		return -1;
	if (a == 0)
		return 0;
	h(a);
	return 1;
	h(99);
}
/* CFG:
B0 (entry): cond@50:6 "a < 0" -> B1(true) B2(false)
B1: return@51:3 "return -1" -> B6
B2: cond@52:6 "a == 0" -> B3(true) B4(false)
B3: return@53:3 "return 0" -> B6
B4: expr@54:2 "h()"; return@55:2 "return 1" -> B6
B5 (dead): expr@56:2 "h()"
B6 (exit):
*/

void backward_goto(int n)
{
again:
	if (g(n)) {
		n--;
		goto again;
	}
unused:
	h(n);
}
/* CFG:
B0 (entry): -> B1
B1: cond@71:6 "g()" -> B2(true) B3(false)
B2: expr@72:3 "n--" -> B1
B3: expr@76:2 "h()" -> B4
B4 (exit):
*/
