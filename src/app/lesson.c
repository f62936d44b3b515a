/* The lesson file parser (format in lesson.h). The whole file is read and
 * checked before the screen opens, so every mistake is reported with its
 * line and nothing half-plays. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "lesson.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rnnstep/text.h"
#include "tui/input.h"

#define RECORD_MAGIC "rnnstep-record 1"

/* Keys without a character of their own, as a lesson spells them. The codes
 * are the visualiser's (curses' for the special keys). */
static const struct {
    const char *name;
    int key;
} key_names[] = {
    {"Space", ' '},
    {"Enter", '\n'},
    {"Esc", INPUT_KEY_ESCAPE},
    {"Tab", INPUT_KEY_TAB},
    {"S-Tab", INPUT_KEY_BTAB},
    {"BS", INPUT_KEY_BACKSPACE},
    {"Left", INPUT_KEY_LEFT},
    {"Right", INPUT_KEY_RIGHT},
    {"Up", INPUT_KEY_UP},
    {"Down", INPUT_KEY_DOWN},
    {"PgUp", INPUT_KEY_PPAGE},
    {"PgDn", INPUT_KEY_NPAGE},
    {"F1", INPUT_KEY_F1},
    {"C-u", 21},
    {"lt", '<'},
    {"tick", LESSON_TICK},
};

/* Keys a lesson may not press: they would end or stop the session. */
static const struct {
    int key;
    const char *why;
} refused_keys[] = {
    {'q', "'q' would quit; a lesson cannot end the session (the presenter does)"},
    {3, "Ctrl-C would quit"},
    {26, "Ctrl-Z would suspend the program"},
};

struct parser {
    const char *path;
    char *err;
    size_t errcap;
    int line;
    struct lesson *l;
    struct options *o;
    size_t cap_steps;
    size_t nkeys, cap_keys;
    bool steps_begun;
};

