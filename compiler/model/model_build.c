/* model_build.c — the report's syntax to the document model (model.h): the
 * model stage's entry.  Meta and the layout's document settings, the body
 * (block by block, model_blocks.c; a templated report's from template.c),
 * the 附件说明 and the attachments. */
#include <string.h>

#include "model_internal.h"

/* ---- attachments (GB/T 9704 §7.3.4, §7.3.7) ------------------------------------ */

/* 附件说明: the titles, numbered when there are several. */
static void add_attachment_note(model_builder *b, const syn_report *r)
{
    model_text *items = arena_alloc(b->a, (size_t)r->n_attachments * sizeof *items);
    for (int i = 0; i < r->n_attachments; i++) items[i] = model_text_of(&r->attachments[i].title);
    model_block *blk = model_new_block(b, BLOCK_ATTACHMENT_NOTE, r->attachments_pos);
    blk->items = items;
    blk->n_items = r->n_attachments;
}

/* Each attachment: a new page with its label and title, then its blocks
 * (headings numbered afresh). */
static void add_attachments(model_builder *b, const syn_report *r)
{
    for (int i = 0; i < r->n_attachments; i++) {
        const syn_attachment *att = &r->attachments[i];
        model_block *blk = model_new_block(b, BLOCK_ATTACHMENT, att->pos);
        blk->text = model_text_of(&att->title);
        blk->number = r->n_attachments > 1 ? arena_printf(b->a, "%d", i + 1) : "";
        memset(b->counters, 0, sizeof b->counters);
        for (int k = 0; k < att->body.n && !diag_full(b->d); k++) model_add_block(b, &att->body.items[k]);
    }
}

/* ---- the document ------------------------------------------------------------------ */

static void build_meta(model_builder *b, const syn_meta *sm)
{
    model_meta *m = &b->doc->meta;
    model_set_property(b, &m->title, sm->title.s, sm->title.pos, "meta.title");
    model_set_property(b, &m->author, sm->author.s, sm->author.pos, "meta.author");
    model_set_property(b, &m->subject, sm->subject.s, sm->subject.pos, "meta.subject");
    model_set_property(b, &m->keywords, sm->keywords.s, sm->keywords.pos, "meta.keywords");
    m->language = sm->language.s ? sm->language.s : b->st->language;
    if (sm->has_date) m->year = sm->year, m->month = sm->month, m->day = sm->day;
    m->utc_offset_minutes = b->st->utc_offset_minutes;
}

model_doc *model_build(arena *a, diag *d, const parsed_report *in, bool suggest)
{
    model_builder b = { .a = a, .d = d, .st = in->style, .ok = true, .suggest = suggest };
    b.doc = arena_alloc(a, sizeof *b.doc);
    b.doc->style = in->style;
    const syn_report *r = in->report;
    build_meta(&b, &r->meta);
    if (in->tmpl) {
        /* A templated report: the layout gives the document, the report its
           issuer, prose and numbers; the 落款 closes the body as usual. */
        if (!template_build(&b, in)) return NULL;
        if (r->n_attachments) add_attachment_note(&b, r);
        model_add_signature(&b, NULL, r->pos);
    } else {
        bool noted = false;
        for (int i = 0; i < r->body.n && !diag_full(d); i++) {
            /* GB/T 9704 §7.3.4: the 附件说明 follows the body, before the 落款. */
            if (r->n_attachments && r->body.items[i].kind == SYN_SIGNATURE && !noted) {
                add_attachment_note(&b, r);
                noted = true;
            }
            model_add_block(&b, &r->body.items[i]);
        }
        if (r->n_attachments && !noted) add_attachment_note(&b, r);
    }
    if (r->n_attachments) add_attachments(&b, r);
    return b.ok ? b.doc : NULL;
}
