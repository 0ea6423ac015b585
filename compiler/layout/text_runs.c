/* text_runs.c — see text_runs.h. */
#include "text_runs.h"

#include "linebreak.h"
#include "model/model.h"

/* The space after item k of a line [start, end): `extra` at a stretchable
 * gap; the last item's (never seen) counts as its neighbour's so that it
 * does not start a run of its own. */
static mpt_t after(const text_item *items, int k, int start, int end, mpt_t extra)
{
    if (extra == 0) return 0;   /* unjustified (table cells, ragged lines): no gap to look at */
    if (k + 1 < end) return linebreak_gap_stretches(items, k) ? extra : 0;
    return k > start ? after(items, k - 1, start, end, extra) : 0;
}

int text_runs_build(arena *a, const text_prep *tp, const text_item *items, int start, int end, mpt_t x, mpt_t extra,
                    frame_text **out, mpt_t *max_size)
{
    int n_runs = 0;
    mpt_t before = 0;   /* after() of the item before i: each item's is worked out once a pass */
    for (int i = start; i < end; i++) {
        mpt_t here = after(items, i, start, end, extra);
        if (i == start || items[i].face != items[i - 1].face || items[i].size != items[i - 1].size || here != before ||
            items[i - 1].gap_after || (items[i].flags & RUN_BOLD) != (items[i - 1].flags & RUN_BOLD))
            n_runs++;
        before = here;
    }
    frame_text *runs = arena_alloc(a, (size_t)(n_runs ? n_runs : 1) * sizeof *runs);
    int count = 0;
    *max_size = 0;
    for (int i = start; i < end;) {
        mpt_t tracking = after(items, i, start, end, extra);
        int j = i + 1;
        /* A run ends after a fixed gap: the next run starts past it. */
        while (j < end && items[j].face == items[i].face && items[j].size == items[i].size && !items[j - 1].gap_after &&
               (items[j].flags & RUN_BOLD) == (items[i].flags & RUN_BOLD) && after(items, j, start, end, extra) == tracking)
            j++;
        uint32_t *text = arena_alloc(a, (size_t)(j - i) * sizeof *text);
        for (int k = i; k < j; k++) text[k - i] = items[k].cp;
        bool bold = (items[i].flags & RUN_BOLD) != 0;
        mpt_t stroke = bold ? (mpt_t)((int64_t)items[i].size * tp->bold_stroke_permille / 1000) : 0;
        runs[count++] = (frame_text){ .face = items[i].face, .size = items[i].size, .x = x, .tracking = tracking,
                                      .stroke = bold && stroke < 1 ? 1 : stroke, .text = text, .len = j - i,
                                      .part = items[i].part };
        for (int k = i + 1; k < j; k++)
            if (items[k].part != items[i].part) {   /* a run of two parts: each character's */
                uint8_t *parts = arena_alloc(a, (size_t)(j - i));
                for (int m = i; m < j; m++) parts[m - i] = items[m].part;
                runs[count - 1].parts = parts;
                break;
            }
        for (int k = i; k < j; k++) x += items[k].advance + tracking;
        x += items[j - 1].gap_after;
        if (items[i].size > *max_size) *max_size = items[i].size;
        i = j;
    }
    *out = runs;
    return count;
}
