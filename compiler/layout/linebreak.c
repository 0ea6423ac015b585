/* linebreak.c — see linebreak.h. */
#include "linebreak.h"
#include "text_clreq.h"
#include "base/utf8.h"

#include <float.h>
#include <stdint.h>

#include <stdbool.h>

/* True when the unbreakable stretch starting at `from` is wider than width. */
static bool segment_exceeds(const text_item *items, int n, int from, mpt_t width)
{
    mpt_t w = 0;
    for (int i = from; i < n && (i == from || !items[i].break_before); i++) {
        if (i > from) w += items[i - 1].gap_after;   /* as text_width measures it (table min-content) */
        if (!items[i].space) w += items[i].advance;
        if (w > width) return true;
    }
    return false;
}

/* Where to cut a stretch that has no opportunity within `start`..`edge`:
 * the last place before the edge that leaves no opening mark at the line
 * end and puts no closing or pause mark at the next line's start (clreq
 * §3.1.7 holds even in a forced cut), else the edge itself. */
static int forced_cut(const text_item *items, int start, int edge)
{
    for (int k = edge; k > start + 1; k--)
        if (!text_clreq_no_line_end(items[k - 1].cp) && !text_clreq_no_line_start(items[k].cp)) return k;
    return edge;
}

mpt_t linebreak_widest_stretch(const text_item *items, int n)
{
    mpt_t widest = 0;
    for (int s = 0; s < n;) {
        int e = s + 1;
        while (e < n && !items[e].break_before) e++;
        int draw_end = e;
        while (draw_end > s && items[draw_end - 1].space) draw_end--;
        mpt_t w = text_width(items + s, draw_end - s);
        if (w > widest) widest = w;
        s = e;
    }
    return widest;
}

/* The end of the line starting at `start` (after skipping spaces, *start
 * moves past them) in a greedy fill of lines `avail` wide (later lines `width`);
 * *draw_end excludes trailing spaces. */
static int greedy_line_end(const text_item *items, int n, int *start_io, mpt_t avail, mpt_t width, int *draw_end)
{
    int start = *start_io;
    while (start < n && items[start].space) start++;  /* no space at a line start */
    *start_io = start;
    if (start >= n) return n;
    mpt_t w = 0, squeezable = 0;
    int end = start, last_break = -1;
    while (end < n) {
        if (end > start && items[end].break_before) last_break = end;
        /* Trailing spaces hang: they never make a line overflow.  A mark
           that may not start a line is squeezed in rather than push a
           character down: the marks before it give up blank (clreq
           §3.1.7 先挤进，后推出); nothing else is crammed in that way. */
        mpt_t room = text_clreq_no_line_start(items[end].cp) ? avail + squeezable + items[end].end_hang : avail;
        if (!items[end].space && w + items[end].advance > room) break;
        w += items[end].advance + items[end].gap_after;
        squeezable += items[end].shrink;
        end++;
    }
    if (end < n) {
        /* The last opportunity that fits — unless what follows it is wider than
           a whole line anyway: then cutting it here fills this line instead of
           leaving it half empty (a long number or URL). */
        if (last_break > start && !segment_exceeds(items, n, last_break, width)) end = last_break;
        else if (end == start) end = start + 1;             /* a character wider than the line */
        else end = forced_cut(items, start, end);           /* no opportunity at all — cut between characters */
    }
    *draw_end = end;
    while (*draw_end > start && items[*draw_end - 1].space) (*draw_end)--;
    return end;
}

int linebreak_greedy(arena *a, const text_item *items, int n, mpt_t first_width, mpt_t width,
                     line_range **out)
{
    int cap = 0, count = 0;
    line_range *lines = NULL;
    int start = 0;
    while (start < n) {
        int draw_end, end = greedy_line_end(items, n, &start, count == 0 ? first_width : width, width, &draw_end);
        if (start >= n) break;
        arena_grow(a, (void **)&lines, &cap, count + 1, sizeof *lines);
        lines[count++] = (line_range){ start, draw_end, text_width(items + start, draw_end - start) };
        start = end;
    }
    *out = lines;
    return count;
}

static bool lone_char(const text_item *items, const line_range *r);

