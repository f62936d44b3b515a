/* getopt_long parsing with strict number checks: "--hidden 3x" or
 * "--lr nan" is an error naming the option, never a silent default. */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/theme_table.h"
#include "worksheet.h"

enum {
    OPT_BATCH = 256,
    OPT_EPOCHS,
    OPT_ITERATIONS,
    OPT_EVERY,
    OPT_FORMAT,
    OPT_TEXT,
    OPT_TEXT_FILE,
    OPT_HIDDEN,
    OPT_LR,
    OPT_OPTIMIZER,
    OPT_CLIP,
    OPT_INIT,
    OPT_SEED,
    OPT_SAVE,
    OPT_TRACE,
    OPT_GRADCHECK,
    OPT_SEQ_LENGTH,
    OPT_EXPLODE,
    OPT_RECORD,
    OPT_REPLAY,
    OPT_THEME,
    OPT_WORKSHEET,
    OPT_WORKSHEET_EXERCISE,
    OPT_DECIMALS,
    OPT_LESSON,
    OPT_TRUNCATE,
    OPT_INJECT_BUG,
    OPT_CLIP_NORM,
    OPT_DIAGNOSTICS,
    OPT_EDIT,
};

static const struct option long_options[] = {
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {"batch", no_argument, NULL, OPT_BATCH},
    {"epochs", required_argument, NULL, OPT_EPOCHS},
    {"iterations", required_argument, NULL, OPT_ITERATIONS},
    {"every", required_argument, NULL, OPT_EVERY},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"text", required_argument, NULL, OPT_TEXT},
    {"text-file", required_argument, NULL, OPT_TEXT_FILE},
    {"hidden", required_argument, NULL, OPT_HIDDEN},
    {"lr", required_argument, NULL, OPT_LR},
    {"optimizer", required_argument, NULL, OPT_OPTIMIZER},
    {"clip", required_argument, NULL, OPT_CLIP},
    {"init", required_argument, NULL, OPT_INIT},
    {"seed", required_argument, NULL, OPT_SEED},
    {"save", required_argument, NULL, OPT_SAVE},
    {"trace", required_argument, NULL, OPT_TRACE},
    {"gradcheck", no_argument, NULL, OPT_GRADCHECK},
    {"seq-length", required_argument, NULL, OPT_SEQ_LENGTH},
    {"explode-factor", required_argument, NULL, OPT_EXPLODE},
    {"record", required_argument, NULL, OPT_RECORD},
    {"replay", required_argument, NULL, OPT_REPLAY},
    {"theme", required_argument, NULL, OPT_THEME},
    {"worksheet", required_argument, NULL, OPT_WORKSHEET},
    {"worksheet-exercise", no_argument, NULL, OPT_WORKSHEET_EXERCISE},
    {"decimals", required_argument, NULL, OPT_DECIMALS},
    {"lesson", required_argument, NULL, OPT_LESSON},
    {"truncate", required_argument, NULL, OPT_TRUNCATE},
    {"inject-bug", required_argument, NULL, OPT_INJECT_BUG},
    {"clip-norm", required_argument, NULL, OPT_CLIP_NORM},
    {"diagnostics", no_argument, NULL, OPT_DIAGNOSTICS},
    {"edit", required_argument, NULL, OPT_EDIT},
    {NULL, 0, NULL, 0},
};

bool parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    if (!s || *s < '0' || *s > '9')
        return false;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static bool parse_double(const char *s, double lo, double hi, bool lo_open, double *out)
{
    if (!s || !*s)
        return false;
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    if (errno || *end || !isfinite(v) || v > hi || v < lo || (lo_open && v == lo))
        return false;
    *out = v;
    return true;
}

static int bad(char *err, size_t cap, const char *opt, const char *arg, const char *want)
{
    snprintf(err, cap, "--%s: '%s' is not %s", opt, arg, want);
    return -1;
}

static void set_defaults(struct options *o)
{
    memset(o, 0, sizeof *o);
    o->epochs = DEFAULT_EPOCHS;
    o->iterations = DEFAULT_ITERATIONS;
    o->every = 1;
    o->format = FORMAT_TABLE;
    o->hidden = 1;
    o->seed = 1;
    o->decimals = WORKSHEET_DECIMALS_DEFAULT;
    o->settings = (struct rnn_settings){
        .lr = 0.1,
        .optimizer = RNN_OPT_SGD,
        .clip = 0.0,
        .explode_factor = RNN_EXPLODE_FACTOR_DEFAULT,
    };
}

