/* --record FILE / --replay FILE: a line-based text file, a header naming the
 * session's settings with a fingerprint of everything that decides the
 * numbers (text, initial parameters, shape, training settings) and the same
 * settings as a lesson's setting lines (so a recording is a lesson), then one
 * event per line: a key code, or "tick" for an autoplay tick. Replaying with
 * the same settings and terminal size gives the same screens. A hand-written
 * "screen" line writes the screen at that point (dump.h: golden tests). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "app/lesson.h"
#include "record_parse.h"
#include "rnnstep/atomic_file.h"
#include "teach.h"

struct fnv {
    uint64_t h;
};

static void fnv_bytes(struct fnv *f, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        f->h = (f->h ^ b[i]) * 0x100000001b3ull;
}

/* Everything that decides what the screens show, hashed. */
static uint64_t fingerprint(const struct session *s)
{
    struct fnv f = {0xcbf29ce484222325ull};
    const struct rnn_settings *st = &s->cfg.settings;
    int ints[] = {s->cfg.shape.hidden, s->cfg.shape.vocab, s->cfg.seq_len, (int)st->optimizer,
                  s->corpus};
    double reals[] = {st->lr, st->clip, st->explode_factor};
    fnv_bytes(&f, ints, sizeof ints);
    fnv_bytes(&f, reals, sizeof reals);
    /* The BPTT lab's settings only when on, so older recordings still match. */
    if (st->truncate || st->bug || st->clip_norm > 0) {
        int lab_ints[] = {st->truncate, (int)st->bug};
        fnv_bytes(&f, lab_ints, sizeof lab_ints);
        fnv_bytes(&f, &st->clip_norm, sizeof st->clip_norm);
    }
    fnv_bytes(&f, s->vocab.chars, sizeof(uint32_t) * (size_t)s->vocab.size);
    fnv_bytes(&f, s->text.ids, s->text.len);
    fnv_bytes(&f, s->theta0, sizeof(double) * rnn_param_count(s->cfg.shape));
    return f.h;
}

#define PREVIEW_CHARS 24

/* The text's first characters in quotes, on one line: the settings line
 * says which text this was even when it came from --text. */
static void preview_text(const struct session *s, char *buf, size_t cap)
{
    size_t n = s->text.len < PREVIEW_CHARS ? s->text.len : PREVIEW_CHARS, at = 0;
    buf[at++] = '"';
    for (size_t i = 0; i < n && at + 8 < cap; i++) {
        uint32_t cp = s->vocab.chars[s->text.ids[i]];
        if (cp == '\n' || cp == '"' || cp == '\\') {
            buf[at++] = '\\';
            cp = cp == '\n' ? 'n' : cp;
        }
        at += rnn_utf8_encode_one(cp, buf + at);
    }
    snprintf(buf + at, cap - at, "%s\"", n < s->text.len ? "..." : "");
}

static void describe(const struct session *s, char *buf, size_t cap)
{
    const struct rnn_settings *st = &s->cfg.settings;
    char text[PREVIEW_CHARS * 8 + 8];
    preview_text(s, text, sizeof text);
    snprintf(buf, cap, "%s %s, hidden %d, %s lr %g, clip %g, %s", s->text_desc, text,
             s->cfg.shape.hidden, rnn_optimizer_name(st->optimizer), st->lr, st->clip,
             s->init_desc);
}

/* Written atomically: an existing file stays as it was until the session
 * ends and the recording is complete (a FIFO or a device is refused). */
static int start_recording(struct tui *t, const char *path, char *err, size_t cap)
{
    struct teach_record *r = &t->teach->rec;
    char why[256];
    if (rnn_atomic_open(&r->file, path, why, sizeof why) != 0) {
        snprintf(err, cap, "--record %s: %s", path, why);
        return -1;
    }
    r->out = r->file.fp;
    char desc[320];
    describe(t->s, desc, sizeof desc);
    fprintf(r->out, "%s\nsettings %s\nfingerprint %016" PRIx64 "\n", RECORD_MAGIC, desc,
            fingerprint(t->s));
    /* The settings again as lesson lines: --lesson FILE replays the session
     * whatever options it is started with. */
    lesson_write_settings(r->out, t->s, t->o);
    fputs("keys\n", r->out);
    fflush(r->out);
    return 0;
}

/* Only a regular file: a FIFO with no writer would block the blank screen
 * forever (hence O_NONBLOCK), a directory reads as nothing. */
static FILE *open_replay(const char *path, char *err, size_t cap)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    struct stat st;
    const char *why = NULL;
    if (fd < 0 || fstat(fd, &st) != 0)
        why = strerror(errno);
    else if (!S_ISREG(st.st_mode))
        why = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
    FILE *fp = why ? NULL : fdopen(fd, "r");
    if (!fp) {
        snprintf(err, cap, "--replay %s: %s", path, why ? why : strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    return fp;
}

static int start_replay(struct tui *t, const char *path, char *err, size_t cap)
{
    struct teach_record *r = &t->teach->rec;
    FILE *fp = open_replay(path, err, cap);
    if (!fp)
        return -1;
    struct record_parsed parsed;
    char why[480];
    int rc = -1;
    if (record_parse(fp, &parsed, why, sizeof why) != 0)
        snprintf(err, cap, "--replay %s: %s", path, why);
    else if (parsed.fingerprint != fingerprint(t->s))
        snprintf(err, cap, "--replay %s: recorded with other settings (%s); start with those", path,
                 parsed.settings);
    else
        rc = 0;
    fclose(fp);
    if (rc) {
        free(parsed.keys);
        return -1;
    }
    r->keys = parsed.keys;
    r->nkeys = parsed.nkeys;
    /* The q that ended the recording is not part of what was shown: played,
     * it would end the program on the lecturer's last key press, under the
     * screen being presented. The replay stops before it and says so; q
     * then quits as always. (q cannot occur earlier: it quits at once.) */
    if (r->nkeys > 0 && r->keys[r->nkeys - 1] == 'q')
        r->nkeys--;
    r->replaying = r->nkeys > 0;
    if (!r->replaying)
        tui_say(t, false, "the recording holds no events: keys work normally");
    return 0;
}

int record_open(struct tui *t, char *err, size_t errcap)
{
    t->teach->rec.path = t->o->record;
    if (t->o->record)
        return start_recording(t, t->o->record, err, errcap);
    if (t->o->replay)
        return start_replay(t, t->o->replay, err, errcap);
    return 0;
}

int record_close(struct teach_record *r, char *err, size_t errcap)
{
    int rc = 0;
    char why[256];
    if (r->out && rnn_atomic_commit(&r->file, why, sizeof why) != 0) {
        snprintf(err, errcap, "--record %s: %s", r->path, why);
        rc = -1;
    }
    free(r->keys);
    memset(r, 0, sizeof *r);
    return rc;
}

void record_event(struct teach_record *r, int key)
{
    if (!r->out)
        return;
    if (key == RECORD_TICK)
        fputs("tick\n", r->out);
    else
        fprintf(r->out, "%d\n", key);
    fflush(r->out); /* a session that dies keeps what it recorded */
}

int record_next(struct teach_record *r)
{
    int key = r->keys[r->next++];
    r->replaying = r->next < r->nkeys;
    return key;
}
