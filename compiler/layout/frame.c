/* frame.c — building frames, and printing them (frame.h). */
#include "frame.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "font/font_face.h"

void frame_sink_begin(frame_sink *s, frame_page *page)
{
    s->page = page;
    page->items = s->buf;
    page->n_items = 0;
}

/* A copy of `n` items of `size` bytes from p in a, or NULL for NULL. */
static void *copy(arena *a, const void *p, size_t n, size_t size)
{
    return p ? memcpy(arena_alloc(a, n * size), p, n * size) : NULL;
}

/* The copy in the sink's arena of an image the parse stage decoded: made
 * on first use, shared after (a writer embeds each image once). */
static const image_data *kept_image(frame_sink *s, const image_data *img)
{
    for (int i = 0; i < s->n_images; i++)
        if (s->images[2 * i] == img) return s->images[2 * i + 1];
    image_data *copy = arena_alloc(s->a, sizeof *copy);
    *copy = *img;
    copy->bytes = img->bytes ? memcpy(arena_alloc(s->a, img->len ? img->len : 1), img->bytes, img->len) : NULL;
    s->images = xrealloc(s->images, (size_t)(s->n_images + 1) * 2 * sizeof *s->images);
    s->images[2 * s->n_images] = img;
    s->images[2 * s->n_images + 1] = copy;
    s->n_images++;
    return copy;
}

void frame_sink_end(frame_sink *s)
{
    frame_page *page = s->page;
    page->items = page->n_items ? copy(s->a, s->buf, (size_t)page->n_items, sizeof *s->buf) : NULL;
    /* What a run points to is copied too: the drawing's working memory
       (lines, table plans) is freed before the frames are written. */
    for (int i = 0; i < page->n_items; i++) {
        if (page->items[i].kind != FRAME_TEXT) continue;
        frame_text *t = &page->items[i].u.text;
        size_t len = t->len > 0 ? (size_t)t->len : 0;
        t->text = copy(s->a, t->text, len, sizeof *t->text);
        t->parts = copy(s->a, t->parts, len, sizeof *t->parts);
        if (!t->image) continue;
        frame_image *img = copy(s->a, t->image, 1, sizeof *t->image);
        if (img->image) img->image = kept_image(s, img->image);
        t->image = img;
    }
    s->page = NULL;
}

void frame_sink_free(frame_sink *s)
{
    free(s->buf);
    s->buf = NULL;
    s->cap = 0;
    free(s->images);
    s->images = NULL;
    s->n_images = 0;
}

static void frame_sink_push(frame_sink *s, frame_item item)
{
    frame_page *page = s->page;
    if (page->n_items == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->buf = xrealloc(s->buf, (size_t)s->cap * sizeof *s->buf);
        page->items = s->buf;
    }
    item.tag = s->tag;
    page->items[page->n_items++] = item;
}

void frame_sink_text(frame_sink *s, frame_text t)
{
    frame_sink_push(s, (frame_item){ .kind = FRAME_TEXT, .u.text = t });
}

void frame_sink_rule(frame_sink *s, frame_rule r)
{
    frame_sink_push(s, (frame_item){ .kind = FRAME_RULE, .u.rule = r });
}

void frame_dump(const frame_doc *doc, FILE *out)
{
    fprintf(out, "document %.3fx%.3f pages=%d\n", pt_from_mpt(doc->page_width), pt_from_mpt(doc->page_height),
            doc->n_pages);
    for (int i = 0; i < doc->n_faces; i++)
        fprintf(out, "face %d %s#%u\n", i, font_face_path(doc->faces[i]), font_face_index(doc->faces[i]));
    for (int i = 0; i < doc->n_outline; i++)
        fprintf(out, "outline level=%d page=%d y=%.3f %s\n", doc->outline[i].level, doc->outline[i].page + 1,
                pt_from_mpt(doc->outline[i].y), doc->outline[i].title);
    for (int p = 0; p < doc->n_pages; p++) {
        fprintf(out, "page %d\n", p + 1);
        for (int k = 0; k < doc->pages[p].n_items; k++) {
            const frame_item *it = &doc->pages[p].items[k];
            if (it->kind == FRAME_RULE) {
                const frame_rule *r = &it->u.rule;
                fprintf(out, "  rule %.3f,%.3f %.3f,%.3f w=%.3f\n", pt_from_mpt(r->x0), pt_from_mpt(r->y0),
                        pt_from_mpt(r->x1), pt_from_mpt(r->y1), pt_from_mpt(r->width));
                continue;
            }
            const frame_text *t = &it->u.text;
            fprintf(out, "  text face=%d size=%.3f x=%.3f y=%.3f tc=%.3f %s", t->face, pt_from_mpt(t->size),
                    pt_from_mpt(t->x), pt_from_mpt(t->y), pt_from_mpt(t->tracking), t->stroke > 0 ? "bold " : "");
            for (int c = 0; c < t->len; c++) {
                char buf[4];
                fwrite(buf, 1, (size_t)utf8_encode(t->text[c], buf), out);
            }
            fputc('\n', out);
        }
    }
}
