/* strindex.h — a hash index from strings to ints, for the lookups that input
 * size can make quadratic: duplicate keys in a mapping of 300,000 keys,
 * anchors used far from where they were defined.
 *
 * The index does not copy keys: they must outlive it (they live in the
 * arena of the tree being built).  Memory is malloc'd (exhaustion is the
 * fatal OOM path of arena.h) and released by strindex_done. */
#ifndef REPORTC_STRINDEX_H
#define REPORTC_STRINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct strindex_slot {
    const char *key; /* NULL: empty slot */
    uint64_t hash;
    int value;
} strindex_slot;

typedef struct strindex {
    strindex_slot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t n;
} strindex;

/* An index starts zero-initialised ({ 0 }: empty); strindex_done frees it. */
void strindex_done(strindex *ix);

/* The value stored under key, or -1. */
int strindex_get(const strindex *ix, const char *key);
/* Stores value under key, replacing an earlier value; returns the earlier
 * value, or -1 if key was new. */
int strindex_put(strindex *ix, const char *key, int value);

#endif
