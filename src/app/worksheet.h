/* --worksheet FILE: the worked-example document for the session's
 * configuration, as Markdown with LaTeX math, every number read from the
 * engine as it steps (never recomputed here). */
#ifndef RNNSTEP_APP_WORKSHEET_H
#define RNNSTEP_APP_WORKSHEET_H

#include <stddef.h>

#include "options.h"
#include "session.h"

/* Largest configuration whose every step is still legible on a page. */
#define WORKSHEET_TEXT_MAX 40
#define WORKSHEET_HIDDEN_MAX 8
#define WORKSHEET_VOCAB_MAX 12
#define WORKSHEET_DECIMALS_DEFAULT 4
#define WORKSHEET_DECIMALS_MAX 12

/* Refuses sizes the document cannot show legibly; one line into err. */
int worksheet_check(const struct session *s, char *err, size_t errcap);

/* Trains the session's engine through one epoch (and on to the later epochs
 * chosen by --epochs) and writes the document atomically to o->worksheet.
 * Returns the exit status; the message (rnnstep: ...) goes to stderr. */
int worksheet_write(struct session *s, const struct options *o);

#endif
