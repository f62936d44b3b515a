/* Error messages on standard error, safe to print whatever they quote. */
#ifndef RNNSTEP_APP_REPORT_H
#define RNNSTEP_APP_REPORT_H

#include <stddef.h>

/* Copies s into out (always NUL-terminated) with control characters and bytes
 * that are not UTF-8 written as \n, \t, \r or \xNN. A file name, option value,
 * recorded line or text character with a newline or an escape sequence then
 * can neither split a message nor reach the terminal. */
void quote_controls(const char *s, char *out, size_t cap);

/* Writes "rnnstep: " and the formatted message, quoted, as one line. */
void report_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
