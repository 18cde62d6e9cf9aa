/* irql-too-high: what SAL says a function is entered at counts like a role.
 * _IRQL_requires_max_(DISPATCH_LEVEL) says callers may call it at
 * DISPATCH_LEVEL, where ZwClose is not allowed. A call of a function
 * annotated _IRQL_requires_(PASSIVE_LEVEL) made at DISPATCH_LEVEL is
 * reported at the call. _IRQL_always_function_max_ bounds what the function
 * itself may raise to. */
#include <wdm.h>

_IRQL_requires_max_(DISPATCH_LEVEL)
VOID bad_max_dispatch(HANDLE h)
{
	ZwClose(h); // expected-error{{'ZwClose' requires PASSIVE_LEVEL but is called at DISPATCH_LEVEL: 'bad_max_dispatch' is annotated _IRQL_requires_max_(DISPATCH_LEVEL)}}
}

_IRQL_requires_max_(PASSIVE_LEVEL)
VOID good_max_passive(HANDLE h)
{
	ZwClose(h);
}

_IRQL_requires_(PASSIVE_LEVEL)
VOID PassiveOnly(HANDLE h)
{
	ZwClose(h);
}

_IRQL_requires_(DISPATCH_LEVEL)
VOID bad_call_passive_only(HANDLE h)
{
	PassiveOnly(h); // expected-error{{'PassiveOnly' requires PASSIVE_LEVEL (_IRQL_requires_(PASSIVE_LEVEL)) but is called at DISPATCH_LEVEL: 'bad_call_passive_only' is annotated _IRQL_requires_(DISPATCH_LEVEL)}}
}

_IRQL_always_function_max_(APC_LEVEL)
VOID bad_raise_past_max(VOID)
{
	KIRQL old;

	KeRaiseIrql(DISPATCH_LEVEL, &old); // expected-error{{'KeRaiseIrql' raises the IRQL to DISPATCH_LEVEL, above APC_LEVEL, the most 'bad_raise_past_max' may run at (_IRQL_always_function_max_(APC_LEVEL))}}
	KeLowerIrql(old);
}

_IRQL_always_function_max_(DISPATCH_LEVEL)
VOID good_raise_within_max(VOID)
{
	KIRQL old;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeLowerIrql(old);
}
