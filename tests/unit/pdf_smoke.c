/* pdf_smoke.c — the PDF back end on a hand-built frame_doc.
 *
 *   pdf_smoke [OUT.pdf EXPECTED.txt]   (default /tmp/smoke.pdf /tmp/smoke.expected)
 *       three faces (uming, wqy-zenhei, LXGW WenKai), two pages, CJK runs
 *       including 𠮷 U+20BB7, characters sharing glyphs, a rule, an outline;
 *       EXPECTED.txt gets the drawn characters in order (for pdftotext).
 *   pdf_smoke --bench TEXT.txt N OUT.pdf
 *       the distinct characters of TEXT (topped up to 450 with U+4E00…)
 *       in uming, 9 pt on A4; runs pdf_write N times, prints the median ms.
 *
 * tests/unit/pdf_smoke.sh builds and checks it. */
#define _POSIX_C_SOURCE 200809L
#include "base/arena.h"
#include "font/font_face.h"
#include "parse/parse.h"
#include "parse/source.h"
#include "render/pdf_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define UMING "/usr/share/fonts/truetype/arphic/uming.ttc"
#define ZENHEI "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
#define LXGW "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"

/* Decodes UTF-8 (assumed valid) into out; returns the count. */
static int utf8_decode(const char *s, uint32_t *out, int max)
{
    const unsigned char *p = (const unsigned char *)s;
    int n = 0;
    while (*p && n < max) {
        uint32_t c = *p++;
        int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        c &= extra == 3 ? 0x07 : extra == 2 ? 0x0F : extra == 1 ? 0x1F : 0x7F;
        while (extra-- > 0 && *p) c = (c << 6) | (*p++ & 0x3F);
        out[n++] = c;
    }
    return n;
}

static void utf8_put(FILE *f, uint32_t c)
{
    if (c < 0x80) fputc((int)c, f);
    else if (c < 0x800) fprintf(f, "%c%c", 0xC0 | (c >> 6), 0x80 | (c & 0x3F));
    else if (c < 0x10000)
        fprintf(f, "%c%c%c", 0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F));
    else
        fprintf(f, "%c%c%c%c", 0xF0 | (c >> 18), 0x80 | ((c >> 12) & 0x3F),
                0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F));
}

/* A face of the font file at path, mapped as the parse stage maps fonts. */
static font_face *open_face(const char *path, font_file *file, const char **why)
{
    char reason[200];
    file->path = path;
    if (!(file->data = source_map_file(path, &file->len, reason, sizeof reason))) {
        *why = "cannot map the file";
        return NULL;
    }
    return font_face_open(file, 0, why);
}

/* Writes a rendered PDF to path. */
static bool save(const char *path, const uint8_t *pdf, size_t len)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(pdf, 1, len, f) == len;
    if (f && fclose(f) != 0) ok = false;
    return ok;
}

/* pdf_write into memory, then to path; diagnostics printed. */
static bool render(const frame_doc *doc, const pdf_info *info, const pdf_options *opt, const char *path)
{
    diag d;
    diag_init(&d);
    uint8_t *pdf = NULL;
    size_t len = 0;
    bool ok = pdf_write(doc, info, opt, &d, &pdf, &len) && (!path || save(path, pdf, len));
    diag_print(&d, stdout);
    diag_done(&d);
    free(pdf);
    return ok;
}

enum { MAX_RUN = 64 };
typedef struct run_src { int face; double size_pt, x_pt, y_pt, track_pt; const char *text; } run_src;