static int fail(struct parser *p, const char *fmt, ...)
{
    char why[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    if (p->line > 0)
        snprintf(p->err, p->errcap, "%s: line %d: %s", p->path, p->line, why);
    else
        snprintf(p->err, p->errcap, "%s: %s", p->path, why);
    return -1;
}

void lesson_key_name(int key, char *buf, size_t cap)
{
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (key_names[i].key == key) {
            snprintf(buf, cap, "<%s>", key_names[i].name);
            return;
        }
    if (key > ' ' && key < 127)
        snprintf(buf, cap, "%c", key);
    else
        snprintf(buf, cap, "key code %d", key);
}

/* ---- reading the file ---------------------------------------------------- */

/* Binary garbage is refused as a whole, not as a line of unknown commands. */
static bool valid_utf8(const char *buf, size_t n, size_t *bad_at)
{
    uint32_t cp;
    for (size_t i = 0, k; i < n; i += k)
        if (!(k = rnn_utf8_decode_one((const unsigned char *)buf + i, n - i, &cp))) {
            *bad_at = i;
            return false;
        }
    return true;
}

static int read_file(struct parser *p, char **out)
{
    /* O_NONBLOCK: a named pipe with no writer must not block the start. */
    int fd = open(p->path, O_RDONLY | O_NONBLOCK);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return fail(p, "%s", strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return fail(p, S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
    }
    FILE *fp = fdopen(fd, "r");
    if (!fp) {
        close(fd);
        return fail(p, "%s", strerror(errno));
    }
    if ((size_t)st.st_size > LESSON_FILE_MAX_BYTES) {
        fclose(fp);
        return fail(p, "%lld bytes is over the 16 MB limit", (long long)st.st_size);
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t n = buf ? fread(buf, 1, (size_t)st.st_size, fp) : 0;
    bool bad = !buf || ferror(fp);
    fclose(fp);
    if (bad) {
        free(buf);
        return fail(p, buf ? "cannot be read" : "out of memory");
    }
    buf[n] = '\0';
    size_t bad_at = n;
    if (strlen(buf) != n) {
        free(buf);
        return fail(p, "holds a NUL byte; a lesson is a text file");
    }
    if (!valid_utf8(buf, n, &bad_at)) {
        free(buf);
        return fail(p, "invalid UTF-8 at byte offset %zu; a lesson is a text file", bad_at);
    }
    *out = buf;
    return 0;
}

/* ---- steps and keys --------------------------------------------------------- */

static struct lesson_step *add_step(struct parser *p, enum lesson_kind kind)
{
    struct lesson *l = p->l;
    if (l->nsteps == p->cap_steps) {
        size_t cap = p->cap_steps ? 2 * p->cap_steps : 64;
        struct lesson_step *s = realloc(l->steps, cap * sizeof *s);
        if (!s)
            return NULL;
        l->steps = s;
        p->cap_steps = cap;
    }
    struct lesson_step *s = &l->steps[l->nsteps++];
    *s = (struct lesson_step){.kind = kind, .line = p->line};
    p->steps_begun = true;
    if (kind == LESSON_PAUSE || kind == LESSON_ASK)
        l->nstops++;
    return s;
}

/* recorded: a recording's event. The session went on after each of those
 * but the last (dropped), so a recorded 'q' was typed into a prompt (a file
 * name), never a quit; the keys that stop the program stay refused. */
static int add_key(struct parser *p, int key, bool recorded)
{
    for (size_t i = 0; i < sizeof refused_keys / sizeof refused_keys[0]; i++)
        if (refused_keys[i].key == key && !(recorded && key == 'q'))
            return fail(p, "%s", refused_keys[i].why);
    if (p->nkeys == p->cap_keys) {
        size_t cap = p->cap_keys ? 2 * p->cap_keys : 256;
        int *k = realloc(p->l->keys, cap * sizeof *k);
        if (!k)
            return fail(p, "out of memory");
        p->l->keys = k;
        p->cap_keys = cap;
    }
    p->l->keys[p->nkeys++] = key;
    return 0;
}

/* Consecutive key lines (a recording has one per key) make one step. Steps
 * hold offsets into the key array until the end: it may still move. */
static int keys_step(struct parser *p)
{
    struct lesson *l = p->l;
    if (l->nsteps > 0 && l->steps[l->nsteps - 1].kind == LESSON_KEYS)
        return 0;
    struct lesson_step *s = add_step(p, LESSON_KEYS);
    if (!s)
        return fail(p, "out of memory");
    s->nkeys = p->nkeys; /* the first key's offset, until lesson_load ends */
    return 0;
}

/* "<Name>" at s; returns its length, or 0 with err set. */
static size_t named_key(struct parser *p, const char *s, int *key)
{
    const char *end = strchr(s, '>');
    if (!end)
        return fail(p, "'<' opens a key name that is not closed ('<lt>' is the '<' key)"), 0;
    size_t len = (size_t)(end - s - 1);
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (strlen(key_names[i].name) == len && strncmp(key_names[i].name, s + 1, len) == 0) {
            *key = key_names[i].key;
            return len + 2;
        }
    fail(p,
         "unknown key <%.*s> (known: <Space> <Enter> <Esc> <Tab> <S-Tab> <BS> <Left> <Right> "
         "<Up> <Down> <PgUp> <PgDn> <F1> <C-u> <lt> <tick>)",
         (int)len, s + 1);
    return 0;
}

/* "keys 100e<Tab>x": characters as typed, <Name> for the others; spaces only
 * separate (the space key is <Space>). */
static int parse_keys(struct parser *p, const char *s)
{
    if (keys_step(p))
        return -1;
    size_t before = p->nkeys;
    while (*s) {
        int key = (unsigned char)*s;
        size_t len = 1;
        if (*s == ' ' || *s == '\t') {
            s++;
            continue;
        }
        if (*s == '<' && !(len = named_key(p, s, &key)))
            return -1;
        if (key != LESSON_TICK && key >= 128 && len == 1)
            return fail(p, "'%s' is not a key (only ASCII characters and <Name> keys)", s);
        if (add_key(p, key, false))
            return -1;
        s += len;
    }
    if (p->nkeys == before)
        return fail(p, "'keys' needs the keys to press, e.g. 'keys 4n'");
    return 0;
}

/* A recording's event line: a key code or "tick". */
static int parse_event(struct parser *p, const char *s)
{
    char *end;
    errno = 0;
    long k = strtol(s, &end, 10);
    if (errno || *end || k < 0 || k >= 01000)
        return fail(p, "'%s' is not a key code (0 to 511)", s);
    if (keys_step(p))
        return -1;
    return add_key(p, (int)k, p->l->recording);
}

/* ---- settings ------------------------------------------------------------------ */

/* text-file and init name files next to the lesson, unless absolute. */
static const char *resolve(struct parser *p, const char *name, const char *value)
{
    size_t slot = strcmp(name, "init") == 0;
    const char *slash = strrchr(p->path, '/');
    if (value[0] == '/' || !slash)
        return value;
    size_t dir = (size_t)(slash - p->path) + 1;
    char *path = malloc(dir + strlen(value) + 1);
    if (!path)
        return NULL;
    memcpy(path, p->path, dir);
    strcpy(path + dir, value);
    free(p->l->paths[slot]);
    p->l->paths[slot] = path;
    return path;
}

static bool is_path_setting(const char *name)
{
    return strcmp(name, "text-file") == 0 || strcmp(name, "init") == 0;
}

/* "hidden 8": 1 when name is no setting; -1 with err set on a bad one. */
static int parse_setting(struct parser *p, const char *name, const char *value)
{
    char why[300];
    struct options probe = *p->o;
    int rc = options_apply_setting(&probe, name, value ? value : "", why, sizeof why);
    if (rc > 0)
        return 1;
    if (!value || !*value)
        return fail(p, "'%s' needs a value", name);
    if (rc < 0)
        return fail(p, "%s", why + (why[0] == '-' && why[1] == '-' ? 2 : 0));
    if (p->steps_begun)
        return fail(p, "the setting '%s' comes after the first step; settings go first", name);
    struct lesson *l = p->l;
    for (size_t i = 0; i < l->nsettings; i++)
        if (strcmp(l->settings[i].name, name) == 0)
            return fail(p, "'%s' is set twice (first on line %d)", name, l->settings[i].line);
    if (is_path_setting(name) && !(value = resolve(p, name, value)))
        return fail(p, "out of memory");
    if (l->nsettings < LESSON_SETTINGS_MAX)
        l->settings[l->nsettings++] = (struct lesson_setting){name, value, p->line};
    options_apply_setting(p->o, name, value, why, sizeof why);
    return 0;
}

/* ---- lines ------------------------------------------------------------------------- */

/* A recording's header lines, which a lesson reads and passes over. */
static bool recording_header(struct parser *p, const char *word, const char *rest)
{
    if (!p->l->recording)
        return false;
    return strcmp(word, "settings") == 0 || strcmp(word, "fingerprint") == 0 ||
           (strcmp(word, "keys") == 0 && !rest);
}

static int text_step(struct parser *p, enum lesson_kind kind, const char *word, const char *rest)
{
    if (!rest || !*rest)
        return fail(p, "'%s' needs a text, e.g. '%s %s'", word, word,
                    kind == LESSON_SAY ? "The forward pass." : "What comes next?");
    struct lesson_step *s = add_step(p, kind);
    if (!s)
        return fail(p, "out of memory");
    s->text = rest;
    return 0;
}

/* A long unknown word is shown by its start, cut at a character boundary. */
#define LESSON_WORD_SHOWN 40
static size_t shown_prefix(const char *word, size_t max)
{
    size_t n = strlen(word);
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)word[max] & 0xC0) == 0x80)
        max--;
    return max;
}

