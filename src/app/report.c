/* One line per error on standard error, with its control characters quoted. */
#include "report.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rnnstep/text.h"

/* C0 controls, DEL and the C1 controls (U+0080..U+009F: some terminals act on them). */
static int is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

static const char *short_escape(uint32_t cp)
{
    switch (cp) {
    case '\n': return "\\n";
    case '\t': return "\\t";
    case '\r': return "\\r";
    default: return NULL;
    }
}

void quote_controls(const char *s, char *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), n = 0;
    if (cap == 0)
        return;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = rnn_utf8_decode_one(p + i, len - i, &cp);
        char piece[16];
        if (k == 0 || is_control(cp)) {
            const char *esc = k ? short_escape(cp) : NULL;
            /* A C1 control is two bytes of UTF-8: show both, as the file has them. */
            size_t bytes = k ? k : 1, w = 0;
            if (esc)
                w = (size_t)snprintf(piece, sizeof piece, "%s", esc);
            else
                for (size_t b = 0; b < bytes; b++)
                    w += (size_t)snprintf(piece + w, sizeof piece - w, "\\x%02X", p[i + b]);
            k = bytes;
            if (n + w >= cap)
                break;
            memcpy(out + n, piece, w);
            n += w;
        } else {
            if (n + k >= cap)
                break;
            memcpy(out + n, p + i, k);
            n += k;
        }
        i += k;
    }
    out[n] = '\0';
}

void report_error(const char *fmt, ...)
{
    char raw[2048], quoted[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    quote_controls(raw, quoted, sizeof quoted);
    fprintf(stderr, "rnnstep: %s\n", quoted);
}
