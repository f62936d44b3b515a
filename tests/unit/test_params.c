/* Parameter files: bit-exact round trips, the shipped hello.json, one clear
 * error naming the place for each kind of bad file, and atomic saving (a
 * failed save leaves the old file byte for byte, and no temporary files). */
#include <dirent.h>
#include <float.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "support.h"

#include "app/options.h"
#include "app/session.h"
#include "rnnstep/params_io.h"

/* ---- temporary directory ------------------------------------------------ */

struct tmpdir {
    char path[64];
    char file[96];
};

static int make_tmpdir(void **state)
{
    struct tmpdir *d = calloc(1, sizeof *d);
    snprintf(d->path, sizeof d->path, "/tmp/rnnstep-params-XXXXXX");
    assert_non_null(mkdtemp(d->path));
    snprintf(d->file, sizeof d->file, "%s/params.json", d->path);
    *state = d;
    return 0;
}

static int remove_tmpdir(void **state)
{
    struct tmpdir *d = *state;
    chmod(d->path, 0700);
    DIR *dir = opendir(d->path);
    char p[512];
    for (struct dirent *ent; dir && (ent = readdir(dir));) {
        if (ent->d_name[0] == '.')
            continue;
        snprintf(p, sizeof p, "%s/%s", d->path, ent->d_name);
        unlink(p);
    }
    if (dir)
        closedir(dir);
    rmdir(d->path);
    free(d);
    return 0;
}

/* Number of entries in the directory other than . and .. */
static int dir_entries(const char *path)
{
    DIR *dir = opendir(path);
    assert_non_null(dir);
    int n = 0;
    for (struct dirent *ent; (ent = readdir(dir));)
        n += strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0;
    closedir(dir);
    return n;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, fp);
    fclose(fp);
    return buf;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static void expect_error(const char *err, const char *want, const char *context)
{
    if (!strstr(err, want))
        fail_msg("%s: error \"%s\" does not contain \"%s\"", context, err, want);
    if (strchr(err, '\n'))
        fail_msg("%s: error \"%s\" is more than one line", context, err);
}

/* ---- round trips --------------------------------------------------------- */

static struct rnn_vocab vocab_of(const char *chars)
{
    struct rnn_vocab v;
    struct rnn_text_error terr;
    assert_int_equal(rnn_vocab_from_utf8(chars, strlen(chars), &v, &terr), RNN_TEXT_OK);
    return v;
}

static void save_and_reload(const char *path, const struct rnn_vocab *vocab, struct rnn_shape s,
                            const double *theta)
{
    char err[256];
    struct rnn_params p;
    if (rnn_params_save(path, vocab, s, theta, err, sizeof err) != 0)
        fail_msg("save: %s", err);
    if (rnn_params_load(path, &p, err, sizeof err) != 0)
        fail_msg("load: %s", err);
    assert_int_equal(p.shape.hidden, s.hidden);
    assert_int_equal(p.shape.vocab, s.vocab);
    assert_int_equal(p.vocab.size, vocab->size);
    assert_memory_equal(p.vocab.chars, vocab->chars, sizeof(uint32_t) * (size_t)vocab->size);
    assert_memory_equal(p.theta, theta, rnn_param_count(s) * sizeof(double));
    rnn_params_free(&p);
}

/* Doubles whose shortest decimal form is not 17 digits, extremes, signed
 * zero and subnormals must all come back as the same bits. */
static void test_round_trip_awkward_values(void **state)
{
    struct tmpdir *d = *state;
    struct rnn_vocab vocab = vocab_of("a\xc3\xa9\xe2\x82\xac \xf0\x9f\x98\x80\"\\");
    struct rnn_shape s = {3, vocab.size};
    size_t P = rnn_param_count(s);
    double *theta = malloc(P * sizeof(double));
    rnn_init_random(s, 99, theta);
    const double awkward[] = {0.1,
                              1.0 / 3.0,
                              2.0 / 3.0,
                              1e-300,
                              -0.0,
                              5e-324,
                              -5e-324,
                              DBL_MIN,
                              -DBL_MAX,
                              DBL_MAX,
                              1e22,
                              1e23,
                              -1.5,
                              0.0,
                              3.141592653589793,
                              1e-310,
                              nextafter(1.0, 2.0)};
    assert_true(sizeof awkward / sizeof *awkward <= P);
    memcpy(theta, awkward, sizeof awkward);
    save_and_reload(d->file, &vocab, s, theta);
    assert_int_equal(dir_entries(d->path), 1);
    free(theta);
}

