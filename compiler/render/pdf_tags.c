/* pdf_tags.c — the structure tree and marked content (pdf_tags.h).
 *
 * Elements live in one array, their children (elements and marked-content
 * sequences) in a list per element, in reading order: child elements are
 * made in the model's order before drawing, MCIDs appended as pages are
 * drawn.  The ParentTree is the owners of the MCIDs, page by page.  Every
 * element becomes an indirect libharu dictionary whose body our write hook
 * prints (no /Type: it is optional; no line per key). */
#include "pdf_tags.h"

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_doc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/numtext.h"
#include "base/utf8.h"

enum { SCOPE_NONE, SCOPE_COLUMN, SCOPE_ROW, SCOPE_BOTH };
/* What is open in a page stream: an element (≥ 0) or one of these. */
enum { OPEN_NONE = -1, OPEN_PAGINATION = -2, OPEN_LAYOUT = -3 };
/* More array entries than this split the ParentTree (PDF/A-1 allows 8,191). */
enum { NUMS_PAGES = 4000 };

typedef struct elem {
    pdf_tags *owner;      /* for the write hook */
    const char *type;
    int parent;           /* -1: the StructTreeRoot */
    int first_kid, last_kid;
    int page;             /* /Pg: the page of its first MCID; -1 when none */
    uint8_t scope;
    int rowspan, colspan;
    const char *alt;      /* UTF-8 */
    HPDF_UINT32 id;       /* its object number, once made */
} elem;

typedef struct kid {
    int elem;             /* a child element, or -1: MCID `mcid` on page `page` */
    int page, mcid;
    int next;
} kid;

/* The elements of one block (-1: none). */
typedef struct block_elems {
    int main, label, run_in, date, figure, caption, first_item;
    int *cells;           /* tables: per model cell */
} block_elems;

typedef struct tree_node {
    pdf_tags *owner;
    int p0, p1;           /* pages [p0, p1) */
    bool limits;          /* a /Kids leaf: with /Limits */
    HPDF_UINT32 id;
} tree_node;

struct pdf_tags {
    const frame_doc *doc;
    elem *elems;
    int n_elems, cap_elems;
    kid *kids;
    int n_kids, cap_kids;
    block_elems *blocks;
    int *owners;          /* the element of each MCID, page by page */
    int n_owners, cap_owners;
    int *page_first;      /* n_pages + 1: page p's MCIDs are owners[page_first[p] …] */
    int page;             /* the page being drawn */
    int open;             /* OPEN_… or the element whose sequence is open */
    bool failed;          /* out of memory */
    HPDF_UINT32 root_id;
    HPDF_UINT32 *page_ids;
    tree_node *nodes;
    int n_nodes;
    char *buf;            /* the write hook's */
    size_t buf_cap;
};

static bool grow(pdf_tags *t, void **p, int *cap, int need, size_t size)
{
    if (need <= *cap) return true;
    int c = *cap ? 2 * *cap : 64;
    while (c < need) c *= 2;
    void *more = realloc(*p, (size_t)c * size);
    if (!more) {
        t->failed = true;
        return false;
    }
    *p = more;
    *cap = c;
    return true;
}

static int add_kid(pdf_tags *t, int parent, kid k)
{
    if (!grow(t, (void **)&t->kids, &t->cap_kids, t->n_kids + 1, sizeof *t->kids)) return -1;
    int i = t->n_kids++;
    k.next = -1;
    t->kids[i] = k;
    elem *e = &t->elems[parent];
    if (e->last_kid < 0) e->first_kid = i;
    else t->kids[e->last_kid].next = i;
    e->last_kid = i;
    return i;
}

/* A new element of `type` as the last child of `parent` (-1: the root). */
static int new_elem(pdf_tags *t, const char *type, int parent)
{
    if (!grow(t, (void **)&t->elems, &t->cap_elems, t->n_elems + 1, sizeof *t->elems)) return -1;
    int i = t->n_elems++;
    t->elems[i] = (elem){ t, type, parent, -1, -1, -1, SCOPE_NONE, 1, 1, NULL, 0 };
    if (parent >= 0 && add_kid(t, parent, (kid){ i, -1, -1, -1 }) < 0) return -1;
    return i;
}

