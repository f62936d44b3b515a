/* Outputs against inputs, compared as files (device and inode, or directory
 * and name for a file not yet created), not as spellings. */
#include "outputs.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "rnnstep/atomic_file.h"

struct named_file {
    const char *option, *path;
    bool output;
    struct rnn_file_id id;
    bool known;
};

/* Continuing training in place (--init P --save P) is the one overlap that loses nothing. */
static bool allowed_overlap(const struct named_file *a, const struct named_file *b)
{
    return (strcmp(a->option, "save") == 0 && strcmp(b->option, "init") == 0) ||
           (strcmp(a->option, "init") == 0 && strcmp(b->option, "save") == 0);
}

static int clash(const struct named_file *out, const struct named_file *other, char *err,
                 size_t cap)
{
    if (strcmp(out->path, "-") == 0 && strcmp(other->path, "-") == 0)
        snprintf(err, cap, "--%s - and --%s -: both would write to standard output", out->option,
                 other->option);
    else if (other->output)
        snprintf(err, cap, "--%s %s and --%s %s are the same file", other->option, other->path,
                 out->option, out->path);
    else
        snprintf(err, cap, "--%s %s would overwrite the --%s input", out->option, out->path,
                 other->option);
    return -1;
}

int outputs_check(const struct options *o, const char *save, char *err, size_t errcap)
{
    struct named_file files[] = {
        {.option = "text-file", .path = o->text_file},
        {.option = "init", .path = o->init},
        {.option = "replay", .path = o->replay},
        {.option = "save", .path = save, .output = true},
        {.option = "trace", .path = o->trace, .output = true},
        {.option = "record", .path = o->record, .output = true},
        {.option = "worksheet", .path = o->worksheet, .output = true},
    };
    size_t n = sizeof files / sizeof files[0];
    bool visualiser = !o->batch && !o->gradcheck && !o->worksheet;
    for (size_t i = 0; i < n; i++) {
        files[i].known =
            files[i].path && rnn_file_identify(files[i].path, files[i].output, &files[i].id);
        if (visualiser && files[i].output && files[i].path && rnn_output_is_stdout(files[i].path)) {
            snprintf(err, errcap, "--%s %s: standard output is the visualiser's screen",
                     files[i].option, files[i].path);
            return -1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!files[i].known || !files[i].output)
            continue;
        for (size_t j = 0; j < n; j++)
            if (j != i && files[j].known && (!files[j].output || j < i) &&
                rnn_file_same(&files[i].id, &files[j].id) && !allowed_overlap(&files[i], &files[j]))
                return clash(&files[i], &files[j], err, errcap);
    }
    return 0;
}