static void test_round_trip_random_shapes(void **state)
{
    struct tmpdir *d = *state;
    struct rnn_vocab vocab = vocab_of("helo wrd");
    const int hiddens[] = {1, 2, 8, 33};
    for (size_t i = 0; i < sizeof hiddens / sizeof *hiddens; i++) {
        struct rnn_shape s = {hiddens[i], vocab.size};
        double *theta = malloc(rnn_param_count(s) * sizeof(double));
        rnn_init_random(s, 1000 + i, theta);
        save_and_reload(d->file, &vocab, s, theta);
        free(theta);
    }
}

/* assets/examples/hello.json is the worked example's section 4, the same
 * doubles as the built-in default. */
static void test_hello_json_is_the_builtin_default(void **state)
{
    (void)state;
    char err[256];
    struct rnn_params p;
    if (rnn_params_load(RNNSTEP_SOURCE_DIR "/assets/examples/hello.json", &p, err, sizeof err))
        fail_msg("hello.json: %s", err);
    double builtin[14];
    rnn_init_hello(builtin);
    assert_int_equal(p.shape.hidden, 1);
    assert_int_equal(p.shape.vocab, 4);
    const uint32_t helo[4] = {'h', 'e', 'l', 'o'};
    assert_memory_equal(p.vocab.chars, helo, sizeof helo);
    assert_memory_equal(p.theta, builtin, sizeof builtin);
    rnn_params_free(&p);
}

/* ---- bad files ----------------------------------------------------------- */

/* A valid document for hidden 1 and "helo", key by key; each case replaces
 * one key's value (or, with value NULL, leaves the key out). */
static const char *const doc_keys[] = {"format", "version", "vocab", "hidden", "U",
                                       "W",      "b",       "V",     "c"};
static const char *const doc_values[] = {"\"rnnstep-params\"",
                                         "1",
                                         "\"helo\"",
                                         "1",
                                         "[[0.1442, -0.2315, -0.669, 1.1585]]",
                                         "[[-0.587]]",
                                         "[0]",
                                         "[[-0.2246], [-0.3053], [0.4905], [0.2768]]",
                                         "[0, 0, 0, 0]"};
#define DOC_KEYS (sizeof doc_keys / sizeof *doc_keys)

struct bad_case {
    const char *key, *value; /* value NULL: key missing */
    const char *want;        /* part of the error */
};

static const struct bad_case bad_cases[] = {
    {"format", NULL, "\"format\": expected \"rnnstep-params\""},
    {"format", "\"rnnstep-weights\"", "\"format\": expected \"rnnstep-params\""},
    {"version", NULL, "missing key \"version\""},
    {"version", "2", "\"version\": 2 is not supported"},
    {"version", "\"1\"", "\"version\": expected an integer"},
    {"vocab", NULL, "missing key \"vocab\""},
    {"vocab", "\"hello\"", "\"vocab\": repeated character"},
    {"vocab", "\"h\\u00e9l\\u00e9\"", "\"vocab\": repeated character"},
    {"vocab", "\"\"", "\"vocab\""},
    {"vocab", "4", "\"vocab\": expected a string"},
    {"hidden", NULL, "missing key \"hidden\""},
    {"hidden", "0", "\"hidden\": 0 is out of range"},
    {"hidden", "2", "U: expected 2 entries, found 1"},
    {"hidden", "1.5", "\"hidden\": expected an integer"},
    {"U", NULL, "missing key \"U\""},
    {"W", NULL, "missing key \"W\""},
    {"b", NULL, "missing key \"b\""},
    {"V", NULL, "missing key \"V\""},
    {"c", NULL, "missing key \"c\""},
    {"U", "[[0.1442, -0.2315, -0.669]]", "U[0]: expected 4 entries, found 3"},
    {"U", "[0.1442, -0.2315, -0.669, 1.1585]", "U: expected 1 entries, found 4"},
    {"U", "[1]", "U[0]: expected an array"},
    {"W", "[-0.587]", "W[0]: expected an array"},
    {"W", "-0.587", "W: expected an array"},
    {"b", "[0, 0]", "b: expected 1 entries, found 2"},
    {"V", "[[-0.2246], [-0.3053], [0.4905]]", "V: expected 4 entries, found 3"},
    {"V", "[[-0.2246, 1], [-0.3053], [0.4905], [0.2768]]", "V[0]: expected 1 entries, found 2"},
    {"c", "[0, 0, 0]", "c: expected 4 entries, found 3"},
    {"U", "[[0.1442, \"-0.2315\", -0.669, 1.1585]]", "U[0][1]: expected a number"},
    {"c", "[0, 0, null, 0]", "c[2]: expected a number"},
    {"b", "[true]", "b[0]: expected a number"},
    {"V", "[[-0.2246], [-0.3053], [1e400], [0.2768]]", "line 1, column"},
    {"W", "[[NaN]]", "line 1, column"},
    {"c", "[0, 0, 0, -Infinity]", "line 1, column"},
};