static const char *const heading_types[] = { "H1", "H2", "H3", "H4", "H5", "H6" };

/* A table: Caption, THead (its header rows), TBody, a TR per row, TH with
 * /Scope or TD per cell in the TR of its top row; then the notes as P. */
static void table_elems(pdf_tags *t, const frame_block *b, block_elems *be, int parent)
{
    int table = be->main = new_elem(t, "Table", parent);
    if (b->has_caption) be->caption = new_elem(t, "Caption", table);
    int head = b->header_rows > 0 ? new_elem(t, "THead", table) : -1;
    int body = b->header_rows < b->n_rows ? new_elem(t, "TBody", table) : -1;
    be->cells = malloc((size_t)(b->n_cells ? b->n_cells : 1) * sizeof *be->cells);
    if (!be->cells) {
        t->failed = true;
        return;
    }
    for (int k = 0, row = 0; row < b->n_rows && !t->failed; row++) {
        int tr = new_elem(t, "TR", row < b->header_rows ? head : body);
        for (; k < b->n_cells && b->cells[k].row == row; k++) {
            const frame_cell *c = &b->cells[k];
            int e = be->cells[k] = new_elem(t, c->role == FRAME_CELL_DATA ? "TD" : "TH", tr);
            if (e < 0) return;
            t->elems[e].scope = c->role == FRAME_CELL_COL_HEAD   ? SCOPE_COLUMN
                                : c->role == FRAME_CELL_ROW_HEAD ? SCOPE_ROW
                                : c->role == FRAME_CELL_CORNER   ? SCOPE_BOTH
                                                                 : SCOPE_NONE;
            t->elems[e].rowspan = c->rowspan;
            t->elems[e].colspan = c->colspan;
        }
    }
    be->first_item = t->n_elems;
    for (int i = 0; i < b->n_items; i++) new_elem(t, "P", parent);
}

pdf_tags *pdf_tags_new(const frame_doc *doc)
{
    pdf_tags *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->doc = doc;
    t->open = OPEN_NONE;
    t->page = -1;
    t->blocks = calloc((size_t)(doc->n_blocks ? doc->n_blocks : 1), sizeof *t->blocks);
    t->page_first = calloc((size_t)doc->n_pages + 1, sizeof *t->page_first);
    if (!t->blocks || !t->page_first) {
        pdf_tags_free(t);
        return NULL;
    }
    int document = new_elem(t, "Document", -1), parent = document;
    for (int i = 0; i < doc->n_blocks && !t->failed; i++) {
        const frame_block *b = &doc->blocks[i];
        block_elems *be = &t->blocks[i];
        *be = (block_elems){ -1, -1, -1, -1, -1, -1, -1, NULL };
        switch (b->kind) {
        case FRAME_BLOCK_NONE: break;
        case FRAME_BLOCK_TITLE: be->main = new_elem(t, "Title", parent); break;
        case FRAME_BLOCK_PARAGRAPH: be->main = new_elem(t, "P", parent); break;
        case FRAME_BLOCK_ATTACHMENT:
            /* An attachment is a section of its own, headed by its label and title. */
            parent = new_elem(t, "Sect", document);
            be->main = new_elem(t, "H1", parent);
            if (b->has_label) be->label = new_elem(t, "Lbl", be->main);
            break;
        case FRAME_BLOCK_HEADING:
            be->main = new_elem(t, heading_types[b->level < 1 ? 0 : b->level > 6 ? 5 : b->level - 1], parent);
            if (b->has_label) be->label = new_elem(t, "Lbl", be->main);
            /* A run-in heading: the paragraph on its line follows it. */
            if (b->has_run_in) be->run_in = new_elem(t, "P", parent);
            break;
        case FRAME_BLOCK_SIGNATURE:
            be->main = new_elem(t, "P", parent);
            be->date = new_elem(t, "P", parent);
            if (b->seal_alt && (be->figure = new_elem(t, "Figure", parent)) >= 0)
                t->elems[be->figure].alt = b->seal_alt;
            break;
        case FRAME_BLOCK_TABLE: table_elems(t, b, be, parent); break;
        case FRAME_BLOCK_ATTACHMENT_NOTE:
            be->first_item = t->n_elems;
            for (int k = 0; k < b->n_items; k++) new_elem(t, "P", parent);
            break;
        }
    }
    if (t->failed) {
        pdf_tags_free(t);
        return NULL;
    }
    return t;
}

