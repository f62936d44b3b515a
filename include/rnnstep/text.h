/* Training text: UTF-8 decoding into code points, the vocabulary in
 * first-appearance order, and the text encoded as vocabulary indices. */
#ifndef RNNSTEP_TEXT_H
#define RNNSTEP_TEXT_H

#include <stddef.h>
#include <stdint.h>

#define RNN_VOCAB_MAX 256

enum rnn_text_status {
    RNN_TEXT_OK = 0,
    RNN_TEXT_BAD_UTF8,     /* invalid UTF-8; error_offset is the byte offset */
    RNN_TEXT_NUL,          /* a NUL byte; error_offset is the byte offset */
    RNN_TEXT_TOO_SHORT,    /* fewer than two characters: nothing to predict */
    RNN_TEXT_VOCAB_FULL,   /* more than RNN_VOCAB_MAX distinct characters */
    RNN_TEXT_NOT_IN_VOCAB, /* a character missing from a given vocabulary */
    RNN_TEXT_NO_MEMORY,
};

struct rnn_vocab {
    int size;
    uint32_t chars[RNN_VOCAB_MAX]; /* code points, in index order */
};

/* A text encoded as vocabulary indices (one byte each: the vocabulary holds at
 * most 256 characters, so a 100 MB corpus costs 100 MB once). */
struct rnn_text {
    uint8_t *ids;
    size_t len; /* in characters (code points) */
};

struct rnn_text_error {
    enum rnn_text_status status;
    size_t offset;      /* byte offset of the problem, where it has one */
    uint32_t codepoint; /* the offending character, for NOT_IN_VOCAB */
};

/* Decodes one UTF-8 sequence at s[0..len). Returns its length in bytes and
 * stores the code point, or returns 0 when the bytes are not valid UTF-8
 * (overlong forms, surrogates and values above U+10FFFF are invalid). */
size_t rnn_utf8_decode_one(const unsigned char *s, size_t len, uint32_t *cp);

/* Encodes cp as UTF-8 into out (at least 4 bytes); returns the byte count. */
size_t rnn_utf8_encode_one(uint32_t cp, char *out);

/* Builds the vocabulary of a UTF-8 buffer in order of first appearance. */
enum rnn_text_status rnn_vocab_from_utf8(const char *buf, size_t len, struct rnn_vocab *vocab,
                                         struct rnn_text_error *err);

/* Index of cp in vocab, or -1. */
int rnn_vocab_index(const struct rnn_vocab *vocab, uint32_t cp);

/* Encodes a UTF-8 buffer with a given vocabulary. On success text->ids is
 * malloc'ed (free with rnn_text_free). */
enum rnn_text_status rnn_text_encode(const char *buf, size_t len, const struct rnn_vocab *vocab,
                                     struct rnn_text *text, struct rnn_text_error *err);

void rnn_text_free(struct rnn_text *text);

/* Writes the vocabulary as UTF-8 into out (NUL-terminated, at most cap bytes);
 * returns the byte length. */
size_t rnn_vocab_to_utf8(const struct rnn_vocab *vocab, char *out, size_t cap);

/* One line describing the error, for messages such as "rnnstep: FILE: <desc>". */
void rnn_text_error_describe(const struct rnn_text_error *err, char *out, size_t cap);

#endif