static int parse_line(struct parser *p, char *line)
{
    if (strlen(line) > LESSON_LINE_MAX_BYTES)
        return fail(p, "%zu bytes is over the limit of %d bytes a line", strlen(line),
                    LESSON_LINE_MAX_BYTES);
    line[strcspn(line, "\r")] = '\0';
    while (*line == ' ' || *line == '\t')
        line++;
    if (!*line || *line == '#')
        return 0;
    if (p->line == 1 && strcmp(line, RECORD_MAGIC) == 0) {
        p->l->recording = true;
        return 0;
    }
    char *rest = strchr(line, ' ');
    if (rest)
        *rest++ = '\0';
    const char *word = line;
    if (recording_header(p, word, rest))
        return 0;
    if (strcmp(word, "keys") == 0)
        return rest ? parse_keys(p, rest)
                    : fail(p, "'keys' needs the keys to press, e.g. 'keys 4n'");
    if (strcmp(word, "say") == 0)
        return text_step(p, LESSON_SAY, word, rest);
    if (strcmp(word, "ask") == 0)
        return text_step(p, LESSON_ASK, word, rest);
    if (strcmp(word, "pause") == 0) {
        if (rest)
            return fail(p, "'pause' takes nothing after it (a caption is a 'say' line)");
        return add_step(p, LESSON_PAUSE) ? 0 : fail(p, "out of memory");
    }
    if (strcmp(word, "tick") == 0 && !rest)
        return keys_step(p) ? -1 : add_key(p, LESSON_TICK, false);
    if (isdigit((unsigned char)word[0]) && !rest)
        return parse_event(p, word);
    int rc = parse_setting(p, word, rest);
    if (rc <= 0)
        return rc;
    return fail(p,
                "unknown command '%.*s%s' (expected keys, say, ask, pause, # or a setting: "
                "text, text-file, seq-length, hidden, seed, init, lr, optimizer, clip, "
                "explode-factor, truncate, inject-bug, clip-norm)",
                (int)shown_prefix(word, LESSON_WORD_SHOWN), word,
                strlen(word) > LESSON_WORD_SHOWN ? "..." : "");
}

/* A recording ends with the 'q' that ended the recorded session: that one
 * is where the lesson ends, not a key it presses. */
static void drop_final_quit(char *buf)
{
    size_t n = strlen(buf);
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        n--;
    size_t start = n;
    while (start > 0 && buf[start - 1] != '\n')
        start--;
    if (n - start == 3 && strncmp(buf + start, "113", 3) == 0)
        buf[start] = '\0';
}

