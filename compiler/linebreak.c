/* linebreak.c — see linebreak.h. */
#include "linebreak.h"
#include "text_clreq.h"

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

/* True when range r holds one Han character and nothing but closing marks. */
static bool lone_char(const text_item *items, const line_range *r)
{
    int han = 0, other = 0;
    for (int i = r->start; i < r->end; i++) {
        if (clreq_is_han(items[i].cp)) han++;
        else if (!clreq_no_line_start(items[i].cp)) other++;
    }
    return han == 1 && other == 0;
}

int linebreak_avoid_lone_char(arena *a, const text_item *items, int n, mpt_t width, line_range **lines,
                              int count)
{
    if (count < 2 || !lone_char(items, &(*lines)[count - 1])) return count;
    line_range *prev = &(*lines)[count - 2];
    int cut = -1;
    for (int i = prev->end - 1; i > prev->start + 1 && cut < 0; i--)
        if (items[i].break_before) cut = i;
    if (cut < 0) return count;
    /* Only the last two lines change: the earlier ones keep their breaks. */
    line_range *tail;
    int tail_count = linebreak_greedy(a, items + cut, n - cut, width, width, &tail);
    if (tail_count != 1) return count;   /* pulling a character down would add a line */
    line_range *out = arena_alloc(a, (size_t)count * sizeof *out);
    for (int i = 0; i < count - 2; i++) out[i] = (*lines)[i];
    int end = cut;
    while (end > prev->start && items[end - 1].space) end--;
    out[count - 2] = (line_range){ prev->start, end, text_width(items + prev->start, end - prev->start) };
    out[count - 1] = (line_range){ tail[0].start + cut, tail[0].end + cut, tail[0].natural };
    *lines = out;
    return count;
}
