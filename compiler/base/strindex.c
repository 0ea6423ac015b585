/* strindex.c — open addressing with linear probing, at most half full; see
 * strindex.h. */
#include "strindex.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* FNV-1a, 64 bits. */
static uint64_t hash_of(const char *s)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) h = (h ^ *p) * 0x100000001b3u;
    return h;
}

void strindex_done(strindex *ix)
{
    free(ix->slots);
    *ix = (strindex){ 0 };
}

static strindex_slot *find(const strindex *ix, const char *key, uint64_t h)
{
    size_t mask = ix->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        strindex_slot *s = &ix->slots[i];
        if (!s->key || (s->hash == h && strcmp(s->key, key) == 0)) return s;
    }
}

int strindex_get(const strindex *ix, const char *key)
{
    if (ix->n == 0) return -1;
    strindex_slot *s = find(ix, key, hash_of(key));
    return s->key ? s->value : -1;
}

static void grow(strindex *ix)
{
    strindex old = *ix;
    ix->cap = old.cap ? old.cap * 2 : 16;
    ix->slots = xcalloc(ix->cap, sizeof *ix->slots);
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].key) *find(ix, old.slots[i].key, old.slots[i].hash) = old.slots[i];
    free(old.slots);
}

int strindex_put(strindex *ix, const char *key, int value)
{
    if ((ix->n + 1) * 2 > ix->cap) grow(ix);
    uint64_t h = hash_of(key);
    strindex_slot *s = find(ix, key, h);
    if (s->key) {
        int old = s->value;
        s->value = value;
        return old;
    }
    *s = (strindex_slot){ key, h, value };
    ix->n++;
    return -1;
}
