/* The lesson parser (src/app/lesson.c): steps, keys and settings of a lesson
 * file, a --record recording read as a lesson, and the message for each kind
 * of mistake, naming the file and the line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/lesson.h"
#include "app/options.h"
#include "tui/input.h"

static char dir[] = "/tmp/rnnstep-lesson-XXXXXX";

static int make_dir(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

/* Writes content to dir/name and returns the path (static storage). */
static const char *write_lesson(const char *name, const char *content)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(content, fp);
    fclose(fp);
    return path;
}

static void defaults(struct options *o)
{
    char *argv[] = {"rnnstep", NULL};
    char err[256];
    assert_int_equal(options_parse(1, argv, o, err, sizeof err), 0);
}

static void test_steps_keys_and_settings(void **state)
{
    (void)state;
    const char *path = write_lesson("full.txt", "# The worked example\n"
                                                "text hello world\n"
                                                "hidden 3\n"
                                                "lr 0.5\n"
                                                "\n"
                                                "say The forward pass.\n"
                                                "pause\n"
                                                "keys 4n <Tab>x<lt>\n"
                                                "keys e\n"
                                                "ask Which character comes next?\n"
                                                "keys <Left><Esc><Space><Enter>\n");
    struct options o;
    defaults(&o);
    struct lesson l;
    char err[512] = "";
    assert_int_equal(lesson_load(path, &l, &o, err, sizeof err), 0);
    assert_string_equal(o.text, "hello world");
    assert_int_equal(o.hidden, 3);
    assert_true(o.settings.lr == 0.5);
    assert_false(l.recording);
    assert_int_equal(l.nsteps, 5);
    assert_int_equal(l.nstops, 2);
    assert_int_equal(l.steps[0].kind, LESSON_SAY);
    assert_string_equal(l.steps[0].text, "The forward pass.");
    assert_int_equal(l.steps[0].line, 6);
    assert_int_equal(l.steps[1].kind, LESSON_PAUSE);
    /* Two keys lines in a row are one step. */
    const int want[] = {'4', 'n', INPUT_KEY_TAB, 'x', '<', 'e'};
    assert_int_equal(l.steps[2].kind, LESSON_KEYS);
    assert_int_equal(l.steps[2].nkeys, 6);
    assert_memory_equal(l.steps[2].keys, want, sizeof want);
    assert_int_equal(l.steps[3].kind, LESSON_ASK);
    assert_string_equal(l.steps[3].text, "Which character comes next?");
    const int last[] = {INPUT_KEY_LEFT, INPUT_KEY_ESCAPE, ' ', '\n'};
    assert_int_equal(l.steps[4].nkeys, 4);
    assert_memory_equal(l.steps[4].keys, last, sizeof last);
    lesson_free(&l);
}

/* What --record writes: the header, then one key code a line, "tick" for an
 * autoplay tick, and the 'q' that ended the session (not a key to press). */
static void test_recording_is_a_lesson(void **state)
{
    (void)state;
    const char *path = write_lesson("rec.txt", "rnnstep-record 1\n"
                                               "settings --text, hidden 2, sgd lr 0.1, clip 0\n"
                                               "fingerprint 0123456789abcdef\n"
                                               "text abcab\n"
                                               "hidden 2\n"
                                               "keys\n"
                                               "110\n"
                                               "32\n"
                                               "tick\n"
                                               "260\n"
                                               "113\n");
    struct options o;
    defaults(&o);
    struct lesson l;
    char err[512] = "";
    assert_int_equal(lesson_load(path, &l, &o, err, sizeof err), 0);
    assert_true(l.recording);
    assert_string_equal(o.text, "abcab");
    assert_int_equal(o.hidden, 2);
    assert_int_equal(l.nsteps, 1);
    const int want[] = {'n', ' ', LESSON_TICK, INPUT_KEY_LEFT};
    assert_int_equal(l.steps[0].nkeys, 4);
    assert_memory_equal(l.steps[0].keys, want, sizeof want);
    lesson_free(&l);
}

/* A recording with say and pause lines added by hand. */
static void test_recording_with_captions(void **state)
{
    (void)state;
    const char *path = write_lesson("rec2.txt", "rnnstep-record 1\n"
                                                "keys\n"
                                                "say First step.\n"
                                                "110\n"
                                                "pause\n"
                                                "110\n"
                                                "110\n");
    struct options o;
    defaults(&o);
    struct lesson l;
    char err[512] = "";
    assert_int_equal(lesson_load(path, &l, &o, err, sizeof err), 0);
    assert_int_equal(l.nsteps, 4);
    assert_int_equal(l.steps[1].nkeys, 1);
    assert_int_equal(l.steps[3].nkeys, 2);
    assert_int_equal(l.nstops, 1);
    lesson_free(&l);
}

