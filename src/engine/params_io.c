/* Parameter files through jansson. Every check names the JSON place it
 * failed at, so a user editing hello.json by hand finds the mistake. */
#include "rnnstep/params_io.h"

#include "rnnstep/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Hidden 1024 with 256 characters saves to about 50 MB. */
#define RNN_PARAMS_MAX_BYTES ((size_t)128 << 20)

static int fail(char *err, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, cap, fmt, ap);
    va_end(ap);
    return -1;
}

static int read_int(json_t *root, const char *key, long long *out, char *err, size_t cap)
{
    json_t *v = json_object_get(root, key);
    if (!v)
        return fail(err, cap, "missing key \"%s\"", key);
    if (!json_is_integer(v))
        return fail(err, cap, "\"%s\": expected an integer", key);
    *out = json_integer_value(v);
    return 0;
}

static int read_vocab(json_t *root, struct rnn_vocab *vocab, char *err, size_t cap)
{
    json_t *v = json_object_get(root, "vocab");
    if (!v)
        return fail(err, cap, "missing key \"vocab\"");
    if (!json_is_string(v))
        return fail(err, cap, "\"vocab\": expected a string");
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    struct rnn_text_error terr;
    if (rnn_vocab_from_utf8(s, len, vocab, &terr) != RNN_TEXT_OK) {
        char why[160];
        rnn_text_error_describe(&terr, why, sizeof why);
        return fail(err, cap, "\"vocab\": %s", why);
    }
    /* rnn_vocab_from_utf8 merges repeats; a repeat in a file is a mistake. */
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    if (chars != (size_t)vocab->size)
        return fail(err, cap, "\"vocab\": repeated character");
    if (vocab->size == 0)
        return fail(err, cap, "\"vocab\": empty");
    return 0;
}

static int read_number(json_t *v, double *out, char *err, size_t cap, const char *place)
{
    if (!json_is_number(v))
        return fail(err, cap, "%s: expected a number", place);
    double d = json_number_value(v);
    if (!isfinite(d))
        return fail(err, cap, "%s: not a finite number", place);
    *out = d;
    return 0;
}

static int read_array(json_t *a, size_t n, const char *place, char *err, size_t cap)
{
    if (!json_is_array(a))
        return fail(err, cap, "%s: expected an array", place);
    if (json_array_size(a) != n)
        return fail(err, cap, "%s: expected %zu entries, found %zu", place, n, json_array_size(a));
    return 0;
}

/* Reads a matrix (list of rows) or, for cols == 0, a vector. */
static int read_param(json_t *root, enum rnn_param_id id, int rows, int cols, double *dst,
                      char *err, size_t cap)
{
    const char *name = rnn_param_name(id);
    json_t *v = json_object_get(root, name);
    if (!v)
        return fail(err, cap, "missing key \"%s\"", name);
    if (read_array(v, (size_t)rows, name, err, cap))
        return -1;
    char place[64];
    for (int r = 0; r < rows; r++) {
        json_t *row = json_array_get(v, (size_t)r);
        if (cols == 0) {
            snprintf(place, sizeof place, "%s[%d]", name, r);
            if (read_number(row, &dst[r], err, cap, place))
                return -1;
            continue;
        }
        snprintf(place, sizeof place, "%s[%d]", name, r);
        if (read_array(row, (size_t)cols, place, err, cap))
            return -1;
        for (int c = 0; c < cols; c++) {
            snprintf(place, sizeof place, "%s[%d][%d]", name, r, c);
            if (read_number(json_array_get(row, (size_t)c), &dst[(size_t)r * cols + c], err, cap,
                            place))
                return -1;
        }
    }
    return 0;
}

static int parse_root(json_t *root, struct rnn_params *out, char *err, size_t cap)
{
    if (!json_is_object(root))
        return fail(err, cap, "top level: expected a JSON object");
    json_t *fmt = json_object_get(root, "format");
    if (!fmt || !json_is_string(fmt) || strcmp(json_string_value(fmt), RNN_PARAMS_FORMAT) != 0)
        return fail(err, cap, "\"format\": expected \"%s\"", RNN_PARAMS_FORMAT);
    long long version = 0, hidden = 0; /* set by read_int on success */
    if (read_int(root, "version", &version, err, cap))
        return -1;
    if (version != RNN_PARAMS_VERSION)
        return fail(err, cap, "\"version\": %lld is not supported (expected %d)", version,
                    RNN_PARAMS_VERSION);
    if (read_vocab(root, &out->vocab, err, cap) || read_int(root, "hidden", &hidden, err, cap))
        return -1;
    if (hidden < 1 || hidden > RNN_HIDDEN_MAX)
        return fail(err, cap, "\"hidden\": %lld is out of range 1..%d", hidden, RNN_HIDDEN_MAX);
    out->shape = (struct rnn_shape){(int)hidden, out->vocab.size};
    out->theta = malloc(rnn_param_count(out->shape) * sizeof(double));
    if (!out->theta)
        return fail(err, cap, "out of memory");
    for (int id = 0; id < RNN_P_COUNT; id++) {
        int rows, cols;
        rnn_param_dims(out->shape, (enum rnn_param_id)id, &rows, &cols);
        bool vector = id == RNN_P_B || id == RNN_P_C;
        double *dst = out->theta + rnn_param_offset(out->shape, (enum rnn_param_id)id);
        if (read_param(root, (enum rnn_param_id)id, rows, vector ? 0 : cols, dst, err, cap))
            return -1;
    }
    return 0;
}