/* The element an item belongs to, or an artifact (OPEN_…). */
static int target(const pdf_tags *t, const frame_tag *tag, int part, bool rule, bool image)
{
    if (tag->block < 0 || tag->block >= t->doc->n_blocks) return rule ? OPEN_LAYOUT : OPEN_PAGINATION;
    const block_elems *be = &t->blocks[tag->block];
    if (image) return be->figure >= 0 ? be->figure : OPEN_LAYOUT;
    if (rule) return OPEN_LAYOUT;
    if (tag->artifact) return OPEN_PAGINATION;
    const frame_block *b = &t->doc->blocks[tag->block];
    int e = be->main;
    switch (b->kind) {
    case FRAME_BLOCK_HEADING:
    case FRAME_BLOCK_ATTACHMENT:
        if (part == FRAME_PART_LABEL && be->label >= 0) e = be->label;
        if (part == FRAME_PART_RUN_IN && be->run_in >= 0) e = be->run_in;
        break;
    case FRAME_BLOCK_SIGNATURE:
        if (part == FRAME_PART_DATE) e = be->date;
        break;
    case FRAME_BLOCK_TABLE:
        if (tag->cell >= 0 && tag->cell < b->n_cells && be->cells) e = be->cells[tag->cell];
        else if (part == FRAME_PART_CAPTION && be->caption >= 0) e = be->caption;
        else if (part == FRAME_PART_NOTE && tag->sub >= 0 && tag->sub < b->n_items) e = be->first_item + tag->sub;
        else e = OPEN_PAGINATION;
        break;
    case FRAME_BLOCK_ATTACHMENT_NOTE:
        e = tag->sub >= 0 && tag->sub < b->n_items ? be->first_item + tag->sub : OPEN_PAGINATION;
        break;
    default: break;
    }
    return e >= 0 ? e : OPEN_PAGINATION;
}

bool pdf_tags_close(pdf_tags *t, pdf_content *c)
{
    if (t->open == OPEN_NONE) return true;
    t->open = OPEN_NONE;
    pdf_content_str(c, "EMC\012");
    return !c->oom;
}

bool pdf_tags_mark(pdf_tags *t, pdf_content *c, int page_index, const frame_tag *tag, int part, bool rule, bool image)
{
    if (page_index != t->page) {   /* pages come in order */
        if (t->open != OPEN_NONE) return false;
        for (int p = t->page + 1; p <= page_index; p++) t->page_first[p] = t->n_owners;
        t->page = page_index;
    }
    int want = target(t, tag, part, rule, image);
    if (want == t->open) return true;
    if (!pdf_tags_close(t, c)) return false;
    t->open = want;
    if (want == OPEN_PAGINATION || want == OPEN_LAYOUT) {
        pdf_content_str(c, want == OPEN_PAGINATION ? "/Artifact<</Type/Pagination>>BDC\012"
                                                   : "/Artifact<</Type/Layout>>BDC\012");
        return !c->oom;
    }
    int mcid = t->n_owners - t->page_first[page_index];
    if (!grow(t, (void **)&t->owners, &t->cap_owners, t->n_owners + 1, sizeof *t->owners)) return false;
    t->owners[t->n_owners++] = want;
    if (add_kid(t, want, (kid){ -1, page_index, mcid, -1 }) < 0) return false;
    elem *e = &t->elems[want];
    if (e->page < 0) e->page = page_index;
    pdf_content_str(c, "/");
    pdf_content_str(c, e->type);
    pdf_content_str(c, "<</MCID ");
    pdf_content_int(c, mcid);
    pdf_content_str(c, ">>BDC\012");
    return !c->oom;
}