static char *build_doc(const struct bad_case *c)
{
    char *doc = malloc(2048);
    size_t n = (size_t)snprintf(doc, 2048, "{");
    for (size_t i = 0; i < DOC_KEYS; i++) {
        const char *value = doc_values[i];
        if (strcmp(doc_keys[i], c->key) == 0)
            value = c->value;
        if (value)
            n += (size_t)snprintf(doc + n, 2048 - n, "%s\"%s\": %s", n > 1 ? ", " : "", doc_keys[i],
                                  value);
    }
    snprintf(doc + n, 2048 - n, "}");
    return doc;
}

static void test_valid_document_parses(void **state)
{
    (void)state;
    char *doc = build_doc(&(struct bad_case){.key = "", .value = NULL});
    struct rnn_params p;
    char err[256];
    if (rnn_params_parse(doc, strlen(doc), &p, err, sizeof err) != 0)
        fail_msg("%s: %s", doc, err);
    double builtin[14];
    rnn_init_hello(builtin);
    assert_memory_equal(p.theta, builtin, sizeof builtin);
    rnn_params_free(&p);
    free(doc);
}

static void test_each_bad_document_gets_its_error(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        char *doc = build_doc(&bad_cases[i]);
        struct rnn_params p;
        char err[256] = "";
        if (rnn_params_parse(doc, strlen(doc), &p, err, sizeof err) == 0)
            fail_msg("accepted: %s", doc);
        assert_null(p.theta);
        expect_error(err, bad_cases[i].want, doc);
        free(doc);
    }
}