static int parse_format(const char *arg, struct options *o, char *err, size_t cap)
{
    static const char *const names[] = {"table", "csv", "jsonl"};
    for (int i = 0; i < 3; i++)
        if (strcmp(arg, names[i]) == 0) {
            o->format = (enum out_format)i;
            return 0;
        }
    return bad(err, cap, "format", arg, "one of table, csv, jsonl");
}

static int parse_theme(const char *arg, struct options *o, char *err, size_t cap)
{
    char names[160], want[176];
    if (theme_scheme_find(arg)) {
        o->theme = arg;
        return 0;
    }
    theme_scheme_names(names, sizeof names);
    snprintf(want, sizeof want, "one of %s", names);
    return bad(err, cap, "theme", arg, want);
}

static int param_id(char c)
{
    static const char names[] = "UWbVc";
    const char *p = c ? strchr(names, c) : NULL;
    return p ? (int)(p - names) : -1;
}

bool options_parse_edit(const char *arg, struct option_edit *ed)
{
    *ed = (struct option_edit){0};
    int id = param_id(arg[0]), used = 0;
    if (id < 0)
        return false;
    ed->param = (enum rnn_param_id)id;
    char rest[64];
    unsigned long long r, c;
    if (sscanf(arg + 1, "*%63[^@]%n", rest, &used) == 1) {
        ed->kind = RNN_SURGERY_SCALE;
    } else if (sscanf(arg + 1, "[%llu][%llu]=%63[^@]%n", &r, &c, rest, &used) == 3) {
        ed->kind = RNN_SURGERY_SET;
        ed->row = r;
        ed->col = c;
    } else {
        return false;
    }
    const char *tail = arg + 1 + used;
    return parse_double(rest, -1e300, 1e300, false, &ed->value) &&
           (!*tail || (*tail == '@' && parse_u64(tail + 1, 0, UINT64_C(1) << 53, &ed->at)));
}

int options_edit_surgery(struct rnn_shape shape, const struct option_edit *ed,
                         struct rnn_surgery *op, char *err, size_t cap)
{
    int rows, cols;
    rnn_param_dims(shape, ed->param, &rows, &cols);
    const char *name = rnn_param_name(ed->param);
    if (ed->kind == RNN_SURGERY_SET && (ed->row >= (uint64_t)rows || ed->col >= (uint64_t)cols)) {
        snprintf(err, cap, "%s[%llu][%llu] is outside %s, which is %d x %d", name,
                 (unsigned long long)ed->row, (unsigned long long)ed->col, name, rows, cols);
        return -1;
    }
    *op = (struct rnn_surgery){.kind = ed->kind,
                               .param = ed->param,
                               .index = (size_t)(ed->row * (uint64_t)cols + ed->col),
                               .value = ed->value};
    return 0;
}

static int parse_edit(const char *arg, struct options *o, char *err, size_t cap)
{
    if (o->n_edits == OPTIONS_EDITS_MAX)
        return bad(err, cap, "edit", arg, "allowed more than 16 times");
    if (!options_parse_edit(arg, &o->edits[o->n_edits]))
        return bad(err, cap, "edit", arg, OPTIONS_EDIT_GRAMMAR ", optionally @ITERATION");
    o->n_edits++;
    return 0;
}

