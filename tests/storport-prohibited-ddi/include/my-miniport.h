/* A driver's own header that pulls in storport.h: a file that includes it is
 * a Storport miniport even though it never names storport.h itself. */
#ifndef MY_MINIPORT_H
#define MY_MINIPORT_H

#include <ntddk.h>
#include <storport.h>

typedef struct _MY_ADAPTER {
	PVOID registers;
	ULONG outstanding;
} MY_ADAPTER, *PMY_ADAPTER;

#endif