/* Steps held key offsets while the array grew; now they get pointers. */
static void bind_keys(struct parser *p)
{
    struct lesson *l = p->l;
    for (size_t i = 0; i < l->nsteps; i++) {
        struct lesson_step *s = &l->steps[i];
        if (s->kind != LESSON_KEYS)
            continue;
        size_t first = s->nkeys, next = p->nkeys;
        for (size_t j = i + 1; j < l->nsteps; j++)
            if (l->steps[j].kind == LESSON_KEYS) {
                next = l->steps[j].nkeys;
                break;
            }
        s->keys = l->keys + first;
        s->nkeys = next - first;
    }
}

int lesson_load(const char *path, struct lesson *l, struct options *o, char *err, size_t errcap)
{
    memset(l, 0, sizeof *l);
    struct parser p = {.path = path, .err = err, .errcap = errcap, .l = l, .o = o};
    if (read_file(&p, &l->buf))
        return -1;
    l->recording = strncmp(l->buf, RECORD_MAGIC "\n", strlen(RECORD_MAGIC) + 1) == 0;
    if (l->recording)
        drop_final_quit(l->buf);
    char *line = l->buf;
    int rc = 0;
    while (rc == 0 && line && *line) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        p.line++;
        rc = parse_line(&p, line);
        line = next;
    }
    if (rc == 0 && l->nsteps == 0)
        rc = fail(&p, "nothing to play: no keys, say, ask or pause line");
    char why[300];
    p.line = 0;
    if (rc == 0 && options_check(o, why, sizeof why) != 0)
        rc = fail(&p, "%s", why);
    if (rc != 0) {
        lesson_free(l);
        return -1;
    }
    bind_keys(&p);
    return 0;
}

static bool starts_with(const char *s, const char *prefix, const char *then)
{
    size_t n = strlen(prefix);
    return strncmp(s, prefix, n) == 0 && s[n] && strchr(then, s[n]);
}

int lesson_setting_line(const struct lesson *l, const char *err)
{
    for (size_t i = 0; i < l->nsettings; i++) {
        const struct lesson_setting *st = &l->settings[i];
        char option[40];
        snprintf(option, sizeof option, "--%s", st->name);
        if (starts_with(err, option, ": ") ||
            (is_path_setting(st->name) && starts_with(err, st->value, ":")))
            return st->line;
    }
    return 0;
}

void lesson_free(struct lesson *l)
{
    free(l->steps);
    free(l->keys);
    free(l->buf);
    free(l->paths[0]);
    free(l->paths[1]);
    memset(l, 0, sizeof *l);
}

/* ---- writing the settings (a recording's header) ------------------------------- */

/* The shortest decimal that reads back as x: a lesson line a person can read. */
static void put_real(FILE *fp, const char *name, double x)
{
    char buf[40];
    for (int digits = 6; digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    fprintf(fp, "%s %s\n", name, buf);
}

/* A file named as an absolute path, so the lesson finds it wherever it is
 * moved (a relative name would be read beside the lesson). */
static void put_path(FILE *fp, const char *name, const char *path)
{
    char *abs = realpath(path, NULL);
    fprintf(fp, "%s %s\n", name, abs ? abs : path);
    free(abs);
}

int lesson_write_settings(FILE *fp, const struct session *s, const struct options *o)
{
    const struct rnn_settings *st = &s->cfg.settings;
    const char *text = o->text ? o->text : DEFAULT_TEXT;
    if (o->text_file)
        put_path(fp, "text-file", o->text_file);
    else if (strpbrk(text, "\r\n"))
        fputs("# text: not written, a lesson line cannot hold its line break (use a text-file)\n",
              fp);
    else
        fprintf(fp, "text %s\n", text);
    if (s->corpus)
        fprintf(fp, "seq-length %d\n", s->cfg.seq_len);
    if (o->init)
        put_path(fp, "init", o->init);
    else
        fprintf(fp, "hidden %d\n", s->cfg.shape.hidden);
    /* The worked example's own parameters come from no seed. */
    if (!o->init && (o->seed_set || !s->example))
        fprintf(fp, "seed %llu\n", (unsigned long long)o->seed);
    put_real(fp, "lr", st->lr);
    fprintf(fp, "optimizer %s\n", rnn_optimizer_name(st->optimizer));
    if (st->clip > 0)
        put_real(fp, "clip", st->clip);
    put_real(fp, "explode-factor", st->explode_factor);
    if (st->truncate)
        fprintf(fp, "truncate %d\n", st->truncate);
    if (st->bug)
        fprintf(fp, "inject-bug %s\n", rnn_bug_name(st->bug));
    if (st->clip_norm > 0)
        put_real(fp, "clip-norm", st->clip_norm);
    return ferror(fp) ? -1 : 0;
}
