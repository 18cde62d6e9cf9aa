/* storport-prohibited-ddi: a prohibited DDI with no known StorPort equivalent
 * gets the message without "; use ... instead". A miniport has no business
 * registering a registry callback. */
#include <ntddk.h>
#include <storport.h>

NTSTATUS bad_registry_callback(PEX_CALLBACK_FUNCTION fn, PCUNICODE_STRING altitude, PDRIVER_OBJECT driver,
			       PLARGE_INTEGER cookie)
{
	return CmRegisterCallbackEx(fn, altitude, driver, NULL, cookie, NULL); // expected-error{{'CmRegisterCallbackEx' must not be called by a Storport miniport (HwStorPortProhibitedDDIs) [storport-prohibited-ddi]}}
}
