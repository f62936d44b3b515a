/* UTF-8 decoding and the vocabulary. The decoder is strict (RFC 3629) so that
 * a bad byte is reported with its offset instead of becoming a character. */
#include "rnnstep/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t rnn_utf8_decode_one(const unsigned char *s, size_t len, uint32_t *cp)
{
    if (len == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

size_t rnn_utf8_encode_one(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int rnn_vocab_index(const struct rnn_vocab *vocab, uint32_t cp)
{
    for (int i = 0; i < vocab->size; i++)
        if (vocab->chars[i] == cp)
            return i;
    return -1;
}

/* Calls visit(cp, offset, ctx) for each character; stops at the first
 * invalid byte or at a non-OK status from visit. */
typedef enum rnn_text_status (*utf8_visit_fn)(uint32_t cp, size_t offset, void *ctx);

static enum rnn_text_status utf8_walk(const char *buf, size_t len, utf8_visit_fn visit, void *ctx,
                                      struct rnn_text_error *err)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = rnn_utf8_decode_one(s + i, len - i, &cp);
        enum rnn_text_status st = RNN_TEXT_OK;
        if (n == 0)
            st = RNN_TEXT_BAD_UTF8;
        else if (cp == 0)
            st = RNN_TEXT_NUL;
        else
            st = visit(cp, i, ctx);
        if (st != RNN_TEXT_OK) {
            err->status = st;
            err->offset = i;
            err->codepoint = n ? cp : 0;
            return st;
        }
        i += n;
    }
    return RNN_TEXT_OK;
}

/* Code points below 128 are looked up in a table: text is mostly ASCII and
 * a 100 MB corpus should not pay a vocabulary scan per character. */
struct vocab_builder {
    struct rnn_vocab *vocab;
    int16_t ascii[128];
};

static int vocab_lookup(struct vocab_builder *b, uint32_t cp)
{
    return cp < 128 ? b->ascii[cp] : rnn_vocab_index(b->vocab, cp);
}

static enum rnn_text_status vocab_visit(uint32_t cp, size_t offset, void *ctx)
{
    (void)offset;
    struct vocab_builder *b = ctx;
    if (vocab_lookup(b, cp) >= 0)
        return RNN_TEXT_OK;
    if (b->vocab->size == RNN_VOCAB_MAX)
        return RNN_TEXT_VOCAB_FULL;
    if (cp < 128)
        b->ascii[cp] = (int16_t)b->vocab->size;
    b->vocab->chars[b->vocab->size++] = cp;
    return RNN_TEXT_OK;
}

static void builder_init(struct vocab_builder *b, struct rnn_vocab *vocab)
{
    b->vocab = vocab;
    for (int i = 0; i < 128; i++)
        b->ascii[i] = -1;
    for (int i = 0; i < vocab->size; i++)
        if (vocab->chars[i] < 128)
            b->ascii[vocab->chars[i]] = (int16_t)i;
}

enum rnn_text_status rnn_vocab_from_utf8(const char *buf, size_t len, struct rnn_vocab *vocab,
                                         struct rnn_text_error *err)
{
    vocab->size = 0;
    struct vocab_builder b;
    builder_init(&b, vocab);
    return utf8_walk(buf, len, vocab_visit, &b, err);
}

struct encoder {
    struct vocab_builder b;
    struct rnn_text *text;
};

static enum rnn_text_status encode_visit(uint32_t cp, size_t offset, void *ctx)
{
    (void)offset;
    struct encoder *enc = ctx;
    int id = vocab_lookup(&enc->b, cp);
    if (id < 0)
        return RNN_TEXT_NOT_IN_VOCAB;
    enc->text->ids[enc->text->len++] = (uint8_t)id;
    return RNN_TEXT_OK;
}

enum rnn_text_status rnn_text_encode(const char *buf, size_t len, const struct rnn_vocab *vocab,
                                     struct rnn_text *text, struct rnn_text_error *err)
{
    /* A UTF-8 text never has more characters than bytes. */
    text->len = 0;
    text->ids = malloc(len ? len : 1);
    if (!text->ids) {
        err->status = RNN_TEXT_NO_MEMORY;
        return RNN_TEXT_NO_MEMORY;
    }
    struct encoder enc = {.text = text};
    builder_init(&enc.b, (struct rnn_vocab *)vocab);
    enum rnn_text_status st = utf8_walk(buf, len, encode_visit, &enc, err);
    if (st == RNN_TEXT_OK && text->len < 2) {
        st = RNN_TEXT_TOO_SHORT;
        err->status = st;
        err->offset = 0;
    }
    if (st != RNN_TEXT_OK)
        rnn_text_free(text);
    return st;
}

void rnn_text_free(struct rnn_text *text)
{
    free(text->ids);
    text->ids = NULL;
    text->len = 0;
}

size_t rnn_vocab_to_utf8(const struct rnn_vocab *vocab, char *out, size_t cap)
{
    size_t n = 0;
    for (int i = 0; i < vocab->size; i++) {
        char tmp[4];
        size_t k = rnn_utf8_encode_one(vocab->chars[i], tmp);
        if (n + k + 1 > cap)
            break;
        memcpy(out + n, tmp, k);
        n += k;
    }
    if (cap)
        out[n] = '\0';
    return n;
}

void rnn_text_error_describe(const struct rnn_text_error *err, char *out, size_t cap)
{
    switch (err->status) {
    case RNN_TEXT_OK: snprintf(out, cap, "no error"); break;
    case RNN_TEXT_BAD_UTF8:
        snprintf(out, cap, "invalid UTF-8 at byte offset %zu", err->offset);
        break;
    case RNN_TEXT_NUL:
        snprintf(out, cap, "NUL byte at byte offset %zu (text must not contain NUL)", err->offset);
        break;
    case RNN_TEXT_TOO_SHORT:
        snprintf(out, cap, "text needs at least 2 characters (an input and a target)");
        break;
    case RNN_TEXT_VOCAB_FULL:
        snprintf(out, cap, "more than %d distinct characters (at byte offset %zu)", RNN_VOCAB_MAX,
                 err->offset);
        break;
    case RNN_TEXT_NOT_IN_VOCAB:
        snprintf(out, cap, "character U+%04X at byte offset %zu is not in the vocabulary",
                 (unsigned)err->codepoint, err->offset);
        break;
    case RNN_TEXT_NO_MEMORY: snprintf(out, cap, "out of memory"); break;
    }
}