/* ---- writing ---- */

/* Room for n more bytes at *at in the hook's buffer. */
static bool room(pdf_tags *t, size_t at, size_t n)
{
    if (t->buf && t->buf_cap - at > n) return true;
    size_t cap = t->buf_cap ? 2 * t->buf_cap : 256;
    while (cap - at <= n) cap *= 2;
    char *more = realloc(t->buf, cap);
    if (!more) return false;
    t->buf = more;
    t->buf_cap = cap;
    return true;
}

static bool put(pdf_tags *t, size_t *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool put(pdf_tags *t, size_t *at, const char *fmt, ...)
{
    for (;;) {
        if (!room(t, *at, 64)) return false;
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(t->buf + *at, t->buf_cap - *at, fmt, ap);
        va_end(ap);
        if (n < 0) return false;
        if ((size_t)n < t->buf_cap - *at) {
            *at += (size_t)n;
            return true;
        }
        if (!room(t, *at, (size_t)n + 1)) return false;
    }
}

/* The hot pieces without printf: tens of thousands of elements in a long
 * table, where vsnprintf was a tenth of the whole run. */
static bool put_str(pdf_tags *t, size_t *at, const char *s)
{
    size_t n = strlen(s);
    if (!room(t, *at, n)) return false;
    memcpy(t->buf + *at, s, n);
    *at += n;
    return true;
}

static bool put_uint(pdf_tags *t, size_t *at, unsigned v)
{
    if (!room(t, *at, 12)) return false;
    *at = (size_t)(numtext_uint(t->buf + *at, v) - t->buf);
    return true;
}

/* " N 0 R" (without the space when first). */
static bool put_ref(pdf_tags *t, size_t *at, bool first, unsigned id)
{
    if (!room(t, *at, 20)) return false;
    char *p = t->buf + *at;
    if (!first) *p++ = ' ';
    p = numtext_uint(p, id);
    memcpy(p, " 0 R", 4);
    *at = (size_t)(p + 4 - t->buf);
    return true;
}

static const char *const scope_names[] = { "", "Column", "Row", "Both" };

/* The write hook of an element: its dictionary's body. */
static HPDF_STATUS write_elem(HPDF_Dict obj, HPDF_Stream stream)
{
    const elem *e = obj->attr;
    pdf_tags *t = e->owner;
    size_t at = 0;
    bool ok = put_str(t, &at, "/S/") && put_str(t, &at, e->type) && put_str(t, &at, "/P ") &&
              put_ref(t, &at, true, (unsigned)(e->parent < 0 ? t->root_id : t->elems[e->parent].id));
    if (ok && e->page >= 0) ok = put_str(t, &at, "/Pg ") && put_ref(t, &at, true, (unsigned)t->page_ids[e->page]);
    if (ok && e->first_kid >= 0) {
        const kid *k0 = &t->kids[e->first_kid];
        bool single = k0->next < 0 && k0->elem < 0 && k0->page == e->page;
        ok = put_str(t, &at, single ? "/K " : "/K[");
        for (int k = e->first_kid; ok && k >= 0; k = t->kids[k].next) {
            const kid *c = &t->kids[k];
            bool first = k == e->first_kid;
            if (c->elem >= 0) ok = put_ref(t, &at, first, (unsigned)t->elems[c->elem].id);
            else if (c->page == e->page) ok = (first || put_str(t, &at, " ")) && put_uint(t, &at, (unsigned)c->mcid);
            else ok = put(t, &at, "%s<</Type/MCR/Pg %u 0 R/MCID %d>>", first ? "" : " ", (unsigned)t->page_ids[c->page],
                          c->mcid);
        }
        if (ok && !single) ok = put_str(t, &at, "]");
    }
    if (ok && (e->scope || e->rowspan > 1 || e->colspan > 1)) {
        ok = put_str(t, &at, "/A<</O/Table");
        if (ok && e->scope) ok = put_str(t, &at, "/Scope/") && put_str(t, &at, scope_names[e->scope]);
        if (ok && e->rowspan > 1) ok = put_str(t, &at, "/RowSpan ") && put_uint(t, &at, (unsigned)e->rowspan);
        if (ok && e->colspan > 1) ok = put_str(t, &at, "/ColSpan ") && put_uint(t, &at, (unsigned)e->colspan);
        if (ok) ok = put_str(t, &at, ">>");
    }
    if (ok && e->alt) {
        /* A text string: UTF-16BE with a byte order mark, in hex. */
        ok = put(t, &at, "/Alt<FEFF");
        size_t n = strlen(e->alt);
        for (size_t i = 0; ok && i < n;) {
            uint32_t cp;
            int k = utf8_decode(e->alt + i, n - i, &cp);
            i += k ? (size_t)k : 1;
            if (cp >= 0x10000)
                ok = put(t, &at, "%04X%04X", 0xD800 + ((cp - 0x10000) >> 10), 0xDC00 + (cp & 0x3FF));
            else ok = put(t, &at, "%04X", (unsigned)cp);
        }
        if (ok) ok = put(t, &at, ">");
    }
    if (!ok) return HPDF_FAILD_TO_ALLOC_MEM;
    return HPDF_Stream_Write(stream, (const HPDF_BYTE *)t->buf, (HPDF_UINT)at);
}

/* The ParentTree's pages [p0, p1) as "/Nums[key [owners] …]". */
static bool put_nums(pdf_tags *t, size_t *at, int p0, int p1)
{
    bool ok = put(t, at, "/Nums[");
    for (int p = p0; ok && p < p1; p++) {
        if (t->page_first[p + 1] == t->page_first[p]) continue;
        ok = put_uint(t, at, (unsigned)p) && put_str(t, at, "[");
        for (int i = t->page_first[p]; ok && i < t->page_first[p + 1]; i++)
            ok = put_ref(t, at, i == t->page_first[p], (unsigned)t->elems[t->owners[i]].id);
        if (ok) ok = put_str(t, at, "]");
    }
    return ok && put(t, at, "]");
}

/* The write hook of a ParentTree node: the root, with /Nums or with
 * /Kids (nodes 1 …), or a leaf with /Limits and /Nums. */
static HPDF_STATUS write_tree(HPDF_Dict obj, HPDF_Stream stream)
{
    const tree_node *n = obj->attr;
    pdf_tags *t = n->owner;
    size_t at = 0;
    bool ok = true;
    if (n == &t->nodes[0] && t->n_nodes > 1) {
        ok = put(t, &at, "/Kids[");
        for (int i = 1; ok && i < t->n_nodes; i++)
            ok = put(t, &at, i > 1 ? " %u 0 R" : "%u 0 R", (unsigned)t->nodes[i].id);
        if (ok) ok = put(t, &at, "]");
    } else {
        if (n->limits) {
            int lo = n->p0, hi = n->p1 - 1;
            while (lo < hi && t->page_first[lo + 1] == t->page_first[lo]) lo++;
            while (hi > lo && t->page_first[hi + 1] == t->page_first[hi]) hi--;
            ok = put(t, &at, "/Limits[%d %d]", lo, hi);
        }
        if (ok) ok = put_nums(t, &at, n->p0, n->p1);
    }
    if (!ok) return HPDF_FAILD_TO_ALLOC_MEM;
    return HPDF_Stream_Write(stream, (const HPDF_BYTE *)t->buf, (HPDF_UINT)at);
}

/* A new indirect dictionary written by `hook` from `attr`. */
static HPDF_Dict hooked(HPDF_Doc pdf, HPDF_Dict_OnWriteFunc hook, void *attr)
{
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    if (!d || HPDF_Xref_Add(pdf->xref, d) != HPDF_OK) return NULL;
    d->write_fn = hook;
    d->attr = attr;
    return d;
}

bool pdf_tags_finish(pdf_tags *t, HPDF_Doc pdf, HPDF_Page *pages, int n_pages)
{
    if (t->open != OPEN_NONE || t->failed) return false;
    for (int p = t->page + 1; p <= n_pages; p++) t->page_first[p] = t->n_owners;
    t->page_ids = malloc((size_t)(n_pages ? n_pages : 1) * sizeof *t->page_ids);
    int n_leaves = n_pages > NUMS_PAGES ? (n_pages + NUMS_PAGES - 1) / NUMS_PAGES : 0;
    t->nodes = calloc((size_t)n_leaves + 1, sizeof *t->nodes);
    if (!t->page_ids || !t->nodes) return false;
    for (int p = 0; p < n_pages; p++) {
        t->page_ids[p] = pages[p]->header.obj_id & 0x00FFFFFF;
        /* Its key in the ParentTree; tab order follows the structure. */
        if (t->page_first[p + 1] > t->page_first[p] &&
            (HPDF_Dict_AddNumber(pages[p], "StructParents", p) != HPDF_OK ||
             HPDF_Dict_AddName(pages[p], "Tabs", "S") != HPDF_OK))
            return false;
    }
    /* libharu's cross-reference list grows by a fixed 1,024 entries and
       copies itself byte by byte each time: quadratic in a table of 6,000
       rows (90,000 elements).  It grows once, to what comes now. */
    HPDF_List entries = pdf->xref->entries;
    HPDF_UINT more = (HPDF_UINT)t->n_elems + (HPDF_UINT)n_leaves + 2;
    if (entries->items_per_block < more) entries->items_per_block = more;
    HPDF_Dict root = HPDF_Dict_New(pdf->mmgr);
    if (!root || HPDF_Xref_Add(pdf->xref, root) != HPDF_OK) return false;
    t->root_id = root->header.obj_id & 0x00FFFFFF;
    HPDF_Dict document = NULL;
    for (int i = 0; i < t->n_elems; i++) {
        HPDF_Dict d = hooked(pdf, write_elem, &t->elems[i]);
        if (!d) return false;
        if (i == 0) document = d;
        t->elems[i].id = d->header.obj_id & 0x00FFFFFF;
    }
    t->nodes[0] = (tree_node){ t, 0, n_pages, false, 0 };
    t->n_nodes = 1;
    for (int k = 0; k < n_leaves; k++) {
        int p0 = k * NUMS_PAGES, p1 = p0 + NUMS_PAGES < n_pages ? p0 + NUMS_PAGES : n_pages;
        if (t->page_first[p1] == t->page_first[p0]) continue;   /* no MCIDs there */
        t->nodes[t->n_nodes++] = (tree_node){ t, p0, p1, true, 0 };
    }
    for (int k = 0; k < t->n_nodes; k++) {
        HPDF_Dict d = hooked(pdf, write_tree, &t->nodes[k]);
        if (!d) return false;
        t->nodes[k].id = d->header.obj_id & 0x00FFFFFF;
        if (k == 0 && HPDF_Dict_Add(root, "ParentTree", d) != HPDF_OK) return false;
    }
    HPDF_Dict mark = HPDF_Dict_New(pdf->mmgr);
    /* Title is PDF 2.0's type: PDF 1.4 readers take it as a paragraph. */
    HPDF_Dict roles = HPDF_Dict_New(pdf->mmgr);
    if (HPDF_Dict_AddName(root, "Type", "StructTreeRoot") != HPDF_OK || t->n_elems == 0 ||
        HPDF_Dict_Add(root, "K", document) != HPDF_OK ||
        HPDF_Dict_AddNumber(root, "ParentTreeNextKey", n_pages) != HPDF_OK || !roles ||
        HPDF_Dict_Add(root, "RoleMap", roles) != HPDF_OK || HPDF_Dict_AddName(roles, "Title", "P") != HPDF_OK ||
        HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root) != HPDF_OK || !mark ||
        HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark) != HPDF_OK ||
        HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE) != HPDF_OK)
        return false;
    return true;
}

void pdf_tags_free(pdf_tags *t)
{
    if (!t) return;
    if (t->blocks)
        for (int i = 0; i < t->doc->n_blocks; i++) free(t->blocks[i].cells);
    free(t->blocks);
    free(t->elems);
    free(t->kids);
    free(t->owners);
    free(t->page_first);
    free(t->page_ids);
    free(t->nodes);
    free(t->buf);
    free(t);
}
