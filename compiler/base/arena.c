/* arena.c — chunked bump allocator; see arena.h. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
    arena_chunk *next;
    size_t used, cap;
    max_align_t data[];
};

enum { ARENA_CHUNK_MIN = 64 * 1024 };

static void die_oom(size_t size)
{
    fprintf(stderr, "reportc: fatal: out of memory (allocating %zu bytes)\n", size);
    exit(3);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) die_oom(size);
    return p;
}

void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q) die_oom(size);
    return q;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) die_oom(n * size);
    return p;
}

void arena_init(arena *a) { a->head = NULL; }

void arena_done(arena *a)
{
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}

arena_mark arena_save(const arena *a)
{
    return (arena_mark){ a->head, a->head ? a->head->used : 0 };
}

void arena_restore(arena *a, arena_mark m)
{
    while (a->head != m.head) {
        arena_chunk *next = a->head->next;
        free(a->head);
        a->head = next;
    }
    if (a->head) a->head->used = m.used;
}

/* Sizes are kept multiples of the alignment of any type. */
static size_t aligned(size_t size)
{
    const size_t align = sizeof(max_align_t);
    return (size + align - 1) / align * align;
}

/* `size` bytes (aligned()) of the arena, not yet zeroed. */
static void *bump(arena *a, size_t size)
{
    arena_chunk *c = a->head;
    if (!c || c->cap - c->used < size) {
        size_t cap = size > ARENA_CHUNK_MIN ? size : ARENA_CHUNK_MIN;
        c = xmalloc(sizeof *c + cap);
        c->used = 0;
        c->cap = cap;
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    return p;
}

void *arena_alloc(arena *a, size_t size)
{
    size = aligned(size);
    void *p = bump(a, size);
    memset(p, 0, size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *d = arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return d;
}

void arena_grow(arena *a, void **items, int *cap, int need, size_t elem)
{
    if (need <= *cap) return;
    int ncap = *cap ? *cap * 2 : 8;
    while (ncap < need) ncap *= 2;
    /* Only what the copy leaves is zeroed: zeroing the whole block first
       was most of the cost of growing a page's long item list. */
    size_t old = *items ? (size_t)*cap * elem : 0, size = aligned((size_t)ncap * elem);
    char *n = bump(a, size);
    if (old) memcpy(n, *items, old);
    memset(n + old, 0, size - old);
    *items = n;
    *cap = ncap;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}
