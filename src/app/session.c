/* Session set-up: reads the text (decoded once into indices),
 * chooses the initial parameters and creates the engine. */
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rnnstep/params_io.h"

/* The UTF-8 bytes of the text: read from the file (buf owned) or given. */
struct text_bytes {
    const char *buf;
    size_t len;
    char *owned;
};

/* Reads to the end of the file, at most max + 1 bytes (one more than allowed
 * says it is too big). Reading rather than mapping: a mapped file that shrinks
 * kills the process with SIGBUS, and /proc files report a size of 0. */
static ssize_t read_up_to(int fd, char *buf, size_t max)
{
    size_t n = 0;
    while (n <= max) {
        ssize_t got = read(fd, buf + n, max + 1 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            break;
        n += (size_t)got;
    }
    return (ssize_t)n;
}

static int file_error(const char *path, const char *why, char *err, size_t cap)
{
    snprintf(err, cap, "%s: %s", path, why);
    return -1;
}

/* The size is known before reading (a regular file's, or the limit for one
 * that reports 0, as /proc files do); a different count read means the file
 * changed under us, which is an error rather than half a text. */
static int read_text_file(const char *path, struct text_bytes *tb, char *err, size_t cap)
{
    memset(tb, 0, sizeof *tb);
    int fd = open(path, O_RDONLY | O_NONBLOCK); /* a FIFO must not block us */
    if (fd < 0)
        return file_error(path, strerror(errno), err, cap);
    struct stat st;
    int rc = -1;
    if (fstat(fd, &st) != 0) {
        file_error(path, strerror(errno), err, cap);
    } else if (!S_ISREG(st.st_mode)) {
        file_error(path, "not a regular file", err, cap);
    } else if ((size_t)st.st_size > TEXT_FILE_MAX_BYTES) {
        snprintf(err, cap, "%s: %lld bytes is over the 100 MB limit", path, (long long)st.st_size);
    } else {
        size_t max = st.st_size ? (size_t)st.st_size : TEXT_FILE_MAX_BYTES;
        ssize_t got = -1;
        if (!(tb->owned = malloc(max + 1)))
            file_error(path, "out of memory", err, cap);
        else if ((got = read_up_to(fd, tb->owned, max)) < 0)
            file_error(path, strerror(errno), err, cap);
        else if (got == 0)
            file_error(path, "the file is empty", err, cap);
        else if ((size_t)got > max && !st.st_size)
            snprintf(err, cap, "%s: over the 100 MB limit", path);
        else if (st.st_size && (size_t)got != (size_t)st.st_size)
            file_error(path, "the file changed size while it was read", err, cap);
        else
            rc = 0;
        tb->buf = tb->owned;
        tb->len = got > 0 ? (size_t)got : 0;
    }
    close(fd);
    if (rc)
        free(tb->owned);
    return rc;
}

static int text_error(const char *what, const struct rnn_text_error *te, char *err, size_t cap)
{
    char why[200];
    rnn_text_error_describe(te, why, sizeof why);
    snprintf(err, cap, "%s: %s", what, why);
    return -1;
}

/* The initial parameters: --init file, else the worked example for "hello"
 * with hidden size 1 (unless --seed asks for random ones), else random. */
static int choose_params(struct session *s, const struct options *o, const struct text_bytes *tb,
                         char *err, size_t cap)
{
    if (o->init) {
        struct rnn_params p;
        char why[256];
        if (rnn_params_load(o->init, &p, why, sizeof why) != 0) {
            snprintf(err, cap, "%s: %s", o->init, why);
            return -1;
        }
        if (o->hidden_set && o->hidden != p.shape.hidden) {
            snprintf(err, cap, "--hidden %d, but %s has hidden size %d", o->hidden, o->init,
                     p.shape.hidden);
            rnn_params_free(&p);
            return -1;
        }
        s->vocab = p.vocab;
        s->cfg.shape = p.shape;
        s->theta0 = p.theta;
        snprintf(s->init_desc, sizeof s->init_desc, "file %s", o->init);
        return 0;
    }
    struct rnn_text_error te;
    if (rnn_vocab_from_utf8(tb->buf, tb->len, &s->vocab, &te) != RNN_TEXT_OK)
        return text_error(s->text_desc, &te, err, cap);
    s->cfg.shape = (struct rnn_shape){o->hidden, s->vocab.size};
    s->theta0 = malloc(rnn_param_count(s->cfg.shape) * sizeof(double));
    if (!s->theta0) {
        snprintf(err, cap, "out of memory");
        return -1;
    }
    bool hello = !o->text_file && tb->len == 5 && memcmp(tb->buf, "hello", 5) == 0;
    s->example = hello && o->hidden == 1;
    if (s->example && !o->seed_set) {
        rnn_init_hello(s->theta0);
        snprintf(s->init_desc, sizeof s->init_desc, "worked example");
    } else {
        rnn_init_random(s->cfg.shape, o->seed, s->theta0);
        snprintf(s->init_desc, sizeof s->init_desc, "random, seed %llu",
                 (unsigned long long)o->seed);
    }
    return 0;
}

static int encode_text(struct session *s, const struct options *o, const struct text_bytes *tb,
                       char *err, size_t cap)
{
    struct rnn_text_error te;
    if (rnn_text_encode(tb->buf, tb->len, &s->vocab, &s->text, &te) != RNN_TEXT_OK) {
        if (te.status == RNN_TEXT_NOT_IN_VOCAB && o->init) {
            char ch[5] = {0};
            rnn_utf8_encode_one(te.codepoint, ch);
            snprintf(err, cap, "%s: \"vocab\": the text's character '%s' (U+%04X) is missing",
                     o->init, ch, (unsigned)te.codepoint);
            return -1;
        }
        return text_error(s->text_desc, &te, err, cap);
    }
    if (!s->corpus && s->text.len > WHOLE_TEXT_MAX) {
        snprintf(err, cap,
                 "%s: %zu characters is over the whole-text limit of %d; use --seq-length N "
                 "for corpus mode",
                 s->text_desc, s->text.len, WHOLE_TEXT_MAX);
        return -1;
    }
    if (s->corpus && (size_t)o->seq_length > s->text.len - 1) {
        /* A window of T inputs also reads the target after its last one. */
        snprintf(err, cap,
                 "--seq-length %d needs %lld characters (each input and the one after it); "
                 "the text has %zu, so at most %zu",
                 o->seq_length, (long long)o->seq_length + 1, s->text.len, s->text.len - 1);
        return -1;
    }
    return 0;
}

int session_open(struct session *s, const struct options *o, char *err, size_t errcap)
{
    memset(s, 0, sizeof *s);
    s->corpus = o->seq_length > 0;
    struct text_bytes tb = {0};
    if (o->text_file) {
        if (read_text_file(o->text_file, &tb, err, errcap))
            return -1;
        snprintf(s->text_desc, sizeof s->text_desc, "%s", o->text_file);
    } else {
        tb.buf = o->text ? o->text : DEFAULT_TEXT;
        tb.len = strlen(tb.buf);
        snprintf(s->text_desc, sizeof s->text_desc, "--text");
    }
    int rc = choose_params(s, o, &tb, err, errcap);
    if (rc == 0)
        rc = encode_text(s, o, &tb, err, errcap);
    free(tb.owned);
    if (rc) {
        session_close(s); /* what choose_params and encode_text allocated */
        return -1;
    }
    s->cfg.seq_len = s->corpus ? o->seq_length : (int)(s->text.len - 1);
    s->cfg.settings = o->settings;
    s->engine = rnn_engine_create(&s->cfg, &s->text, s->theta0);
    if (!s->engine) {
        snprintf(err, errcap, "out of memory for hidden size %d", s->cfg.shape.hidden);
        session_close(s);
        return -1;
    }
    return 0;
}

void session_close(struct session *s)
{
    rnn_engine_destroy(s->engine);
    rnn_text_free(&s->text);
    free(s->theta0);
    memset(s, 0, sizeof *s);
}

int session_save(const struct session *s, const char *path, char *err, size_t errcap)
{
    struct rnn_view v;
    rnn_engine_view(s->engine, &v);
    char why[256];
    if (rnn_params_save(path, &s->vocab, s->cfg.shape, v.theta.U, why, sizeof why) != 0) {
        snprintf(err, errcap, "%s: %s", path, why);
        return -1;
    }
    return 0;
}

int session_load(struct session *s, const char *path, char *err, size_t errcap)
{
    struct rnn_params p;
    char why[256];
    if (rnn_params_load(path, &p, why, sizeof why) != 0) {
        snprintf(err, errcap, "%s: %s", path, why);
        return -1;
    }
    bool same = p.shape.hidden == s->cfg.shape.hidden && p.vocab.size == s->vocab.size &&
                memcmp(p.vocab.chars, s->vocab.chars, sizeof(uint32_t) * (size_t)p.vocab.size) == 0;
    if (!same) {
        snprintf(err, errcap, "%s: hidden size or vocabulary differs from this session", path);
        rnn_params_free(&p);
        return -1;
    }
    rnn_engine_load_params(s->engine, p.theta);
    memcpy(s->theta0, p.theta, rnn_param_count(p.shape) * sizeof(double));
    rnn_params_free(&p);
    snprintf(s->init_desc, sizeof s->init_desc, "file %s", path);
    return 0;
}

int session_load_example(struct session *s, char *err, size_t errcap)
{
    if (!s->example) {
        snprintf(err, errcap, "the worked example's parameters need the text hello at hidden 1");
        return -1;
    }
    rnn_init_hello(s->theta0);
    rnn_engine_load_params(s->engine, s->theta0);
    snprintf(s->init_desc, sizeof s->init_desc, "worked example");
    return 0;
}