static int smoke(const char *out_pdf, const char *expected_path)
{
    const char *paths[3] = { UMING, ZENHEI, LXGW };
    font_face *faces[3] = { 0 };
    font_file files[3] = { { 0 } };
    arena a;
    arena_init(&a);
    int rc = 1;
    for (int i = 0; i < 3; i++) {
        const char *why = NULL;
        if (!(faces[i] = open_face(paths[i], &files[i], &why))) {
            fprintf(stderr, "pdf_smoke: %s: %s\n", paths[i], why);
            goto out;
        }
        printf("face %d: %s (%s)\n", i, font_face_family(faces[i]), paths[i]);
    }
    /* 𠮷 comes from the first face that has it (uming/zenhei lack it). */
    int yoshi = -1;
    for (int i = 0; i < 3 && yoshi < 0; i++)
        if (font_face_has_char(faces[i], 0x20BB7)) yoshi = i;
    if (yoshi < 0) {
        fprintf(stderr, "pdf_smoke: no face has U+20BB7\n");
        goto out;
    }
    printf("U+20BB7 from face %d\n", yoshi);

    const run_src src[2][6] = {
        { { 0, 22, 72, 90, 0, "政府信息公开工作年度报告" },
          { 1, 16, 72, 130, 0, "一、总体情况" },
          { 0, 12, 72, 160, 1.5, "（一）主动公开：本机关主动公开政府信息１２３条。" },
          { yoshi, 12, 72, 185, 0, "𠮷野家" },
          { 0, 12, 72, 210, 0, "一⼀丨⼁金⾦不\uF967Åé" },
          { 2, 12, 72, 235, 0, "霞鹜文楷：永和九年，岁在癸丑\u2012\u2013。" } },
        { { 2, 16, 72, 90, 0, "二、附录" },
          { 1, 10.5, 72, 120, 0, "文泉驿正黑：天地玄黄，宇宙洪荒。" },
          { 0, 10.5, 72, 140, 0.5, "宋体回退𠮷" },
          { -1, 0, 0, 0, 0, NULL } },
    };
    uint32_t text[2][6][MAX_RUN];
    frame_item items[2][7];
    frame_page pages[2] = { { items[0], 0 }, { items[1], 0 } };
    FILE *exp = fopen(expected_path, "w");
    if (!exp) {
        perror(expected_path);
        goto out;
    }
    for (int p = 0; p < 2; p++) {
        for (int r = 0; r < 6 && src[p][r].text; r++) {
            const run_src *s = &src[p][r];
            int len = utf8_decode(s->text, text[p][r], MAX_RUN);
            int face = s->face;
            /* "宋体回退𠮷": uming lacks 𠮷, so the last character goes to the fallback face. */
            if (face == 0 && !font_face_has_char(faces[0], text[p][r][len - 1])) {
                items[p][pages[p].n_items++] = (frame_item){ .kind = FRAME_TEXT, .u.text = {
                    .face = 0, .size = mpt_from_pt(s->size_pt), .x = mpt_from_pt(s->x_pt),
                    .y = mpt_from_pt(s->y_pt), .tracking = mpt_from_pt(s->track_pt),
                    .text = text[p][r], .len = len - 1 } };
                mpt_t adv = 0;
                for (int k = 0; k < len - 1; k++)
                    adv += (mpt_t)((int64_t)font_face_advance_milli_em(faces[0], text[p][r][k]) *
                                   mpt_from_pt(s->size_pt) / 1000) + mpt_from_pt(s->track_pt);
                items[p][pages[p].n_items++] = (frame_item){ .kind = FRAME_TEXT, .u.text = {
                    .face = yoshi, .size = mpt_from_pt(s->size_pt), .x = mpt_from_pt(s->x_pt) + adv,
                    .y = mpt_from_pt(s->y_pt), .text = text[p][r] + len - 1, .len = 1 } };
            } else {
                items[p][pages[p].n_items++] = (frame_item){ .kind = FRAME_TEXT, .u.text = {
                    .face = face, .size = mpt_from_pt(s->size_pt), .x = mpt_from_pt(s->x_pt),
                    .y = mpt_from_pt(s->y_pt), .tracking = mpt_from_pt(s->track_pt),
                    .text = text[p][r], .len = len } };
            }
            for (int k = 0; k < len; k++) utf8_put(exp, text[p][r][k]);
            fputc('\n', exp);
        }
    }
    fclose(exp);
    items[0][pages[0].n_items++] = (frame_item){ .kind = FRAME_RULE, .u.rule = {
        .x0 = mpt_from_pt(72), .y0 = mpt_from_pt(100), .x1 = mpt_from_pt(523), .y1 = mpt_from_pt(100),
        .width = mpt_from_pt(0.75) } };

    frame_outline outline[] = {
        { 1, "一、总体情况", 0, mpt_from_pt(114) },
        { 2, "（一）主动公开", 0, mpt_from_pt(148) },
        { 1, "二、附录", 1, mpt_from_pt(74) },
    };
    frame_doc doc = { .page_width = mpt_from_mm(210), .page_height = mpt_from_mm(297),
                      .pages = pages, .n_pages = 2, .faces = faces, .n_faces = 3,
                      .outline = outline, .n_outline = 3 };
    pdf_info info = { .title = "卫东区2023年政府信息公开工作年度报告", .author = "卫东区人民政府",
                      .subject = "冒烟测试", .keywords = "政府信息公开, 年度报告",
                      .creator = "reportc pdf_smoke", .year = 2024, .month = 1, .day = 31 };
    diag d;
    diag_init(&d);
    pdf_options pdfa = { .pdfa = true };
    bool have_icc = parse_icc_profile(&a, &d, NULL, &pdfa.icc, &pdfa.icc_len);
    diag_print(&d, stderr);
    diag_done(&d);
    if (!have_icc || !render(&doc, &info, &pdfa, out_pdf)) {
        fprintf(stderr, "pdf_smoke: pdf_write failed\n");
        goto out;
    }
    /* Failures come back as diagnostics, without leaks (ASan checks). */
    const pdf_options no_icc = { .pdfa = true };
    if (render(&doc, &info, &no_icc, NULL)) {
        fprintf(stderr, "pdf_smoke: PDF/A without an ICC profile was accepted\n");
        goto out;
    }
    enum { TOO_MANY = 6401 };
    static uint32_t many[TOO_MANY];
    int n_many = 0;
    for (uint32_t c = 0x4E00; n_many < TOO_MANY && c < 0xA000; c++)
        if (font_face_has_char(faces[0], c)) many[n_many++] = c;
    frame_item big = { .kind = FRAME_TEXT, .u.text = { .face = 0, .size = 1000, .x = 0, .y = 10000,
                                                       .text = many, .len = n_many } };
    frame_page big_page = { &big, 1 };
    frame_doc big_doc = doc;
    big_doc.pages = &big_page;
    big_doc.n_pages = 1;
    big_doc.n_outline = 0;
    if (render(&big_doc, NULL, &pdfa, NULL)) {
        fprintf(stderr, "pdf_smoke: %d distinct characters in one font were accepted\n", n_many);
        goto out;
    }
    rc = 0;
out:
    for (int i = 0; i < 3; i++) {
        font_face_free(faces[i]);
        source_unmap(files[i].data, files[i].len);
    }
    arena_done(&a);
    return rc;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int bench(const char *text_path, int runs, const char *out_pdf)
{
    FILE *f = fopen(text_path, "rb");
    if (!f) {
        perror(text_path);
        return 1;
    }
    static char raw[1 << 20];
    size_t nraw = fread(raw, 1, sizeof raw - 1, f);
    fclose(f);
    raw[nraw] = '\0';
    static uint32_t all[1 << 20], chars[1 << 16];
    int n_all = utf8_decode(raw, all, 1 << 20);
    const char *why = NULL;
    font_file file = { 0 };
    font_face *uming = open_face(UMING, &file, &why);
    if (!uming) {
        fprintf(stderr, "pdf_smoke: %s\n", why);
        return 1;
    }
    static unsigned char seen[0x110000];
    int n = 0, distinct = 0;
    for (int i = 0; i < n_all; i++)
        if (all[i] > 0x20 && font_face_has_char(uming, all[i])) {
            chars[n++] = all[i];
            if (!seen[all[i]]) seen[all[i]] = 1, distinct++;
        }
    for (uint32_t c = 0x4E00; distinct < 450; c++)
        if (!seen[c] && font_face_has_char(uming, c)) seen[c] = 1, distinct++, chars[n++] = c;

    /* 9 pt, 50 characters a line, 70 lines a page. */
    enum { PER_LINE = 50, LINES = 70 };
    int n_lines = (n + PER_LINE - 1) / PER_LINE, n_pages = (n_lines + LINES - 1) / LINES;
    frame_item *items = calloc((size_t)n_lines, sizeof *items);
    frame_page *pages = calloc((size_t)n_pages, sizeof *pages);
    for (int l = 0; l < n_lines; l++) {
        int page = l / LINES;
        if (!pages[page].items) pages[page].items = items + l;
        pages[page].n_items++;
        items[l] = (frame_item){ .kind = FRAME_TEXT, .u.text = {
            .face = 0, .size = 9000, .x = 72000, .y = 72000 + (l % LINES) * 10000,
            .text = chars + l * PER_LINE, .len = l == n_lines - 1 ? n - l * PER_LINE : PER_LINE } };
    }
    font_face *faces[1] = { uming };
    frame_doc doc = { .page_width = mpt_from_mm(210), .page_height = mpt_from_mm(297),
                      .pages = pages, .n_pages = n_pages, .faces = faces, .n_faces = 1 };
    pdf_info info = { .title = "基准", .year = 2024, .month = 1, .day = 31 };
    double t[101];
    if (runs > 101) runs = 101;
    int rc = 0;
    arena a;
    arena_init(&a);
    diag d;
    diag_init(&d);
    pdf_options pdfa = { .pdfa = true };
    if (!parse_icc_profile(&a, &d, NULL, &pdfa.icc, &pdfa.icc_len)) rc = 1;
    diag_done(&d);
    for (int r = 0; r < runs && rc == 0; r++) {
        double t0 = now_ms();
        if (!render(&doc, &info, &pdfa, out_pdf)) rc = 1;
        t[r] = now_ms() - t0;
    }
    arena_done(&a);
    if (rc == 0) {
        qsort(t, (size_t)runs, sizeof t[0], cmp_double);
        printf("bench: %d characters, %d distinct, %d pages; pdf_write median %.2f ms, min %.2f ms (%d runs)\n",
               n, distinct, n_pages, t[runs / 2], t[0], runs);
    }
    free(items);
    free(pages);
    font_face_free(uming);
    source_unmap(file.data, file.len);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "--bench") == 0) return bench(argv[2], atoi(argv[3]), argv[4]);
    if (argc == 3) return smoke(argv[1], argv[2]);
    if (argc == 1) return smoke("/tmp/smoke.pdf", "/tmp/smoke.expected");
    fprintf(stderr, "usage: pdf_smoke OUT.pdf EXPECTED.txt | pdf_smoke --bench TEXT N OUT.pdf\n");
    return 2;
}