/* One option with its argument; -1 with err set when the value is bad. */
static int apply_option(int c, const char *arg, struct options *o, char *err, size_t cap)
{
    uint64_t u;
    double d;
    switch (c) {
    case 'h': o->help = true; return 0;
    case 'V': o->version = true; return 0;
    case OPT_BATCH: o->batch = true; return 0;
    case OPT_GRADCHECK: o->gradcheck = true; return 0;
    case OPT_DIAGNOSTICS: o->diagnostics = true; return 0;
    case OPT_EDIT: return parse_edit(arg, o, err, cap);
    case OPT_EPOCHS:
        if (!parse_u64(arg, 0, UINT64_C(1) << 53, &o->epochs))
            return bad(err, cap, "epochs", arg, "a whole number >= 0");
        o->epochs_set = true;
        return 0;
    case OPT_ITERATIONS:
        if (!parse_u64(arg, 0, UINT64_C(1) << 53, &o->iterations))
            return bad(err, cap, "iterations", arg, "a whole number >= 0");
        o->iterations_set = true;
        return 0;
    case OPT_EVERY:
        if (!parse_u64(arg, 1, UINT64_C(1) << 53, &o->every))
            return bad(err, cap, "every", arg, "a whole number >= 1");
        o->every_set = true;
        return 0;
    case OPT_FORMAT: o->format_set = true; return parse_format(arg, o, err, cap);
    case OPT_TEXT: o->text = arg; return 0;
    case OPT_TEXT_FILE: o->text_file = arg; return 0;
    case OPT_HIDDEN:
        if (!parse_u64(arg, 1, RNN_HIDDEN_MAX, &u))
            return bad(err, cap, "hidden", arg, "a whole number from 1 to 1024");
        o->hidden = (int)u;
        o->hidden_set = true;
        return 0;
    case OPT_SEQ_LENGTH:
        if (!parse_u64(arg, 1, 1000, &u))
            return bad(err, cap, "seq-length", arg, "a whole number from 1 to 1000");
        o->seq_length = (int)u;
        return 0;
    case OPT_LR:
        if (!parse_double(arg, 0.0, 1e9, true, &o->settings.lr))
            return bad(err, cap, "lr", arg, "a number above 0 and at most 1e9");
        return 0;
    case OPT_CLIP:
        if (!parse_double(arg, 0.0, 1e300, true, &o->settings.clip))
            return bad(err, cap, "clip", arg, "a number above 0 and at most 1e300");
        return 0;
    case OPT_EXPLODE:
        if (!parse_double(arg, 0.0, 1e300, false, &d) || (d > 0.0 && d <= 1.0))
            return bad(err, cap, "explode-factor", arg,
                       "0 (off) or a number above 1 and at most 1e300");
        o->settings.explode_factor = d;
        return 0;
    case OPT_OPTIMIZER: {
        int opt = rnn_optimizer_parse(arg);
        if (opt < 0)
            return bad(err, cap, "optimizer", arg, "one of sgd, momentum, adagrad, adam");
        o->settings.optimizer = (enum rnn_optimizer)opt;
        return 0;
    }
    case OPT_SEED:
        if (!parse_u64(arg, 0, UINT64_MAX, &o->seed))
            return bad(err, cap, "seed", arg, "a whole number >= 0");
        o->seed_set = true;
        return 0;
    case OPT_INIT: o->init = arg; return 0;
    case OPT_SAVE: o->save = arg; return 0;
    case OPT_TRACE: o->trace = arg; return 0;
    case OPT_RECORD: o->record = arg; return 0;
    case OPT_REPLAY: o->replay = arg; return 0;
    case OPT_THEME: return parse_theme(arg, o, err, cap);
    case OPT_WORKSHEET: o->worksheet = arg; return 0;
    case OPT_LESSON: o->lesson = arg; return 0;
    case OPT_WORKSHEET_EXERCISE: o->worksheet_exercise = true; return 0;
    case OPT_DECIMALS:
        if (!parse_u64(arg, 1, WORKSHEET_DECIMALS_MAX, &u))
            return bad(err, cap, "decimals", arg, "a whole number from 1 to 12");
        o->decimals = (int)u;
        return 0;
    case OPT_TRUNCATE:
        if (!parse_u64(arg, 1, RNN_SEQ_MAX, &u))
            return bad(err, cap, "truncate", arg, "a whole number from 1 to 10000");
        o->settings.truncate = (int)u;
        return 0;
    case OPT_INJECT_BUG: {
        int bug = rnn_bug_parse(arg);
        if (bug <= RNN_BUG_NONE)
            return bad(err, cap, "inject-bug", arg,
                       "one of no-carry, no-tanh-gate, sign, no-zero-grad");
        o->settings.bug = (enum rnn_bug)bug;
        return 0;
    }
    case OPT_CLIP_NORM:
        if (!parse_double(arg, 0.0, 1e300, true, &o->settings.clip_norm))
            return bad(err, cap, "clip-norm", arg, "a number above 0");
        return 0;
    default: return -1;
    }
}

static int check_file_names(const struct options *o, char *err, size_t cap)
{
    const char *const names[] = {"text-file", "init",   "save",     "trace",
                                 "record",    "replay", "worksheet"};
    const char *const values[] = {o->text_file, o->init,   o->save,     o->trace,
                                  o->record,    o->replay, o->worksheet};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (values[i] && !*values[i]) {
            snprintf(err, cap, "--%s: the file name is empty", names[i]);
            return -1;
        }
    return 0;
}

