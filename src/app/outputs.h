/* Output files checked against the inputs and each other before anything is
 * read or written: an output may not destroy an input or another output. */
#ifndef RNNSTEP_APP_OUTPUTS_H
#define RNNSTEP_APP_OUTPUTS_H

#include <stddef.h>

#include "options.h"

/* Checks o's outputs, with save in place of o->save (the visualiser's save
 * prompt passes the name typed). --save over the --init file stays allowed:
 * the file was read whole before anything is saved. One line into err. */
int outputs_check(const struct options *o, const char *save, char *err, size_t errcap);

#endif
