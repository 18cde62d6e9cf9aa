/* tuinfo.h - the frontend's private side of fe_find_macro / fe_inclusions:
 * the per-TU macro table that backs them. */
#ifndef FE_TUINFO_H
#define FE_TUINFO_H

struct fe_macros;

/* A new empty table owned by the caller (free with fe_macros_free), or NULL. */
struct fe_macros *fe_macros_new(void);
void fe_macros_free(struct fe_macros *m);

#endif