/* The options that decide the numbers: a lesson sets them itself. */
static const int training_options[] = {OPT_TEXT,     OPT_TEXT_FILE, OPT_SEQ_LENGTH, OPT_HIDDEN,
                                       OPT_SEED,     OPT_INIT,      OPT_LR,         OPT_OPTIMIZER,
                                       OPT_CLIP,     OPT_EXPLODE,   OPT_TRUNCATE,   OPT_INJECT_BUG,
                                       OPT_CLIP_NORM};

static bool is_training_option(int c)
{
    for (size_t i = 0; i < sizeof training_options / sizeof training_options[0]; i++)
        if (training_options[i] == c)
            return true;
    return false;
}

int options_apply_setting(struct options *o, const char *name, const char *value, char *err,
                          size_t errcap)
{
    for (const struct option *opt = long_options; opt->name; opt++)
        if (strcmp(opt->name, name) == 0 && is_training_option(opt->val))
            return apply_option(opt->val, value, o, err, errcap);
    return 1;
}

static int check_lesson(const struct options *o, char *err, size_t cap)
{
    if (o->training_option) {
        snprintf(err, cap, "--lesson sets the training options itself; drop --%s",
                 o->training_option);
        return -1;
    }
    if (o->batch || o->gradcheck || o->replay || o->record) {
        snprintf(err, cap,
                 "--lesson cannot be used with --batch, --gradcheck, --record or --replay");
        return -1;
    }
    return 0;
}

enum mode { MODE_VISUALISER = 1, MODE_BATCH = 2, MODE_GRADCHECK = 4, MODE_WORKSHEET = 8 };

/* An option the chosen mode would silently ignore is an error: whoever asks
 * for a trace of a gradcheck, or a recording of a batch run, gets nothing and
 * must be told so. */
static int check_modes(const struct options *o, char *err, size_t cap)
{
    const struct {
        const char *name;
        bool given;
        unsigned modes; /* where the option means something */
    } rules[] = {
        {"save", o->save, MODE_VISUALISER | MODE_BATCH},
        {"trace", o->trace, MODE_BATCH},
        {"epochs", o->epochs_set, MODE_BATCH | MODE_WORKSHEET},
        {"iterations", o->iterations_set, MODE_BATCH},
        {"every", o->every_set, MODE_BATCH},
        {"format", o->format_set, MODE_BATCH},
        {"record", o->record, MODE_VISUALISER},
        {"replay", o->replay, MODE_VISUALISER},
    };
    enum mode mode = o->gradcheck   ? MODE_GRADCHECK
                     : o->batch     ? MODE_BATCH
                     : o->worksheet ? MODE_WORKSHEET
                                    : MODE_VISUALISER;
    const char *why = mode == MODE_GRADCHECK   ? "cannot be used with --gradcheck"
                      : mode == MODE_BATCH     ? "is for the visualiser, not --batch"
                      : mode == MODE_WORKSHEET ? "cannot be used with --worksheet"
                                               : "needs --batch";
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (rules[i].given && !(rules[i].modes & mode)) {
            snprintf(err, cap, "--%s %s", rules[i].name, why);
            return -1;
        }
    if ((o->iterations_set || o->every_set) && !o->seq_length) {
        snprintf(err, cap, "--%s needs --seq-length (corpus mode)",
                 o->iterations_set ? "iterations" : "every");
        return -1;
    }
    if (o->seed_set && o->init) {
        snprintf(err, cap, "--seed cannot be used with --init (the file gives the parameters)");
        return -1;
    }
    if (o->iterations_set && o->epochs_set) {
        snprintf(err, cap, "--epochs and --iterations cannot be used together");
        return -1;
    }
    return 0;
}

/* The BPTT lab's options change what the formulas compute, so a worksheet
 * of them would print numbers its own formulas contradict. */
static const char *worksheet_lab_option(const struct options *o)
{
    return o->settings.truncate    ? "truncate"
           : o->settings.bug       ? "inject-bug"
           : o->settings.clip_norm ? "clip-norm"
           : o->n_edits            ? "edit"
                                   : NULL;
}