/* linebreak_count with a first line `first_width` wide. */
static int count_lines(const text_item *items, int n, mpt_t first_width, mpt_t width, bool *lone_last)
{
    int count = 0, start = 0;
    line_range last = { 0, 0, 0 };
    while (start < n) {
        int draw_end, end = greedy_line_end(items, n, &start, count == 0 ? first_width : width, width, &draw_end);
        if (start >= n) break;
        count++;
        last = (line_range){ start, draw_end, 0 };
        start = end;
    }
    if (lone_last) *lone_last = count > 1 && lone_char(items, &last);
    return count;
}

int linebreak_count(const text_item *items, int n, mpt_t width, bool *lone_last)
{
    return count_lines(items, n, width, width, lone_last);
}

mpt_t linebreak_balanced_width(const text_item *items, int n, mpt_t indent, mpt_t width, int count, mpt_t precision)
{
    mpt_t lo = width / count, hi = width;
    /* Never narrower than the widest unbreakable stretch (率（%）) where the
       measure holds it: balancing must not turn a fitting text into a cut one. */
    mpt_t widest = linebreak_widest_stretch(items, n);
    if (widest + indent <= width && widest + indent > lo) lo = widest + indent - 1;
    while (hi - lo > precision) {
        mpt_t mid = lo + (hi - lo) / 2;
        if (count_lines(items, n, mid - indent, mid, NULL) <= count) hi = mid;
        else lo = mid;
    }
    return hi;
}

/* True when range r holds one Han character and nothing but closing marks. */
static bool lone_char(const text_item *items, const line_range *r)
{
    int han = 0, other = 0;
    for (int i = r->start; i < r->end; i++) {
        if (text_clreq_is_han(items[i].cp)) han++;
        else if (!text_clreq_no_line_start(items[i].cp)) other++;
    }
    return han == 1 && other == 0;
}

/* What item k may give back of its gap_after: a Han–Latin gap down to
 * its minimum, or a mark's blank. */
static mpt_t *give_of(text_item *item, bool han_latin) { return han_latin ? &item->gap_shrink : &item->shrink; }

/* Takes `over` from the line's inner items' gaps, evenly (each gives at most
 * its own); returns what is still over. */
static mpt_t take_evenly(text_item *items, const line_range *r, mpt_t over, bool han_latin)
{
    int count = 0;
    for (int k = r->start; k + 1 < r->end; k++) count += *give_of(&items[k], han_latin) > 0;
    for (int k = r->start; k + 1 < r->end && over > 0 && count > 0; k++) {
        mpt_t give = *give_of(&items[k], han_latin);
        if (give <= 0) continue;
        mpt_t take = (over + count - 1) / count;   /* rounding up so that the line fits */
        if (take > give) take = give;
        items[k].gap_after -= take;
        over -= take;
        count--;
    }
    return over;
}

