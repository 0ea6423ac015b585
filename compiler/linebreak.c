/* linebreak.c — see linebreak.h. */
#include "linebreak.h"

#include <stdbool.h>

/* True when the unbreakable stretch starting at `from` is wider than width. */
static bool segment_exceeds(const text_item *items, int n, int from, mpt_t width)
{
    mpt_t w = 0;
    for (int i = from; i < n && (i == from || !items[i].break_before); i++) {
        if (!items[i].space) w += items[i].advance;
        if (w > width) return true;
    }
    return false;
}

int linebreak_greedy(arena *a, const text_item *items, int n, mpt_t first_width, mpt_t width,
                     line_range **out)
{
    int cap = 0, count = 0;
    line_range *lines = NULL;
    int start = 0;
    while (start < n) {
        while (start < n && items[start].space) start++;  /* no space at a line start */
        if (start >= n) break;
        mpt_t avail = count == 0 ? first_width : width;
        mpt_t w = 0;
        int end = start, last_break = -1;
        while (end < n) {
            if (end > start && items[end].break_before) last_break = end;
            /* Trailing spaces hang: they never make a line overflow. */
            if (!items[end].space && w + items[end].advance > avail) break;
            w += items[end].advance + items[end].gap_after;
            end++;
        }
        if (end < n) {
            /* The last opportunity that fits — unless what follows it is wider than
               a whole line anyway: then cutting it here fills this line instead of
               leaving it half empty (a long number or URL). */
            if (last_break > start && !segment_exceeds(items, n, last_break, width)) end = last_break;
            else if (end == start) end = start + 1;             /* a character wider than the line */
            /* else: no opportunity at all — cut between characters at the edge */
        }
        int draw_end = end;
        while (draw_end > start && items[draw_end - 1].space) draw_end--;
        arena_grow(a, (void **)&lines, &cap, count + 1, sizeof *lines);
        lines[count++] = (line_range){ start, draw_end, text_width(items + start, draw_end - start) };
        start = end;
    }
    *out = lines;
    return count;
}