static void test_malformed_json_names_line_and_column(void **state)
{
    (void)state;
    static const struct {
        const char *doc, *want;
    } cases[] = {
        {"{\n  \"format\": \"rnnstep-params\",\n  \"version\": 1,,\n}", "line 3, column 16"},
        {"", "line 1, column 0"},
        {"{\"format\": \"rnnstep-params\"", "line 1, column 27"},
        {"{\"U\": 1, \"U\": 2}", "duplicate object key"},
        {"[1, 2]", "top level: expected a JSON object"},
        {"{\"vocab\": \"h\\u0000e\"}", "line 1, column 20: a string holds \\u0000 (NUL)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct rnn_params p;
        char err[256] = "";
        assert_int_equal(rnn_params_parse(cases[i].doc, strlen(cases[i].doc), &p, err, sizeof err),
                         -1);
        expect_error(err, cases[i].want, cases[i].doc);
    }
}

/* jansson's allocator, made to fail after a given number of allocations. */
static long allocations_left;

static void *failing_malloc(size_t n)
{
    return allocations_left-- > 0 ? malloc(n) : NULL;
}

/* Out of memory inside the parser at every allocation in turn: jansson then
 * has no place to report ("line -1, column -1") and the message must not
 * pretend it has one, nor use jansson's own words (its flag names). */
static void test_parser_out_of_memory_says_so(void **state)
{
    (void)state;
    const char *doc = "{\"format\": \"rnnstep-params\", \"version\": 1, \"vocab\": \"h\\u0000e\"}";
    bool reached_end = false;
    for (long n = 0; n < 1000 && !reached_end; n++) {
        struct rnn_params p;
        char err[256] = "";
        allocations_left = n;
        json_set_alloc_funcs(failing_malloc, free);
        int rc = rnn_params_parse(doc, strlen(doc), &p, err, sizeof err);
        json_set_alloc_funcs(malloc, free);
        assert_int_equal(rc, -1);
        if (strstr(err, "out of memory"))
            assert_null(strstr(err, "line -1"));
        else
            reached_end = true; /* enough memory: the NUL is the error */
        assert_null(strstr(err, "JSON_"));
    }
    assert_true(reached_end);
}

static void test_load_from_files(void **state)
{
    struct tmpdir *d = *state;
    struct rnn_params p;
    char err[256] = "", missing[128];
    write_file(d->file, "{\n  \"format\": \"rnnstep-params\",\n  \"version\": 1\n  \"vocab\": "
                        "\"helo\"\n}\n");
    assert_int_equal(rnn_params_load(d->file, &p, err, sizeof err), -1);
    expect_error(err, "line 4, column", "file with a missing comma");

    snprintf(missing, sizeof missing, "%s/none.json", d->path);
    assert_int_equal(rnn_params_load(missing, &p, err, sizeof err), -1);
    expect_error(err, "No such file", "missing file");
    assert_int_equal(rnn_params_load(d->path, &p, err, sizeof err), -1);
    assert_true(strlen(err) > 0);
}

/* ---- atomic saves -------------------------------------------------------- */

struct saved {
    char *bytes;
    size_t len;
    struct rnn_vocab vocab;
    struct rnn_shape shape;
    double *theta;
};

/* Saves a good file to overwrite later, and keeps its bytes. */
static struct saved save_original(const char *path, int hidden)
{
    struct saved s = {.vocab = vocab_of("helo")};
    s.shape = (struct rnn_shape){hidden, 4};
    s.theta = malloc(rnn_param_count(s.shape) * sizeof(double));
    rnn_init_random(s.shape, 3, s.theta);
    char err[256];
    assert_int_equal(rnn_params_save(path, &s.vocab, s.shape, s.theta, err, sizeof err), 0);
    s.bytes = read_file(path, &s.len);
    return s;
}

static void expect_unchanged(const struct saved *s, const struct tmpdir *d)
{
    size_t len;
    char *now = read_file(d->file, &len);
    assert_int_equal(len, s->len);
    assert_memory_equal(now, s->bytes, len);
    assert_int_equal(dir_entries(d->path), 1); /* no temporary files left */
    free(now);
}

static void saved_free(struct saved *s)
{
    free(s->bytes);
    free(s->theta);
}

static void test_non_finite_parameters_are_not_saved(void **state)
{
    struct tmpdir *d = *state;
    struct saved s = save_original(d->file, 1);
    const double bad[] = {NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < 3; i++) {
        double theta[14];
        rnn_init_hello(theta);
        theta[7] = bad[i];
        char err[256] = "";
        assert_int_equal(rnn_params_save(d->file, &s.vocab, s.shape, theta, err, sizeof err), -1);
        expect_error(err, "not finite", "saving nan or inf");
        expect_unchanged(&s, d);
    }
    saved_free(&s);
}

/* A write that fails half-way (here: the file size limit, which also holds
 * for root) must not touch the old file. */
static void test_failed_write_keeps_old_file(void **state)
{
    struct tmpdir *d = *state;
    struct saved s = save_original(d->file, 1);
    struct rnn_shape big = {64, 4};
    double *theta = malloc(rnn_param_count(big) * sizeof(double));
    rnn_init_random(big, 4, theta);

    struct rlimit old, small = {.rlim_cur = 512};
    getrlimit(RLIMIT_FSIZE, &old);
    small.rlim_max = old.rlim_max;
    void (*handler)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    char err[256] = "";
    int rc = rnn_params_save(d->file, &s.vocab, big, theta, err, sizeof err);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, handler);

    assert_int_equal(rc, -1);
    assert_true(strlen(err) > 0 && !strchr(err, '\n'));
    expect_unchanged(&s, d);
    free(theta);
    saved_free(&s);
}