int options_check(const struct options *o, char *err, size_t cap)
{
    if (check_file_names(o, err, cap) || check_modes(o, err, cap))
        return -1;
    if (o->text && o->text_file) {
        snprintf(err, cap, "--text and --text-file cannot be used together");
        return -1;
    }
    if (o->seq_length && !o->text_file && !o->text) {
        snprintf(err, cap, "--seq-length needs --text-file (or --text)");
        return -1;
    }
    if (o->worksheet && (o->batch || o->gradcheck)) {
        snprintf(err, cap, "--worksheet cannot be used with --batch or --gradcheck");
        return -1;
    }
    if (o->worksheet && worksheet_lab_option(o)) {
        snprintf(err, cap,
                 "--%s cannot be used with --worksheet (the worksheet writes the worked "
                 "example's full BPTT and plain updates)",
                 worksheet_lab_option(o));
        return -1;
    }
    if (o->worksheet_exercise && !o->worksheet) {
        snprintf(err, cap, "--worksheet-exercise needs --worksheet FILE");
        return -1;
    }
    if (o->lesson && check_lesson(o, err, cap))
        return -1;
    if (o->diagnostics && o->format != FORMAT_TABLE) {
        snprintf(err, cap, "--diagnostics needs --format table");
        return -1;
    }
    if (o->record && o->replay) {
        snprintf(err, cap, "--record and --replay cannot be used together");
        return -1;
    }
    return 0;
}

/* The long name of an option ("hidden" for OPT_HIDDEN): every option that
 * takes a value is a long one. */
static const char *option_name(int val)
{
    for (const struct option *lo = long_options; lo->name; lo++)
        if (lo->val == val)
            return lo->name;
    return "?";
}

/* The long options whose names start with the first n bytes of name. */
static int long_matches(const char *name, size_t n, const struct option **first)
{
    int count = 0;
    *first = NULL;
    for (const struct option *lo = long_options; lo->name; lo++) {
        if (strncmp(lo->name, name, n) != 0)
            continue;
        if (strlen(lo->name) == n) { /* an exact name is never ambiguous */
            *first = lo;
            return 1;
        }
        if (!count++)
            *first = lo;
    }
    return count;
}

#define SHORT_OPTIONS ":hV"

/* getopt_long's '?' says nothing about why. A long option leaves optopt 0
 * (unknown, ambiguous) or its own value (given a value it does not take), and
 * is then the word before optind; an unknown short one is optopt itself. */
static void describe_bad_option(const char *arg, int bad_opt, char *err, size_t cap)
{
    bool long_form = bad_opt == 0 || bad_opt > 127 || strchr(&SHORT_OPTIONS[1], bad_opt);
    if (!long_form || strncmp(arg, "--", 2) != 0) {
        snprintf(err, cap, "unknown option '-%c'", bad_opt);
        return;
    }
    const char *name = arg + 2;
    size_t n = strcspn(name, "=");
    const struct option *lo;
    int count = long_matches(name, n, &lo);
    if (count > 1) {
        int w = snprintf(err, cap, "option '--%.*s' is ambiguous: it could be", (int)n, name);
        for (const struct option *m = long_options; m->name && w > 0 && (size_t)w < cap; m++)
            if (strncmp(m->name, name, n) == 0)
                w += snprintf(err + w, cap - (size_t)w, "%s --%s", m == lo ? "" : ",", m->name);
    } else if (count == 1 && name[n] == '=' && lo->has_arg == no_argument) {
        snprintf(err, cap, "option '--%s' takes no value", lo->name);
    } else {
        snprintf(err, cap, "unknown option '--%.*s'", (int)n, name);
    }
}

int options_parse(int argc, char **argv, struct options *o, char *err, size_t errcap)
{
    set_defaults(o);
    opterr = 0;
    optind = 0; /* not 1: glibc and musl then also forget a half-read group ("-xV") */
    for (;;) {
        int idx = 0;
        int c = getopt_long(argc, argv, SHORT_OPTIONS, long_options, &idx);
        if (c == -1)
            break;
        if (c == '?') {
            describe_bad_option(argv[optind - 1], optopt, err, errcap);
            return -1;
        }
        if (c == ':') {
            snprintf(err, errcap, "option '--%s' needs a value", option_name(optopt));
            return -1;
        }
        if (apply_option(c, optarg, o, err, errcap))
            return -1;
        if (is_training_option(c) && !o->training_option)
            o->training_option = long_options[idx].name;
    }
    if (optind < argc) {
        snprintf(err, errcap, "unexpected argument '%s'", argv[optind]);
        return -1;
    }
    return options_check(o, err, errcap);
}

