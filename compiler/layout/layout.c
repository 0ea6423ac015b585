/* layout.c — the layout stage's entry (layout.h): the model's blocks to
 * lines (flow_blocks.c), lines to pages and pages to frames (paginate.c). */
#include "flow_internal.h"

#include "text_break.h"

/* The flow's lines cut into pages, and the pages' frames; NULL when the
 * lines would make too many pages (an error given). */
static frame_doc *make_frames(flow *f, const model_doc *doc, const fontset *fonts)
{
    mpt_t *top = arena_alloc(f->a, (size_t)(f->n_lines + 1) * sizeof *top);
    page_span *spans;
    int n_pages = paginate_lines(f, doc, top, &spans);
    if (!f->ok) return NULL;
    if (n_pages == 0) {   /* an empty body still makes one (numbered) page */
        spans = arena_alloc(f->a, sizeof *spans);
        n_pages = 1;
    }
    frame_doc *out = arena_alloc(f->a, sizeof *out);
    out->page_width = doc->style->page_width;
    out->page_height = doc->style->page_height;
    out->pages = arena_alloc(f->a, (size_t)n_pages * sizeof *out->pages);
    out->n_pages = n_pages;
    out->faces = fontset_faces(fonts, &out->n_faces);
    paginate_frames(f, doc, top, spans, n_pages, out);
    return out;
}

frame_doc *layout_document(arena *a, diag *d, const model_doc *doc, const fontset *fonts)
{
    char why[256];
    text_breaker *breaker = text_breaker_open("zh", why, sizeof why);
    if (!breaker) {
        diag_internal(d, "layout", "%s", why);
        return NULL;
    }
    const style *st = doc->style;
    flow f = { .a = a, .d = d, .st = st, .fonts = fonts, .ok = true };
    int n_faces;
    fontset_faces(fonts, &n_faces);
    f.tp = (text_prep){ a, d, fonts, breaker, text_face_usage_new(a, n_faces), st->cjk_latin_space_permille,
                        st->cjk_latin_space_min_permille, st->cjk_latin_space_max_permille, st->punctuation, st->line_end_squeeze, st->bold_stroke_permille };
    const int u = ROLE_UNRESOLVED;
    f.r = (roles){ u, u, { u, u, u, u }, u, u, u, u, u, u, u, { u, u } };
    arena_init(&f.scratch);
    frame_doc *out = NULL;
    flow_blocks(&f, doc);
    if (f.ok && d->errors == 0) out = make_frames(&f, doc, fonts);
    arena_done(&f.scratch);
    text_breaker_free(breaker);
    return f.ok && d->errors == 0 ? out : NULL;
}