static void test_read_only_directory(void **state)
{
    struct tmpdir *d = *state;
    struct saved s = save_original(d->file, 2);
    chmod(d->path, 0555);
    if (access(d->path, W_OK) == 0) { /* root writes anyway */
        chmod(d->path, 0700);
        saved_free(&s);
        skip();
    }
    double theta[20] = {0};
    char err[256] = "";
    assert_int_equal(rnn_params_save(d->file, &s.vocab, s.shape, theta, err, sizeof err), -1);
    chmod(d->path, 0700);
    expect_error(err, "Permission denied", "read-only directory");
    expect_unchanged(&s, d);
    saved_free(&s);
}

static void test_save_into_missing_directory(void **state)
{
    struct tmpdir *d = *state;
    char path[160], err[256] = "";
    snprintf(path, sizeof path, "%s/no/such/dir/p.json", d->path);
    struct rnn_vocab vocab = vocab_of("helo");
    double theta[14];
    rnn_init_hello(theta);
    assert_int_equal(
        rnn_params_save(path, &vocab, (struct rnn_shape){1, 4}, theta, err, sizeof err), -1);
    expect_error(err, "No such file", "missing directory");
    assert_int_equal(dir_entries(d->path), 0);
}

/* A successful save over an existing file replaces it whole. */
static void test_save_replaces_existing_file(void **state)
{
    struct tmpdir *d = *state;
    struct saved s = save_original(d->file, 8);
    struct rnn_shape small = {1, 4};
    double theta[14];
    rnn_init_hello(theta);
    save_and_reload(d->file, &s.vocab, small, theta);
    assert_int_equal(dir_entries(d->path), 1);
    saved_free(&s);
}

/* ---- a text that does not fit the file's vocabulary ------------------ */

static int open_session(struct session *s, char *err, size_t cap, const char *text,
                        const char *init)
{
    char *argv[] = {"rnnstep", "--batch", "--text", (char *)text, "--init", (char *)init, NULL};
    struct options o;
    assert_int_equal(options_parse(6, argv, &o, err, cap), 0);
    return session_open(s, &o, err, cap);
}

static void test_text_character_missing_from_vocabulary(void **state)
{
    struct tmpdir *d = *state;
    struct session s;
    char err[512] = "";
    assert_int_equal(open_session(&s, err, sizeof err, "hello",
                                  RNNSTEP_SOURCE_DIR "/assets/examples/hello.json"),
                     0);
    struct rnn_view v;
    rnn_engine_view(s.engine, &v);
    double builtin[14];
    rnn_init_hello(builtin);
    assert_memory_equal(v.theta.U, builtin, sizeof builtin);
    session_close(&s);

    write_file(d->file, "{\"format\": \"rnnstep-params\", \"version\": 1, \"vocab\": \"helo\", "
                        "\"hidden\": 1, \"U\": [[1, 2, 3, 4]], \"W\": [[0]], \"b\": [0], "
                        "\"V\": [[1], [2], [3], [4]], \"c\": [0, 0, 0, 0]}");
    assert_int_equal(open_session(&s, err, sizeof err, "hell\xc3\xb6", d->file), -1);
    expect_error(err, d->file, "text not in vocabulary");
    expect_error(err, "'\xc3\xb6' (U+00F6) is missing", "text not in vocabulary");
    session_close(&s);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, make_tmpdir, remove_tmpdir)
    const struct CMUnitTest tests[] = {
        T(test_round_trip_awkward_values),
        T(test_round_trip_random_shapes),
        cmocka_unit_test(test_hello_json_is_the_builtin_default),
        cmocka_unit_test(test_valid_document_parses),
        cmocka_unit_test(test_each_bad_document_gets_its_error),
        cmocka_unit_test(test_malformed_json_names_line_and_column),
        cmocka_unit_test(test_parser_out_of_memory_says_so),
        T(test_load_from_files),
        T(test_non_finite_parameters_are_not_saved),
        T(test_failed_write_keeps_old_file),
        T(test_read_only_directory),
        T(test_save_into_missing_directory),
        T(test_save_replaces_existing_file),
        T(test_text_character_missing_from_vocabulary),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
