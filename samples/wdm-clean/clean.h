/* clean.h - the interface of the wdm-clean sample driver: device names and
 * I/O control codes, shared with its (imaginary) user-mode client. The same
 * interface as samples/wdm-mapper/mapper.h. */
#ifndef CLEAN_H
#define CLEAN_H

#define CLEAN_DEVICE_NAME L"\\Device\\WdmClean"
#define CLEAN_LINK_NAME   L"\\DosDevices\\WdmClean"

/* Map the driver's shared buffer into the caller's address space.
 * Output: a CLEAN_VIEW. Undone when the caller's handle is cleaned up. */
#define IOCTL_CLEAN_MAP_SHARED \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* Load a CLEAN_CONFIG from the caller's buffer (passed as is). */
#define IOCTL_CLEAN_SET_CONFIG \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_NEITHER, FILE_ANY_ACCESS)

/* Copy the shared buffer into the caller's output buffer. */
#define IOCTL_CLEAN_READ_SHARED \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x802, METHOD_OUT_DIRECT, FILE_ANY_ACCESS)

/* Copy the caller's input buffer into the shared buffer. */
#define IOCTL_CLEAN_WRITE_SHARED \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x803, METHOD_IN_DIRECT, FILE_ANY_ACCESS)

#define CLEAN_SHARED_SIZE 4096

typedef struct _CLEAN_VIEW {
	PVOID address;
	ULONG length;
} CLEAN_VIEW, *PCLEAN_VIEW;

/* CLEAN_CONFIG.flags */
#define CLEAN_CONFIG_REFRESH 0x1  /* refill the shared buffer once a second */

typedef struct _CLEAN_CONFIG {
	ULONG fill_byte;
	ULONG flags;
} CLEAN_CONFIG, *PCLEAN_CONFIG;

#endif
