/* arena.h — bump allocation for a stage's output, freed in one call.
 *
 * Out of memory is the one fatal path of the compiler: it prints a message
 * and exits with status 3 (arena.c is, with main.c, the only place that may). */
#ifndef REPORTC_ARENA_H
#define REPORTC_ARENA_H

#include <stddef.h>

typedef struct arena_chunk arena_chunk;

typedef struct arena {
    arena_chunk *head;
} arena;

/* Initialises an empty arena (embedded by value). */
void arena_init(arena *a);
/* Frees every allocation of the arena at once. */
void arena_done(arena *a);

/* A point to come back to: arena_restore frees everything allocated after
 * arena_save (scratch memory of one table, one page piece — reused rather
 * than grown, since first touches of fresh pages are costly). */
typedef struct arena_mark {
    arena_chunk *head;
    size_t used;
} arena_mark;

arena_mark arena_save(const arena *a);
void arena_restore(arena *a, arena_mark m);

/* Zeroed memory, aligned for any type, owned by the arena. */
void *arena_alloc(arena *a, size_t size);
/* Copies n bytes of s plus a NUL terminator into the arena. */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
/* printf into the arena. */
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Growable array helper: ensures *items has room for need elements of size
 * elem, doubling *cap; the old block is simply abandoned in the arena. */
void arena_grow(arena *a, void **items, int *cap, int need, size_t elem);

/* malloc/realloc that treat exhaustion as the fatal OOM path. */
void *xmalloc(size_t size);
void *xrealloc(void *p, size_t size);
void *xcalloc(size_t n, size_t size);
char *xstrdup(const char *s);

#endif