void options_print_help(void)
{
    char themes[160];
    theme_scheme_names(themes, sizeof themes);
    printf(
        "Usage: rnnstep [OPTIONS]\n"
        "Watch a character-level RNN learn, one forward step, BPTT step and update at a time.\n"
        "With no options it opens the visualiser on the worked example: the text \"hello\",\n"
        "hidden size 1, the example's initial parameters, plain SGD with learning rate 0.1.\n"
        "\n"
        "Modes:\n"
        "  (default)              full-screen visualiser (needs a terminal)\n"
        "  --batch                train without the visualiser and print a table\n"
        "  --gradcheck            compare BPTT gradients with central finite differences\n"
        "                         at the initial parameters; exit 1 if an entry is past\n"
        "                         1e-6 relative + the rounding-noise floor, or not finite\n"
        "\n"
        "Training (both modes):\n"
        "  --text STR             training text (default \"hello\")\n"
        "  --text-file PATH       read the training text from a UTF-8 file (up to 100 MB)\n"
        "  --seq-length N         corpus mode: truncated BPTT over windows of N inputs (1..1000)\n"
        "  --hidden N             hidden size, 1..1024 (default 1)\n"
        "  --lr X                 learning rate, above 0 and at most 1e9 (default 0.1)\n"
        "  --optimizer NAME       sgd (default), momentum, adagrad or adam\n"
        "  --clip X               clip every gradient element to [-X, X] (default off)\n"
        "  --clip-norm X          rescale the whole gradient when its L2 norm exceeds X\n"
        "  --truncate K           truncated BPTT: each loss term's gradient reaches back at\n"
        "                         most K steps (K >= the window length: full BPTT)\n"
        "  --inject-bug NAME      a classic BPTT mistake in the gradient (forward untouched):\n"
        "                         no-carry, no-tanh-gate, sign or no-zero-grad\n"
        "  --explode-factor X     flag an explosion when the gradient norm grows by X in one\n"
        "                         iteration (default 3; 0 turns it off)\n"
        "  --init FILE            initial parameters from a JSON parameter file\n"
        "  --seed N               random initial parameters from seed N\n"
        "  --save FILE            write the parameters after training (atomic; - for stdout)\n"
        "\n"
        "Batch output:\n"
        "  --epochs N             epochs to train (default 100; in corpus mode, passes)\n"
        "  --iterations N         corpus mode: iterations to train (default 1000)\n"
        "  --every K              corpus mode: print every K-th iteration (default 1)\n"
        "  --format FMT           table (default), csv or jsonl\n"
        "  --trace FILE           write every micro-step as JSON Lines (- for stdout;\n"
        "                         the table then goes to standard error)\n"
        "  --edit SPEC            weight surgery before an iteration: W*0.5@656 scales W,\n"
        "                         W[0][1]=0.3@10 sets an entry (@N: before iteration N,\n"
        "                         default 0; up to 16 edits)\n"
        "  --diagnostics          after training, print the diagnostics strip: initial loss\n"
        "                         against T ln(vocab), saturated hidden units, update-to-\n"
        "                         parameter ratio and gradient norm per parameter\n"
        "\n"
        "Worksheet (the worked example for these settings, Markdown with LaTeX math):\n"
        "  --worksheet FILE       write every step of epoch 1 and the loss at later epochs\n"
        "                         (1, 2, 5, 10, ... up to --epochs) to FILE, then exit\n"
        "  --worksheet-exercise   the student version: results blank, an answer key at the end\n"
        "  --decimals N           decimals in the worksheet, 1..12 (default 4)\n"
        "\n"
        "Visualiser:\n"
        "  --record FILE          record the keys pressed, with the settings\n"
        "  --replay FILE          replay a recorded session\n"
        "  --theme NAME           colour theme: %s\n"
        "  --lesson FILE          play a prepared lesson: keys, captions, pauses and questions,\n"
        "                         with its own training settings (a --record file is one too)\n"
        "  Press ? inside for the keys.\n"
        "\n"
        "  -h, --help             show this help and exit\n"
        "  -V, --version          show the version and exit\n"
        "\n"
        "Options a mode would ignore are refused (--trace without --batch, say).\n"
        "Exit status: 0 success, 1 failed check, 2 bad option, input or output file.\n",
        themes);
}
