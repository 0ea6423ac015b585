/* layout.c — the layout stage's entry (layout.h): the model's blocks to
 * lines (flow_blocks.c), lines to pages and pages to frames (paginate.c). */
#include "flow_internal.h"

#include "text_break.h"

/* The logical structure of the blocks, for a structure tree (frame.h). */
static const frame_block *structure_of(arena *a, const model_doc *doc)
{
    frame_block *out = arena_alloc(a, (size_t)(doc->n_blocks ? doc->n_blocks : 1) * sizeof *out);
    static const frame_block_kind kinds[] = {
        [BLOCK_TITLE] = FRAME_BLOCK_TITLE,         [BLOCK_HEADING] = FRAME_BLOCK_HEADING,
        [BLOCK_PARAGRAPH] = FRAME_BLOCK_PARAGRAPH, [BLOCK_PAGE_BREAK] = FRAME_BLOCK_NONE,
        [BLOCK_SIGNATURE] = FRAME_BLOCK_SIGNATURE, [BLOCK_TABLE] = FRAME_BLOCK_TABLE,
        [BLOCK_ATTACHMENT_NOTE] = FRAME_BLOCK_ATTACHMENT_NOTE, [BLOCK_ATTACHMENT] = FRAME_BLOCK_ATTACHMENT,
    };
    static const frame_cell_role cell_roles[] = {
        [CELL_CORNER] = FRAME_CELL_CORNER, [CELL_COL_HEAD] = FRAME_CELL_COL_HEAD,
        [CELL_ROW_HEAD] = FRAME_CELL_ROW_HEAD, [CELL_DATA] = FRAME_CELL_DATA,
    };
    for (int i = 0; i < doc->n_blocks; i++) {
        const model_block *b = &doc->blocks[i];
        frame_block *fb = &out[i];
        *fb = (frame_block){ .kind = kinds[b->kind], .level = b->level, .n_items = b->n_items };
        fb->has_label = b->kind == BLOCK_ATTACHMENT || (b->kind == BLOCK_HEADING && b->number);
        fb->has_run_in = b->kind == BLOCK_HEADING && b->run_in.utf8;
        if (b->kind == BLOCK_SIGNATURE && b->seal)
            fb->seal_alt = arena_printf(a, "%.*s印章", (int)b->text.len, b->text.utf8 ? b->text.utf8 : "");
        const model_table *t = b->table;
        if (b->kind != BLOCK_TABLE || !t) continue;
        fb->has_caption = t->caption != NULL;
        fb->n_items = t->n_notes;
        fb->n_rows = t->n_rows;
        fb->n_cols = t->n_cols;
        fb->header_rows = t->header_rows;
        frame_cell *cells = arena_alloc(a, (size_t)(t->n_cells ? t->n_cells : 1) * sizeof *cells);
        for (int k = 0; k < t->n_cells; k++) {
            const model_cell *c = &t->cells[k];
            cells[k] = (frame_cell){ c->row, c->col, c->rowspan, c->colspan, cell_roles[c->role] };
        }
        fb->cells = cells;
        fb->n_cells = t->n_cells;
    }
    return out;
}

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
    frame_doc *out = arena_alloc(f->out, sizeof *out);
    out->page_width = doc->style->page_width;
    out->page_height = doc->style->page_height;
    out->pages = arena_alloc(f->out, (size_t)n_pages * sizeof *out->pages);
    out->n_pages = n_pages;
    out->faces = fontset_faces(fonts, &out->n_faces);
    out->blocks = structure_of(f->out, doc);
    out->n_blocks = doc->n_blocks;
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
    /* Lines and table plans in an arena of their own, freed here: the
       frames, in `a`, hold copies of what they draw (frame_sink_end). */
    arena work;
    arena_init(&work);
    flow f = { .a = &work, .out = a, .d = d, .st = st, .fonts = fonts, .ok = true };
    int n_faces;
    fontset_faces(fonts, &n_faces);
    f.tp = (text_prep){ &work, d, fonts, breaker, text_face_usage_new(&work, n_faces), st->cjk_latin_space_permille,
                        st->cjk_latin_space_min_permille, st->cjk_latin_space_max_permille, st->punctuation, st->line_end_squeeze, st->bold_stroke_permille };
    const int u = ROLE_UNRESOLVED;
    f.r = (roles){ u, u, { u, u, u, u }, u, u, u, u, u, u, u, { u, u } };
    arena_init(&f.scratch);
    frame_doc *out = NULL;
    flow_blocks(&f, doc);
    if (f.ok && d->errors == 0) out = make_frames(&f, doc, fonts);
    arena_done(&f.scratch);
    arena_done(&work);
    text_breaker_free(breaker);
    return f.ok && d->errors == 0 ? out : NULL;
}
