/* storport-prohibited-ddi: a file that calls StorPortInitialize is a miniport
 * even when it does not include storport.h (here it declares what it needs
 * itself, as a driver split over several files might). */
#include <ntddk.h>

struct _HW_INITIALIZATION_DATA;
ULONG NTAPI StorPortInitialize(PVOID Argument1, PVOID Argument2,
			       struct _HW_INITIALIZATION_DATA *HwInitializationData, PVOID HwContext);

extern struct _HW_INITIALIZATION_DATA *get_init_data(void);

NTSTATUS DriverEntry(PDRIVER_OBJECT driver, PUNICODE_STRING registry)
{
	return (NTSTATUS)StorPortInitialize(driver, registry, get_init_data(), NULL);
}

VOID bad_stall_in_file_without_storport_h(PKSPIN_LOCK lock)
{
	KIRQL old;

	KeAcquireSpinLock(lock, &old); // expected-error{{'KeAcquireSpinLock' must not be called by a Storport miniport}}
	KeReleaseSpinLock(lock, old); // expected-error{{'KeReleaseSpinLock' must not be called by a Storport miniport}}
}