void linebreak_squeeze(text_item *items, line_range *r, mpt_t avail)
{
    if (r->natural <= avail) return;
    /* Han–Latin gaps first (clreq §3: down to their minimum), then the
       marks' blanks. */
    mpt_t over = take_evenly(items, r, r->natural - avail, true);
    over = take_evenly(items, r, over, false);
    /* Last resort: the line's final mark is set half width, its blank
       hanging past the measure (GB/T 15834 §5.1.10). */
    if (over > 0 && r->end > r->start) over -= over < items[r->end - 1].end_hang ? over : items[r->end - 1].end_hang;
    r->natural = avail + over;
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

/* A space already half an em wide (the Latin of CJK faces) may not grow:
 * clreq §3 stretches word spaces to ½ em at most. */
static bool full_space(const text_item *it) { return it->space && 2 * it->advance >= it->size; }

bool linebreak_gap_stretches(const text_item *items, int k)
{
    if (items[k].gap_after || full_space(&items[k]) || full_space(&items[k + 1])) return false;
    return items[k].space || utf8_is_wide(items[k].cp) || utf8_is_wide(items[k + 1].cp);
}

/* The drawn part of the line [from, to): without spaces at either end. */
static line_range trimmed(const text_item *items, int from, int to, const mpt_t *width_before)
{
    while (from < to && items[from].space) from++;
    while (to > from && items[to - 1].space) to--;
    mpt_t w = to > from ? width_before[to] - width_before[from] - items[to - 1].gap_after : 0;
    return (line_range){ from, to, w };
}

/* Marks starts[] candidates inside stretches wider than a line (a long
 * token with no opportunity: a hash, an unbroken URL part): a line may end
 * between any two of their characters that 禁则 allows, at a cost, rather
 * than the whole paragraph falling back to a greedy cut. */
static void emergency_breaks(const text_item *items, int n, mpt_t width, uint8_t *emergency)
{
    int s = 0;
    while (s < n) {
        int e = s + 1;
        while (e < n && !items[e].break_before) e++;
        if (segment_exceeds(items, n, s, width))
            for (int i = s + 1; i < e; i++)
                emergency[i] = !text_clreq_no_line_start(items[i].cp) && !text_clreq_no_line_end(items[i - 1].cp);
        s = e;
    }
}

/* Costs of total fit, in order of weight: a lone last character; a line
 * looser than the layout's limit; a line looser than its preferred stretch;
 * a line ending inside a token; a line at all (fewer lines are better); a
 * line of Chinese only a character or more short of the measure (off the
 * character grid, GB/T 9704 §5.2.2: one such line beats two, and a line
 * with Latin or digits, off the grid anyway, takes the slack where it can);
 * and, least, the square of each line's slack in em. */
enum { COST_LONE_CHAR = 1000000000, COST_HOPELESS = 1000000, COST_TOO_LOOSE = 10000, COST_EMERGENCY = 2000,
       COST_LINE = 1000, COST_OFF_GRID = 10 };

/* The cost of a line that is not the paragraph's last: `slack` em short of
 * the measure, with `gaps` stretchable gaps to share it. */
static double line_cost(double slack, double gap_stretch, int gaps, bool pure, double limit, double goal)
{
    /* Han–Latin gaps take their share first (clreq §3 stretch priority). */
    double rest = slack > gap_stretch ? slack - gap_stretch : 0;
    double loose = gaps ? rest / gaps : (rest > 0.01 ? limit + 1 : 0);
    if (loose > limit) return COST_HOPELESS + 1000 * loose * loose;
    if (loose > goal) return COST_TOO_LOOSE + 1e5 * (loose - goal) * (loose - goal);
    return COST_LINE + (pure && slack > 0.6 ? COST_OFF_GRID : 0) + slack * slack;
}

int linebreak_total_fit(arena *a, const text_item *items, int n, const linebreak_measure *m, line_range **out)
{
    mpt_t first_width = m->first_width, width = m->width;
    if (n == 0) return linebreak_greedy(a, items, n, first_width, width, out);
    /* Prefix sums: widths (advance + gap after) and stretchable gaps. */
    mpt_t *width_before = arena_alloc(a, (size_t)(n + 1) * sizeof *width_before);
    mpt_t *shrink_before = arena_alloc(a, (size_t)(n + 1) * sizeof *shrink_before);
    mpt_t *gshrink_before = arena_alloc(a, (size_t)(n + 1) * sizeof *gshrink_before);
    mpt_t *gstretch_before = arena_alloc(a, (size_t)(n + 1) * sizeof *gstretch_before);
    int *gaps_before = arena_alloc(a, (size_t)(n + 1) * sizeof *gaps_before);
    int *western_before = arena_alloc(a, (size_t)(n + 1) * sizeof *western_before);
    for (int i = 0; i < n; i++) {
        western_before[i + 1] = western_before[i] + !utf8_is_wide(items[i].cp);
        width_before[i + 1] = width_before[i] + items[i].advance + items[i].gap_after;
        shrink_before[i + 1] = shrink_before[i] + items[i].shrink;
        gshrink_before[i + 1] = gshrink_before[i] + items[i].gap_shrink;
        gstretch_before[i + 1] = gstretch_before[i] + items[i].gap_stretch;
        gaps_before[i + 1] = gaps_before[i] + (i + 1 < n && linebreak_gap_stretches(items, i));
    }
    uint8_t *emergency = arena_alloc(a, (size_t)n + 1);
    emergency_breaks(items, n, width < first_width ? width : first_width, emergency);
    /* Candidate line starts: 0 and every break opportunity; cost[k] is the
       least cost of setting everything before starts[k]. */
    int *starts = arena_alloc(a, (size_t)(n + 2) * sizeof *starts);
    int n_starts = 0;
    starts[n_starts++] = 0;
    for (int i = 1; i < n; i++)
        if (items[i].break_before || emergency[i]) starts[n_starts++] = i;
    starts[n_starts++] = n;
    double *cost = arena_alloc(a, (size_t)n_starts * sizeof *cost);
    int *from = arena_alloc(a, (size_t)n_starts * sizeof *from);
    const double limit = m->max_stretch_permille ? m->max_stretch_permille / 1000.0 : 0.5;
    const double goal = m->preferred_stretch_permille && m->preferred_stretch_permille < limit * 1000
                            ? m->preferred_stretch_permille / 1000.0 : limit;
    for (int e = 1; e < n_starts; e++) {
        cost[e] = DBL_MAX;
        from[e] = -1;
        bool last = e == n_starts - 1;
        for (int s = e - 1; s >= 0; s--) {
            if (cost[s] == DBL_MAX) continue;
            line_range r = trimmed(items, starts[s], starts[e], width_before);
            mpt_t avail = starts[s] == 0 ? first_width : width;
            /* What the line may give back: Han–Latin gaps down to their
               minimum anywhere; marks' blanks, and the last mark's half. */
            mpt_t gaps_give = r.end > r.start ? gshrink_before[r.end - 1] - gshrink_before[r.start] : 0;
            mpt_t squeezable = r.end > r.start ? shrink_before[r.end - 1] - shrink_before[r.start] : 0;
            mpt_t hang = r.end > r.start ? items[r.end - 1].end_hang : 0;
            if (r.natural - gaps_give - squeezable - hang > avail) break;   /* and longer still for earlier starts */
            /* Squeezing marks only pulls in the closing marks at the line's
               end (先挤进): without them the line must fit as it is. */
            if (r.natural - gaps_give > avail) {
                int k = r.end;
                while (k > r.start && text_clreq_no_line_start(items[k - 1].cp)) k--;
                if (k == r.end || width_before[k] - width_before[r.start] - items[k - 1].gap_after -
                                      (gshrink_before[k - 1] - gshrink_before[r.start]) > avail)
                    continue;
            }
            double badness;
            if (last) {
                badness = COST_LINE + (starts[s] > 0 && lone_char(items, &r) ? COST_LONE_CHAR : 0);
            } else {
                /* A line squeezed in is as good as a full one: its slack is nil. */
                int gaps = r.end > r.start ? gaps_before[r.end - 1] - gaps_before[r.start] : 0;
                mpt_t stretch = r.end > r.start ? gstretch_before[r.end - 1] - gstretch_before[r.start] : 0;
                double slack = r.natural > avail ? 0 : (double)(avail - r.natural) / m->em;
                bool pure = western_before[r.end] == western_before[r.start];
                badness = line_cost(slack, (double)stretch / m->em, gaps, pure, limit, goal) +
                          (emergency[starts[e]] ? COST_EMERGENCY : 0);
            }
            double c = cost[s] + badness;
            if (c < cost[e]) {
                cost[e] = c;
                from[e] = s;
            }
        }
    }
    if (from[n_starts - 1] < 0) return linebreak_greedy(a, items, n, first_width, width, out);
    int count = 0;
    for (int e = n_starts - 1; e > 0; e = from[e]) count++;
    line_range *lines = arena_alloc(a, (size_t)count * sizeof *lines);
    int k = count;
    for (int e = n_starts - 1; e > 0; e = from[e]) lines[--k] = trimmed(items, starts[from[e]], starts[e], width_before);
    *out = lines;
    return count;
}

mpt_t linebreak_justify(text_item *items, line_range *r, mpt_t avail, int max_stretch_permille, mpt_t em)
{
    mpt_t slack = avail - r->natural;
    if (slack <= 0) return 0;
    /* Han–Latin gaps first, up to their maximum (clreq §3 stretch priority 2),
       in proportion to what each may take. */
    mpt_t room = 0;
    for (int k = r->start; k + 1 < r->end; k++) room += items[k].gap_stretch;
    if (room > 0) {
        mpt_t give = slack < room ? slack : room, given = 0;
        for (int k = r->start; k + 1 < r->end; k++) {
            if (!items[k].gap_stretch) continue;
            mpt_t share = (mpt_t)((int64_t)give * items[k].gap_stretch / room);
            items[k].gap_after += share;
            given += share;
        }
        r->natural += given;
        slack -= given;
    }
    /* The rest evenly between the characters: unless even that would be
       looser than the layout's limit (rare: forced breaks). */
    int gaps = 0;
    for (int k = r->start; k + 1 < r->end; k++) gaps += linebreak_gap_stretches(items, k);
    if (gaps == 0 || slack <= 0) return 0;
    mpt_t tracking = slack / gaps;
    if (max_stretch_permille && (int64_t)tracking * 1000 > (int64_t)max_stretch_permille * em) return 0;
    return tracking;
}
