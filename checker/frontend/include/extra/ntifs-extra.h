/* extra/ntifs-extra.h - ntifs.h declarations that mingw-w64 lacks.
 *
 * Included by shadow/ntifs.h after the real ntifs.h.  Not used with --wdk.
 * Known gap, not fixable here: mingw's FSRTL_ADVANCED_FCB_HEADER
 * (ntifs.h:6202) predates the Oplock member, so file systems that use
 * AdvancedFcbHeader.Oplock (fastfat, cdfs) keep an error per use; changing
 * the struct would break mingw's own prototypes that take it. */
/* Never with a real WDK, which declares all of this itself. */
#if !defined(DDILINT_NTIFS_EXTRA_H) && !defined(DDILINT_WDK)
#define DDILINT_NTIFS_EXTRA_H

#pragma clang system_header

#ifdef __cplusplus
extern "C" {
#endif

/* ntifs.h:4577, nc-ntifs-driver_fs_notification */
typedef VOID NTAPI DRIVER_FS_NOTIFICATION(PDEVICE_OBJECT DeviceObject, BOOLEAN FsActive);

/* nf-ntifs-fsrtlgetsectorsizeinformation (Windows 8) */
NTKERNELAPI NTSTATUS NTAPI FsRtlGetSectorSizeInformation(PDEVICE_OBJECT DeviceObject,
	PFILE_FS_SECTOR_SIZE_INFORMATION SectorSizeInfo);

#ifdef __cplusplus
}
#endif

#endif /* DDILINT_NTIFS_EXTRA_H */
