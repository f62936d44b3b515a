/* Training text: strict UTF-8 decoding into code points, the vocabulary in
 * first-appearance order and its limits, and the errors with their offsets. */
#include "support.h"

static enum rnn_text_status vocab_status(const char *buf, size_t len, struct rnn_vocab *v,
                                         struct rnn_text_error *err)
{
    memset(err, 0, sizeof *err);
    return rnn_vocab_from_utf8(buf, len, v, err);
}

static void test_hello_vocabulary_in_first_appearance_order(void **state)
{
    (void)state;
    struct rnn_vocab v;
    struct rnn_text_error err;
    assert_int_equal(vocab_status("hello", 5, &v, &err), RNN_TEXT_OK);
    const uint32_t helo[] = {'h', 'e', 'l', 'o'};
    assert_int_equal(v.size, 4);
    assert_memory_equal(v.chars, helo, sizeof helo);

    struct rnn_text t;
    assert_int_equal(rnn_text_encode("hello", 5, &v, &t, &err), RNN_TEXT_OK);
    const uint8_t ids[] = {0, 1, 2, 2, 3};
    assert_int_equal(t.len, 5);
    assert_memory_equal(t.ids, ids, sizeof ids);
    rnn_text_free(&t);
    assert_null(t.ids);
}

/* Characters are code points, not bytes: "héllo" is 5 characters, 4 distinct. */
static void test_utf8_characters_are_code_points(void **state)
{
    (void)state;
    const char *text = "h\xc3\xa9llo";
    struct rnn_vocab v;
    struct rnn_text_error err;
    assert_int_equal(vocab_status(text, strlen(text), &v, &err), RNN_TEXT_OK);
    const uint32_t chars[] = {'h', 0xE9, 'l', 'o'};
    assert_int_equal(v.size, 4);
    assert_memory_equal(v.chars, chars, sizeof chars);
    struct rnn_text t;
    assert_int_equal(rnn_text_encode(text, strlen(text), &v, &t, &err), RNN_TEXT_OK);
    assert_int_equal(t.len, 5);
    assert_int_equal(t.ids[1], 1);
    rnn_text_free(&t);

    char out[32];
    assert_int_equal(rnn_vocab_to_utf8(&v, out, sizeof out), 5);
    assert_string_equal(out, "h\xc3\xa9lo");
}

static void test_decode_one_lengths(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
        uint32_t cp;
    } good[] = {
        {"A", 1, 'A'},
        {"\x7f", 1, 0x7F},
        {"\xc2\x80", 2, 0x80},
        {"\xdf\xbf", 2, 0x7FF},
        {"\xe0\xa0\x80", 3, 0x800},
        {"\xe2\x82\xac", 3, 0x20AC},
        {"\xed\x9f\xbf", 3, 0xD7FF},
        {"\xee\x80\x80", 3, 0xE000},
        {"\xef\xbf\xbf", 3, 0xFFFF},
        {"\xf0\x90\x80\x80", 4, 0x10000},
        {"\xf0\x9f\x98\x80", 4, 0x1F600},
        {"\xf4\x8f\xbf\xbf", 4, 0x10FFFF},
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        uint32_t cp = 0;
        char back[4];
        assert_int_equal(
            rnn_utf8_decode_one((const unsigned char *)good[i].bytes, good[i].len, &cp),
            good[i].len);
        assert_int_equal(cp, good[i].cp);
        assert_int_equal(rnn_utf8_encode_one(cp, back), good[i].len);
        assert_memory_equal(back, good[i].bytes, good[i].len);
    }
}

static void test_decode_one_rejects_invalid(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
    } bad[] = {
        {"\x80", 1},             /* lone continuation byte */
        {"\xbf", 1},             /* lone continuation byte */
        {"\xc0\xaf", 2},         /* overlong '/' */
        {"\xc1\xbf", 2},         /* overlong */
        {"\xe0\x80\xaf", 3},     /* overlong */
        {"\xf0\x80\x80\xaf", 4}, /* overlong */
        {"\xed\xa0\x80", 3},     /* surrogate U+D800 */
        {"\xed\xbf\xbf", 3},     /* surrogate U+DFFF */
        {"\xf4\x90\x80\x80", 4}, /* above U+10FFFF */
        {"\xf5\x80\x80\x80", 4}, /* invalid lead byte */
        {"\xff", 1},
        {"\xc3", 1},             /* truncated */
        {"\xe2\x82", 2},         /* truncated */
        {"\xc3\x28", 2},         /* bad continuation */
        {"\xf0\x9f\x98\x28", 4}, /* bad continuation */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        uint32_t cp = 0;
        if (rnn_utf8_decode_one((const unsigned char *)bad[i].bytes, bad[i].len, &cp) != 0)
            fail_msg("case %zu decoded as U+%04X", i, (unsigned)cp);
    }
}

