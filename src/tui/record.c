/* --record FILE / --replay FILE: a line-based text file, a header naming the
 * session's settings with a fingerprint of everything that decides the
 * numbers (text, initial parameters, shape, training settings), then one
 * event per line: a key code, or "tick" for an autoplay tick. Replaying with
 * the same settings and terminal size gives the same screens. A hand-written
 * "screen" line writes the screen at that point (dump.h: golden tests). */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "teach.h"

#define RECORD_MAGIC "rnnstep-record 1"
#define RECORD_KEYS_MAX 1000000

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

static int start_recording(struct tui *t, const char *path, char *err, size_t cap)
{
    struct teach_record *r = &t->teach->rec;
    if (!(r->out = fopen(path, "w"))) {
        snprintf(err, cap, "--record %s: %s", path, strerror(errno));
        return -1;
    }
    char desc[320];
    describe(t->s, desc, sizeof desc);
    fprintf(r->out, "%s\nsettings %s\nfingerprint %016" PRIx64 "\nkeys\n", RECORD_MAGIC, desc,
            fingerprint(t->s));
    fflush(r->out);
    return 0;
}

/* Reads the header lines; false with err set when they do not fit this session. */
static bool read_header(FILE *fp, const struct session *s, const char *path, char *err, size_t cap)
{
    char line[512], settings[400] = "";
    uint64_t fp_file = 0;
    if (!fgets(line, sizeof line, fp) || strncmp(line, RECORD_MAGIC, strlen(RECORD_MAGIC)) != 0) {
        snprintf(err, cap, "--replay %s: not an rnnstep recording", path);
        return false;
    }
    while (fgets(line, sizeof line, fp) && strcmp(line, "keys\n") != 0) {
        if (strncmp(line, "settings ", 9) == 0)
            snprintf(settings, sizeof settings, "%.*s", (int)strcspn(line + 9, "\n"), line + 9);
        else
            sscanf(line, "fingerprint %" SCNx64, &fp_file);
    }
    if (fp_file != fingerprint(s)) {
        snprintf(err, cap, "--replay %s: recorded with other settings (%s); start with those", path,
                 settings);
        return false;
    }
    return true;
}

static int start_replay(struct tui *t, const char *path, char *err, size_t cap)
{
    struct teach_record *r = &t->teach->rec;
    FILE *fp = fopen(path, "r");
    if (!fp) {
        snprintf(err, cap, "--replay %s: %s", path, strerror(errno));
        return -1;
    }
    int rc = -1;
    char line[64];
    if (!read_header(fp, t->s, path, err, cap))
        goto out;
    r->keys = malloc(sizeof(int) * RECORD_KEYS_MAX);
    if (!r->keys) {
        snprintf(err, cap, "--replay %s: out of memory", path);
        goto out;
    }
    while (r->nkeys < RECORD_KEYS_MAX && fgets(line, sizeof line, fp)) {
        char *end;
        long k = strtol(line, &end, 10);
        if (strcmp(line, "tick\n") == 0)
            r->keys[r->nkeys++] = RECORD_TICK;
        else if (strcmp(line, "screen\n") == 0)
            r->keys[r->nkeys++] = RECORD_SCREEN;
        else if (end != line && (*end == '\n' || *end == '\0') && k >= 0 && k < 01000)
            r->keys[r->nkeys++] = (int)k;
        else {
            snprintf(err, cap, "--replay %s: bad event line %zu", path, r->nkeys + 1);
            goto out;
        }
    }
    r->replaying = true;
    rc = 0;
out:
    fclose(fp);
    return rc;
}

int record_open(struct tui *t, char *err, size_t errcap)
{
    if (t->o->record)
        return start_recording(t, t->o->record, err, errcap);
    if (t->o->replay)
        return start_replay(t, t->o->replay, err, errcap);
    return 0;
}

void record_close(struct teach_record *r)
{
    if (r->out)
        fclose(r->out);
    free(r->keys);
    memset(r, 0, sizeof *r);
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

bool record_next(struct teach_record *r, int *key)
{
    if (r->next >= r->nkeys) {
        r->replaying = false;
        return false;
    }
    *key = r->keys[r->next++];
    return true;
}