/* jansson's message, in the user's terms where jansson speaks of itself
 * (its flag names) or has no place to give (out of memory: line -1). */
static int parse_error(const json_error_t *jerr, char *err, size_t cap)
{
    switch (json_error_code(jerr)) {
    case json_error_out_of_memory: return fail(err, cap, "out of memory while reading the file");
    case json_error_null_character:
        return fail(err, cap,
                    "line %d, column %d: a string holds \\u0000 (NUL), which is not allowed",
                    jerr->line, jerr->column);
    default: break;
    }
    if (jerr->line < 0)
        return fail(err, cap, "%s", jerr->text);
    return fail(err, cap, "line %d, column %d: %s", jerr->line, jerr->column, jerr->text);
}

int rnn_params_parse(const char *buf, size_t len, struct rnn_params *out, char *err, size_t errcap)
{
    memset(out, 0, sizeof *out);
    json_error_t jerr;
    json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return parse_error(&jerr, err, errcap);
    int rc = parse_root(root, out, err, errcap);
    json_decref(root);
    if (rc)
        rnn_params_free(out);
    return rc;
}

static int read_exactly(int fd, char *buf, size_t size, char *err, size_t cap)
{
    for (size_t n = 0; n < size;) {
        ssize_t got = read(fd, buf + n, size - n);
        if (got <= 0) /* 0: the file shrank while we read it */
            return fail(err, cap, "read failed: %s",
                        got ? strerror(errno) : "the file changed size");
        n += (size_t)got;
    }
    return 0;
}

/* The whole file in memory. Only a regular file: a FIFO would block (hence
 * O_NONBLOCK) and a directory would read as an empty document. */
static char *read_whole_file(const char *path, size_t *len, char *err, size_t cap)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0) {
        fail(err, cap, "%s", strerror(errno));
        return NULL;
    }
    struct stat st;
    char *buf = NULL;
    if (fstat(fd, &st) != 0)
        fail(err, cap, "%s", strerror(errno));
    else if (!S_ISREG(st.st_mode))
        fail(err, cap, "%s", S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
    else if ((unsigned long long)st.st_size > RNN_PARAMS_MAX_BYTES)
        fail(err, cap, "%lld bytes is over the %d MB limit for a parameter file",
             (long long)st.st_size, (int)(RNN_PARAMS_MAX_BYTES >> 20));
    else if (!(buf = malloc((size_t)st.st_size + 1)))
        fail(err, cap, "out of memory");
    if (buf && read_exactly(fd, buf, (size_t)st.st_size, err, cap) != 0) {
        free(buf);
        buf = NULL;
    }
    close(fd);
    *len = buf ? (size_t)st.st_size : 0;
    return buf;
}

int rnn_params_load(const char *path, struct rnn_params *out, char *err, size_t errcap)
{
    memset(out, 0, sizeof *out);
    size_t len;
    char *buf = read_whole_file(path, &len, err, errcap);
    if (!buf)
        return -1;
    int rc = rnn_params_parse(buf, len, out, err, errcap);
    free(buf);
    return rc;
}

void rnn_params_free(struct rnn_params *p)
{
    free(p->theta);
    p->theta = NULL;
}

static json_t *build_param(struct rnn_shape s, enum rnn_param_id id, const double *theta)
{
    int rows, cols;
    rnn_param_dims(s, id, &rows, &cols);
    const double *src = theta + rnn_param_offset(s, id);
    bool vector = id == RNN_P_B || id == RNN_P_C;
    json_t *arr = json_array();
    for (int r = 0; r < rows; r++) {
        if (vector) {
            json_array_append_new(arr, json_real(src[r]));
            continue;
        }
        json_t *row = json_array();
        for (int c = 0; c < cols; c++)
            json_array_append_new(row, json_real(src[(size_t)r * cols + c]));
        json_array_append_new(arr, row);
    }
    return arr;
}

static json_t *build_document(const struct rnn_vocab *vocab, struct rnn_shape s,
                              const double *theta)
{
    char chars[RNN_VOCAB_MAX * 4 + 1];
    rnn_vocab_to_utf8(vocab, chars, sizeof chars);
    json_t *root = json_object();
    json_object_set_new(root, "format", json_string(RNN_PARAMS_FORMAT));
    json_object_set_new(root, "version", json_integer(RNN_PARAMS_VERSION));
    json_object_set_new(root, "vocab", json_string(chars));
    json_object_set_new(root, "hidden", json_integer(s.hidden));
    for (int id = 0; id < RNN_P_COUNT; id++)
        json_object_set_new(root, rnn_param_name((enum rnn_param_id)id),
                            build_param(s, (enum rnn_param_id)id, theta));
    return root;
}

int rnn_params_save(const char *path, const struct rnn_vocab *vocab, struct rnn_shape s,
                    const double *theta, char *err, size_t errcap)
{
    size_t n = rnn_param_count(s);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(theta[i]))
            return fail(err, errcap, "parameters are not finite (nan or inf); not saved");
    json_t *root = build_document(vocab, s, theta);
    char *text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
    json_decref(root);
    if (!text)
        return fail(err, errcap, "out of memory");

    struct rnn_atomic_file f;
    int rc = rnn_atomic_open(&f, path, err, errcap);
    if (rc == 0) {
        fputs(text, f.fp);
        fputc('\n', f.fp);
        rc = rnn_atomic_commit(&f, err, errcap);
    }
    free(text);
    return rc;
}
