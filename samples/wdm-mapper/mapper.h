/* mapper.h - the interface of the wdm-mapper sample driver: device names and
 * I/O control codes, shared with its (imaginary) user-mode client. */
#ifndef MAPPER_H
#define MAPPER_H

#define MAPPER_DEVICE_NAME L"\\Device\\WdmMapper"
#define MAPPER_LINK_NAME   L"\\DosDevices\\WdmMapper"

/* Map the driver's shared buffer into the caller's address space.
 * Output: a MAPPER_VIEW. */
#define IOCTL_MAPPER_MAP_SHARED \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* Load a MAPPER_CONFIG from the caller's buffer (passed as is). */
#define IOCTL_MAPPER_SET_CONFIG \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_NEITHER, FILE_ANY_ACCESS)

/* Copy the shared buffer into the caller's output buffer. */
#define IOCTL_MAPPER_READ_SHARED \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x802, METHOD_OUT_DIRECT, FILE_ANY_ACCESS)

/* Copy the caller's input buffer into the shared buffer. */
#define IOCTL_MAPPER_WRITE_SHARED \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x803, METHOD_IN_DIRECT, FILE_ANY_ACCESS)

#define MAPPER_SHARED_SIZE 4096

typedef struct _MAPPER_VIEW {
	PVOID address;
	ULONG length;
} MAPPER_VIEW, *PMAPPER_VIEW;

/* MAPPER_CONFIG.flags */
#define MAPPER_CONFIG_REFRESH 0x1  /* refill the shared buffer once a second */

typedef struct _MAPPER_CONFIG {
	ULONG fill_byte;
	ULONG flags;
} MAPPER_CONFIG, *PMAPPER_CONFIG;

#endif