static void test_paths_next_to_the_lesson(void **state)
{
    (void)state;
    write_lesson("corpus.txt", "hello hello hello\n");
    const char *path = write_lesson("paths.txt", "text-file corpus.txt\nseq-length 4\nkeys n\n");
    struct options o;
    defaults(&o);
    struct lesson l;
    char err[512] = "", want[300];
    assert_int_equal(lesson_load(path, &l, &o, err, sizeof err), 0);
    snprintf(want, sizeof want, "%s/corpus.txt", dir);
    assert_string_equal(o.text_file, want);
    assert_int_equal(o.seq_length, 4);
    lesson_free(&l);
}

/* Each mistake is refused with "FILE: line N: problem". */
static void test_errors_name_file_and_line(void **state)
{
    (void)state;
    static const struct {
        const char *content, *message;
    } cases[] = {
        {"say hi\nkeys nnq\n", "line 2: 'q' would quit"},
        {"keys <C-u>\nkeys \x03\n", "line 2: Ctrl-C would quit"},
        {"sya hello\n", "line 1: unknown command 'sya'"},
        {"hidden 3x\n", "line 1: hidden: '3x' is not a whole number from 1 to 1024"},
        {"lr\n", "line 1: 'lr' needs a value"},
        {"optimizer adamw\n", "line 1: optimizer: 'adamw' is not one of sgd"},
        {"keys n\nhidden 2\n", "line 2: the setting 'hidden' comes after the first step"},
        {"hidden 2\nseed 1\nhidden 3\n", "line 3: 'hidden' is set twice (first on line 1)"},
        {"keys <Foo>\n", "line 1: unknown key <Foo>"},
        {"keys n<Left\n", "line 1: '<' opens a key name that is not closed"},
        {"keys\n", "line 1: 'keys' needs the keys to press"},
        {"keys    \n", "line 1: 'keys' needs the keys to press"},
        {"say\n", "line 1: 'say' needs a text"},
        {"ask \n", "line 1: 'ask' needs a text"},
        {"pause now\n", "line 1: 'pause' takes nothing after it"},
        {"keys n\xc3\xa9\n", "line 1: '\xc3\xa9' is not a key"},
        {"rnnstep-record 1\nkeys\n110\nkeys nq\n", "line 4: 'q' would quit"},
        {"rnnstep-record 1\nkeys\n110\n3\n110\n", "line 4: Ctrl-C would quit"},
        {"rnnstep-record 1\nkeys\n110\n99999\n", "line 4: '99999' is not a key code"},
        {"# only a comment\n\n", "nothing to play"},
        {"text ab\ntext-file x\nkeys n\n", "--text and --text-file cannot be used together"},
        {"settings x\n", "unknown command 'settings'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *path = write_lesson("bad.txt", cases[i].content);
        struct options o;
        defaults(&o);
        struct lesson l;
        char err[512] = "";
        assert_int_equal(lesson_load(path, &l, &o, err, sizeof err), -1);
        if (strncmp(err, path, strlen(path)) != 0 || !strstr(err, cases[i].message))
            fail_msg("case %zu: message \"%s\" lacks \"%s: ...%s\"", i, err, path,
                     cases[i].message);
        assert_null(l.steps);
    }
}

static void test_missing_file(void **state)
{
    (void)state;
    struct options o;
    defaults(&o);
    struct lesson l;
    char err[512] = "";
    assert_int_equal(lesson_load("/nonexistent/lesson.txt", &l, &o, err, sizeof err), -1);
    assert_string_equal(err, "/nonexistent/lesson.txt: No such file or directory");
}

/* The lessons in assets/lessons/ parse, set their own text and stop at
 * least once for the presenter. */
static void test_shipped_lessons(void **state)
{
    (void)state;
    static const char *const names[] = {"worked-example", "vanishing-gradients",
                                        "exploding-gradients"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[512], err[512] = "";
        snprintf(path, sizeof path, "%s/assets/lessons/%s.lesson", RNNSTEP_SOURCE_DIR, names[i]);
        struct options o;
        defaults(&o);
        struct lesson l;
        if (lesson_load(path, &l, &o, err, sizeof err) != 0)
            fail_msg("%s", err);
        assert_non_null(o.text);
        assert_true(l.nstops >= 5);
        lesson_free(&l);
    }
}

static void test_key_names(void **state)
{
    (void)state;
    char buf[32];
    lesson_key_name('n', buf, sizeof buf);
    assert_string_equal(buf, "n");
    lesson_key_name(INPUT_KEY_LEFT, buf, sizeof buf);
    assert_string_equal(buf, "<Left>");
    lesson_key_name(' ', buf, sizeof buf);
    assert_string_equal(buf, "<Space>");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_steps_keys_and_settings),
        cmocka_unit_test(test_recording_is_a_lesson),
        cmocka_unit_test(test_recording_with_captions),
        cmocka_unit_test(test_paths_next_to_the_lesson),
        cmocka_unit_test(test_errors_name_file_and_line),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_shipped_lessons),
        cmocka_unit_test(test_key_names),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
