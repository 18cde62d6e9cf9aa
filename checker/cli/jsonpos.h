/* jsonpos.h - the line of a value inside JSON text, for error messages
 * (cJSON keeps no positions). */
#ifndef CLI_JSONPOS_H
#define CLI_JSONPOS_H

/* The 1-based line where the value at PATH starts in TEXT (valid JSON).
 * PATH holds N_PATH steps: an object key, or "#<index>" for an array
 * element. Returns 0 when the path is not there. */
unsigned cli_json_line(const char *text, const char *const *path, unsigned n_path);

/* The 1-based line of byte position AT in TEXT. */
unsigned cli_text_line(const char *text, const char *at);

#endif