/* The error names the byte offset of the first bad byte. */
static void test_invalid_utf8_offsets(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t offset;
    } cases[] = {
        {"\xff"
         "abc",
         0},
        {"ab\x80", 2},
        {"h\xc3\xa9ll\xc3", 5},
        {"h\xc3\xa9l\xed\xa0\x80o", 4},
        {"\xe2\x82\xac\xe2\x82\xac\xc0\x80", 6},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct rnn_vocab v;
        struct rnn_text_error err;
        assert_int_equal(vocab_status(cases[i].text, strlen(cases[i].text), &v, &err),
                         RNN_TEXT_BAD_UTF8);
        assert_int_equal(err.status, RNN_TEXT_BAD_UTF8);
        assert_int_equal(err.offset, cases[i].offset);
        char line[160];
        rnn_text_error_describe(&err, line, sizeof line);
        char want[64];
        snprintf(want, sizeof want, "invalid UTF-8 at byte offset %zu", cases[i].offset);
        assert_string_equal(line, want);
    }
}

static void test_nul_is_refused(void **state)
{
    (void)state;
    const char text[] = "he\0llo";
    struct rnn_vocab v;
    struct rnn_text_error err;
    assert_int_equal(vocab_status(text, sizeof text - 1, &v, &err), RNN_TEXT_NUL);
    assert_int_equal(err.offset, 2);
    char line[160];
    rnn_text_error_describe(&err, line, sizeof line);
    assert_non_null(strstr(line, "NUL byte at byte offset 2"));
    /* An overlong NUL is invalid UTF-8, not a way around the rule. */
    assert_int_equal(vocab_status("he\xc0\x80", 4, &v, &err), RNN_TEXT_BAD_UTF8);
}

/* Appends the UTF-8 of n distinct characters starting at U+0100. */
static size_t distinct_chars(char *out, int n)
{
    size_t len = 0;
    for (int i = 0; i < n; i++)
        len += rnn_utf8_encode_one(0x100 + (uint32_t)i, out + len);
    return len;
}

static void test_vocabulary_limit_256(void **state)
{
    (void)state;
    char buf[4 * 300];
    struct rnn_vocab v;
    struct rnn_text_error err;
    size_t len = distinct_chars(buf, RNN_VOCAB_MAX);
    assert_int_equal(vocab_status(buf, len, &v, &err), RNN_TEXT_OK);
    assert_int_equal(v.size, RNN_VOCAB_MAX);
    for (int i = 0; i < RNN_VOCAB_MAX; i++)
        assert_int_equal(rnn_vocab_index(&v, 0x100 + (uint32_t)i), i);

    /* Repeats do not count against the limit... */
    memcpy(buf + len, buf, 20);
    assert_int_equal(vocab_status(buf, len + 20, &v, &err), RNN_TEXT_OK);
    /* ...but a 257th distinct character does, at its offset. */
    len = distinct_chars(buf, RNN_VOCAB_MAX + 1);
    assert_int_equal(vocab_status(buf, len, &v, &err), RNN_TEXT_VOCAB_FULL);
    assert_int_equal(err.offset, 2 * RNN_VOCAB_MAX);
}

static void test_encode_with_a_given_vocabulary(void **state)
{
    (void)state;
    struct rnn_vocab v;
    struct rnn_text_error err;
    assert_int_equal(vocab_status("olhe", 4, &v, &err), RNN_TEXT_OK);
    struct rnn_text t;
    assert_int_equal(rnn_text_encode("hello", 5, &v, &t, &err), RNN_TEXT_OK);
    const uint8_t ids[] = {2, 3, 1, 1, 0};
    assert_memory_equal(t.ids, ids, sizeof ids);
    rnn_text_free(&t);

    assert_int_equal(rnn_text_encode("hel\xc3\xb6", 5, &v, &t, &err), RNN_TEXT_NOT_IN_VOCAB);
    assert_int_equal(err.codepoint, 0xF6);
    assert_int_equal(err.offset, 3);
    assert_null(t.ids);
    char line[160];
    rnn_text_error_describe(&err, line, sizeof line);
    assert_non_null(strstr(line, "U+00F6 at byte offset 3"));
}

static void test_too_short(void **state)
{
    (void)state;
    struct rnn_vocab v;
    struct rnn_text_error err;
    struct rnn_text t;
    assert_int_equal(vocab_status("h", 1, &v, &err), RNN_TEXT_OK);
    assert_int_equal(rnn_text_encode("h", 1, &v, &t, &err), RNN_TEXT_TOO_SHORT);
    assert_int_equal(rnn_text_encode("", 0, &v, &t, &err), RNN_TEXT_TOO_SHORT);
    assert_int_equal(rnn_text_encode("\xc3\xa9", 2, &v, &t, &err), RNN_TEXT_NOT_IN_VOCAB);
    assert_int_equal(rnn_text_encode("hh", 2, &v, &t, &err), RNN_TEXT_OK);
    assert_int_equal(t.len, 2);
    rnn_text_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hello_vocabulary_in_first_appearance_order),
        cmocka_unit_test(test_utf8_characters_are_code_points),
        cmocka_unit_test(test_decode_one_lengths),
        cmocka_unit_test(test_decode_one_rejects_invalid),
        cmocka_unit_test(test_invalid_utf8_offsets),
        cmocka_unit_test(test_nul_is_refused),
        cmocka_unit_test(test_vocabulary_limit_256),
        cmocka_unit_test(test_encode_with_a_given_vocabulary),
        cmocka_unit_test(test_too_short),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
