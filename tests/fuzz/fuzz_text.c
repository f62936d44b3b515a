/* libFuzzer target: the UTF-8 text loader. The first byte splits the input
 * into a vocabulary source and a text, so encoding also meets characters
 * missing from the vocabulary. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rnnstep/text.h"

/* The vocabulary written out as UTF-8 must read back as itself. */
static void check_vocab_round_trip(const struct rnn_vocab *v)
{
    char buf[RNN_VOCAB_MAX * 4 + 1];
    size_t n = rnn_vocab_to_utf8(v, buf, sizeof buf);
    struct rnn_vocab back;
    struct rnn_text_error err;
    if (rnn_vocab_from_utf8(buf, n, &back, &err) != RNN_TEXT_OK || back.size != v->size ||
        memcmp(back.chars, v->chars, sizeof(uint32_t) * (size_t)v->size) != 0)
        abort();
}

static void check_encoded(const struct rnn_text *t, const struct rnn_vocab *v, size_t bytes)
{
    if (t->len < 2 || t->len > bytes)
        abort();
    for (size_t i = 0; i < t->len; i++)
        if (t->ids[i] >= v->size)
            abort();
}

/* Encodes text with vocab; a failure must leave nothing allocated. */
static enum rnn_text_status encode(const char *text, size_t len, const struct rnn_vocab *v)
{
    struct rnn_text t;
    struct rnn_text_error err;
    enum rnn_text_status st = rnn_text_encode(text, len, v, &t, &err);
    if (st == RNN_TEXT_OK) {
        check_encoded(&t, v, len);
        rnn_text_free(&t);
        return st;
    }
    if (err.status != st || t.ids != NULL)
        abort();
    char why[200];
    rnn_text_error_describe(&err, why, sizeof why);
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t split = data[0] % size;
    const char *all = (const char *)data + 1;
    size_t len = size - 1;

    struct rnn_vocab v;
    struct rnn_text_error err;
    if (rnn_vocab_from_utf8(all, len, &v, &err) == RNN_TEXT_OK) {
        check_vocab_round_trip(&v);
        enum rnn_text_status st = encode(all, len, &v);
        if (st != RNN_TEXT_OK && st != RNN_TEXT_TOO_SHORT) /* its own vocabulary */
            abort();
    }
    if (split <= len && rnn_vocab_from_utf8(all, split, &v, &err) == RNN_TEXT_OK)
        encode(all + split, len - split, &v);
    return 0;
}
