/* fill.c — see fill.h. */
#include "fill.h"

#include <string.h>

/* The value for the hole at p ("{name}…"), its length in *hole; or NULL. */
static const char *value_at(const char *p, const char *const *pairs, size_t *hole)
{
    if (*p != '{') return NULL;
    for (int i = 0; pairs[i]; i += 2) {
        size_t k = strlen(pairs[i]);
        if (strncmp(p + 1, pairs[i], k) == 0 && p[1 + k] == '}') {
            *hole = k + 2;
            return pairs[i + 1];
        }
    }
    return NULL;
}

const char *fill_placeholders(arena *a, const char *pattern, const char *const *pairs)
{
    /* Measured first, then written: a hole may occur any number of times. */
    size_t len = 0, hole;
    for (const char *p = pattern; *p;) {
        const char *v = value_at(p, pairs, &hole);
        len += v ? strlen(v) : 1;
        p += v ? hole : 1;
        if (len > FILL_MAX_BYTES) return NULL;
    }
    if (len > FILL_MAX_BYTES) return NULL;
    char *out = arena_alloc(a, len + 1), *w = out;
    for (const char *p = pattern; *p;) {
        const char *v = value_at(p, pairs, &hole);
        if (v) {
            size_t n = strlen(v);
            memcpy(w, v, n);
            w += n;
            p += hole;
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
    return out;
}
