#!/usr/bin/env python3
"""gen.py — the hostile cases that cannot be committed: too big (a 3.9 MB
line, a 40 MB file, 10,000 headings), binary (NUL bytes, bad UTF-8,
UTF-16), or naming files that must be made at run time (FIFOs, directories,
hand-made PNG and JPEG images).  Python 3 standard library only.

  gen.py --list              the case names, one a line
  gen.py DIR [NAME ...]      write those cases (default: all) into DIR, as
                             NAME.yaml plus the files each names

Every NAME.yaml starts with the same header lines as tests/hostile/*.yaml:
  # exit: N / # at: L:C or # at-file: F:L:C / # why: … / [# says: …]
(in a UTF-16 case the header is UTF-16 too; hostile.sh drops NUL bytes to
read it).  Positions are computed here from the text written, columns in
characters.
"""
import functools
import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = {}


def case(fn):
    CASES[fn.__name__.replace("_", "-")] = fn
    return fn


def header(exit_, why, at=None, at_file=None, says=None):
    lines = ["# exit: %d" % exit_]
    if at:
        lines.append("# at: %d:%d" % at)
    if at_file:
        lines.append("# at-file: %s:%d:%d" % at_file)
    lines.append("# why: " + why)
    if says:
        lines.append("# says: " + says)
    return "\n".join(lines) + "\n"


def position(text, index):
    """1-based line and column (in characters) of text[index]."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def write_case(d, name, body, exit_, why, needle=None, nth=1, delta=0, says=None, at_file=None, encoding="utf-8"):
    """Writes NAME.yaml = header + body; the position is that of the nth
    needle in the body (plus delta characters), or at_file as given."""
    dummy = header(exit_, why, at=(1, 1) if needle is not None else None, at_file=at_file, says=says)
    at = None
    if needle is not None:
        text = dummy + body
        i = len(dummy) - 1
        for _ in range(nth):
            i = text.index(needle, i + 1)
        at = position(text, i + delta)
    text = header(exit_, why, at=at, at_file=at_file, says=says) + body
    with open(os.path.join(d, name + ".yaml"), "wb") as f:
        f.write(text.encode(encoding) if isinstance(text, str) else text)


def template_report(extra=""):
    """The clean templated report of files/template-report.yaml, with extra
    lines after its date: line."""
    with open(os.path.join(HERE, "files", "template-report.yaml"), encoding="utf-8") as f:
        text = f.read()
    return text.replace("date: 2025-01-20\n", "date: 2025-01-20\n" + extra, 1)


PLAIN = "meta: {title: 报告, author: 某某局, date: 2024-01-31}\nbody:\n"

# ---- images -------------------------------------------------------------------


def png_chunk(tag, data):
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def png_bytes(width, height, rows):
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            png_chunk(b"IDAT", zlib.compress(rows, 9)) + png_chunk(b"IEND", b""))


@functools.lru_cache(maxsize=None)
def noisy_rows(width, height):
    """RGB rows with filter 0 and varied bytes (so that they compress badly)."""
    out = bytearray()
    x = 12345
    for _ in range(height):
        out.append(0)
        for _ in range(width * 3):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
            out.append(x >> 16 & 0xFF)
    return bytes(out)


# A minimal baseline JPEG encoder: flat colour, one 8×8 block per component
# per MCU (no subsampling), DC only (every block ends with EOB).
DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]   # ITU T.81 K.3, luminance DC
DC_VALS = list(range(12))
AC_BITS = [1] + [0] * 15                                       # one symbol: EOB (0x00), code '0'
AC_VALS = [0]


def huff_codes(bits, vals):
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


def jpeg_bytes(width, height, levels, sof=0xC0, adobe=False):
    """levels: one 0..255 value per component (1 grey, 3 YCbCr, 4 CMYK)."""
    n = len(levels)
    seg = lambda marker, data: struct.pack(">BBH", 0xFF, marker, len(data) + 2) + data
    out = b"\xFF\xD8"
    if adobe:
        out += seg(0xEE, b"Adobe" + struct.pack(">HHHB", 100, 0, 0, 0))   # transform 0: no colour conversion
    else:
        out += seg(0xE0, b"JFIF\0" + bytes([1, 1, 0, 0, 1, 0, 1, 0, 0]))
    out += seg(0xDB, b"\x00" + bytes([1] * 64))
    out += seg(sof, struct.pack(">BHHB", 8, height, width, n) + b"".join(bytes([i + 1, 0x11, 0]) for i in range(n)))
    out += seg(0xC4, b"\x00" + bytes(DC_BITS) + bytes(DC_VALS))
    out += seg(0xC4, b"\x10" + bytes(AC_BITS) + bytes(AC_VALS))
    out += seg(0xDA, bytes([n]) + b"".join(bytes([i + 1, 0x00]) for i in range(n)) + b"\x00\x3F\x00")
    dc, ac = huff_codes(DC_BITS, DC_VALS), huff_codes(AC_BITS, AC_VALS)
    acc, nacc, data = 0, 0, bytearray()

    def put(code, length):
        nonlocal acc, nacc
        acc = (acc << length) | code
        nacc += length
        while nacc >= 8:
            byte = (acc >> (nacc - 8)) & 0xFF
            data.append(byte)
            if byte == 0xFF:
                data.append(0)
            nacc -= 8
            acc &= (1 << nacc) - 1

    pred = [0] * n
    for _ in range(((height + 7) // 8) * ((width + 7) // 8)):
        for c in range(n):
            value = 8 * (levels[c] - 128)
            diff = value - pred[c]
            pred[c] = value
            cat = abs(diff).bit_length()
            put(*dc[cat])
            if cat:
                put(diff if diff > 0 else diff + (1 << cat) - 1, cat)
            put(*ac[0])
    if nacc:
        put((1 << (8 - nacc)) - 1, 8 - nacc)
    return out + bytes(data) + b"\xFF\xD9"


RGB_RED = (100, 110, 220)   # Y, Cb, Cr of a red


def seal_case(d, name, exit_, why, ext=".png"):
    seal = name + ext
    body = PLAIN + "  - 正文。\n  - signature: {seal: %s}\n" % seal
    write_case(d, name, body, exit_, why, needle=None if exit_ == 0 else "seal: ", delta=len("seal: "))


# ---- text and YAML --------------------------------------------------------------


@case
def text_invalid_utf8_line3(d):
    why = "bytes FF FE (invalid UTF-8) in a paragraph on line 3 of the body: the error is at that character, not at 1:1"
    body = PLAIN + "  - 第一段。\n  - 第三行有坏字节\udcff\udcfe在这里。\n"
    dummy = header(1, why, at=(1, 1))
    text = dummy + body
    at = position(text, text.index("\udcff"))
    data = (header(1, why, at=at) + body).encode("utf-8", "surrogateescape")
    open(os.path.join(d, "text-invalid-utf8-line3.yaml"), "wb").write(data)


@case
def text_raw_nul(d):
    write_case(d, "text-raw-nul", PLAIN + "  - 正文\0里有一个NUL字节。\n", 1,
               "a raw NUL byte inside a paragraph: error at the NUL (libyaml's reader error today points at 1:1)",
               needle="\0")


@case
def text_control_char_plain(d):
    write_case(d, "text-control-char-plain", PLAIN + "  - 正文\x01里有控制字符。\n", 1,
               "a control character U+0001 in a plain scalar: error at that character, not at 1:1",
               needle="\x01")


@case
def text_utf16le_bom(d):
    body = "#\n" + header(1, "a UTF-16LE file with a byte-order mark: error at 1:1 saying the file is UTF-16 (save it as UTF-8)",
                          at=(1, 1), says="UTF-16") + PLAIN + "  - 正文。\n"
    open(os.path.join(d, "text-utf16le-bom.yaml"), "wb").write(b"\xff\xfe" + body.encode("utf-16-le"))


@case
def text_utf16le_nobom(d):
    body = header(1, "a UTF-16LE file without a byte-order mark (every other byte NUL): error at 1:1 saying the file looks like UTF-16",
                  at=(1, 1), says="UTF-16") + PLAIN + "  - 正文。\n"
    open(os.path.join(d, "text-utf16le-nobom.yaml"), "wb").write(body.encode("utf-16-le"))


@case
def text_over_limit(d):
    size = 40000001
    head = header(1, "a file of 40,000,001 bytes, over the 4 MiB input limit: error at 1:1 giving the real size (not the "
                  "4 MiB read before stopping), without reading it all", at=(1, 1), says="40000001") + "body:\n"
    data = bytearray(head.encode())
    chunk = ("  - " + "超" * 1000 + "\n").encode()
    while len(data) + len(chunk) + 100 < size:
        data += chunk
    data += b"#" + b"x" * (size - len(data) - 2) + b"\n"   # a comment line fills the rest
    assert len(data) == size, len(data)
    open(os.path.join(d, "text-over-limit.yaml"), "wb").write(bytes(data))


@case
def text_4mb_paragraph_error_at_end(d):
    body = PLAIN + "  - " + "这是一段很长的正文。" * 130000 + "**未闭合\n"
    write_case(d, "text-4mb-paragraph-error-at-end", body, 1,
               "a 3.9 MB single-line paragraph ending in an unclosed **: error at the ** (column 1,300,005), within 2 s and 200 MB",
               needle="**未闭合")


@case
def text_10000_errors(d):
    body = "meta:\n" + "".join("  bad%d: x\n" % i for i in range(10000)) + "body:\n  - 正文。\n"
    write_case(d, "text-10000-errors", body, 1,
               "10,000 unknown keys in meta: the first at its key, 20 shown, the rest counted; fast, with bounded output",
               needle="bad0:")


@case
def text_100000_warnings(d):
    body = PLAIN + "".join("  - " + "\U00013000" * 1000 + "\n" for _ in range(100))
    write_case(d, "text-100000-warnings", body, 0,
               "legitimate: 100,000 characters no font has (U+13000), each a warning: exit 0 with the warnings capped "
               "(a count of the rest), within 2 s")


@case
def text_running_header_10000_holes(d):
    title = "很长的标题" * 1000
    body = ("meta:\n  title: " + title + "\n  date: 2024-01-31\nlayout:\n  name: gbt9704\n"
            "  running-header: {text: \"" + "{title}" * 10000 + "\"}\nbody:\n  - 正文。\n")
    write_case(d, "text-running-header-10000-holes", body, 1,
               "a running header of 10,000 {title} holes with a 5,000-character title (50 million characters a page): "
               "error at the text value (it cannot fit its line), quickly and without gigabytes",
               needle="{text: ", delta=len("{text: "))


@case
def text_long_paragraph_100k(d):
    body = PLAIN + "  - " + "政府信息公开工作稳步推进，" * 8000 + "完。\n"
    write_case(d, "text-long-paragraph-100k", body, 0,
               "legitimate: one paragraph of 104,002 characters (a long but valid report): total-fit line breaking must stay "
               "within 2 s and 200 MB")


@case
def yaml_240000_keys(d):
    body = "meta:\n" + "".join("  k%d: x\n" % i for i in range(240000)) + "body:\n  - 正文。\n"
    write_case(d, "yaml-240000-keys", body, 1,
               "a mapping of 240,000 keys (3 MB, 480,000 values): error at the first unknown key; the duplicate-key "
               "check must not compare every pair (300,000 keys took 347 s)", needle="k0:")


@case
def table_cell_limit(d):
    body = PLAIN + "  - table:\n      grid:\n" + "        - [甲, 1, 2]\n" * 66666 + "        - [乙, 1, 2]\n" * 10
    write_case(d, "table-cell-limit", body, 1,
               "a grid of 200,028 cells: error at the row that passes the table cell limit (200,000), with nothing "
               "said about the rows after it", needle="[乙", says="the table cell limit")


@case
def table_cell_limit_trees(d):
    rows = "".join("        - {head: 行%d, values: [1, 2, 3, 4]}\n" % i for i in range(50001))
    body = PLAIN + "  - table:\n      columns: [甲, 乙, 丙, 丁]\n      rows:\n" + rows
    write_case(d, "table-cell-limit-trees", body, 1,
               "a header-tree table of 50,001 rows of 4 values: error at the values of the row that passes the table "
               "cell limit (200,000)", needle="{head: 行50000, values: ", delta=len("{head: 行50000, values: "),
               says="the table cell limit")


@case
def yaml_node_limit_grid(d):
    row = "        - [" + ",".join(str(i % 10) for i in range(20)) + "]\n"
    body = PLAIN + "  - table:\n      grid:\n" + row * 80000 + "        - [1, 2, 1e3]\n"
    # Values before the rows: the root, meta and its map of 3 pairs (8), body and its list, the
    # table's map, 'table' and its map, 'grid' and its list (16); then 21 a row (the list, 20
    # numbers).  Value 500,001 is the 17th of row 23,809: its 16th number, 11 + 15 × 2 characters in.
    write_case(d, "yaml-node-limit-grid", body, 1,
               "a grid of 1.6 million one-digit cells (4.2 MB) with a refused number in its last row: the input node "
               "limit (500,000 values) stops it at the value past the limit, within 200 MB (it took 878 MB and "
               "reported the 1e3 only after building every cell)", needle=row, nth=23809, delta=41,
               says="the input node limit")


@case
def yaml_duplicate_key_after_100000(d):
    body = ("meta:\n  title: 报告\n  keywords:\n" + "".join("    - {k%d: x}\n" % i for i in range(10)) +
            "x:\n" + "".join("  k%d: x\n" % i for i in range(100000)) + "  k5: y\nbody:\n  - 正文。\n")
    write_case(d, "yaml-duplicate-key-after-100000", body, 1,
               "key k5 given again after 100,000 keys of one mapping: error at the second k5 naming the first's line, "
               "fast (the keys are indexed, not scanned)", needle="  k5: y", delta=2, says="duplicate key 'k5'")


@case
def yaml_100000_anchors(d):
    body = ("meta:\n  title: 报告\n  keywords:\n" + "".join("    - &a%d 词\n" % i for i in range(100000)) +
            "body:\n" + "".join("  - *a1\n" for _ in range(60000)))
    write_case(d, "yaml-100000-anchors", body, 1,
               "100,000 anchors and 60,000 aliases to the second (each lookup scanned every anchor): fast; then the "
               "keywords, joined, are too long for the document properties: error at the list of keywords",
               needle="- &a0", says="document properties hold at most 8000")


@case
def meta_title_40000(d):
    body = "meta:\n  title: " + "标题" * 20000 + "\nbody:\n  - 正文。\n"
    write_case(d, "meta-title-40000", body, 1,
               "a title of 40,000 characters: error at it (document properties hold 8,000), not an internal error "
               "from the PDF library's string limit", needle="标题", says="meta.title is 40000 characters")


@case
def template_issuer_latin_35000(d):
    body = template_report().replace("issuer: 某某局", "issuer: " + "Bureau " * 4999 + "Bureau", 1)
    write_case(d, "template-issuer-latin-35000", body, 1,
               "an issuer of 34,999 Latin characters (35 KB, under the 64 KiB pattern limit; 70 KB as UTF-16) (the author and, through the template, the title): error at the issuer, "
               "not an internal error from the PDF library", needle="Bureau", says="the issuer is 34999 characters")


@case
def meta_language_80000(d):
    body = "meta:\n  title: 报告\n  language: " + "zh" * 40000 + "\nbody:\n  - 正文。\n"
    write_case(d, "meta-language-80000", body, 1,
               "a language of 80,000 letters: error at it (not a language tag), not an internal error from the PDF "
               "library's string limit", needle="zhzh", says="is not a language tag")


@case
def pages_33000(d):
    body = "meta: {title: 页数}\nbody:\n" + "  - 页\n  - page-break:\n" * 33000
    write_case(d, "pages-33000", body, 1,
               "33,000 page breaks (800 KB): error at the block that would start page 10,001 (the page limit); past "
               "32,767 pages libharu's page array failed (an internal error, exit 3)",
               needle="  - 页", nth=10001, delta=4, says="the page limit")


@case
def heading_40000_chars(d):
    body = PLAIN + "  - heading: " + "标" * 40000 + "\n  - 正文。\n"
    write_case(d, "heading-40000-chars", body, 0,
               "legitimate: a heading of 40,000 characters (pages of it): its bookmark is cut to 8,000 characters with a "
               "warning, not an internal error from the PDF library")


@case
def yaml_alias_900kb_paragraph_300_times(d):
    body = PLAIN + "  - &p " + "这是一段很长的正文。" * 30000 + "\n" + "  - *p\n" * 300
    write_case(d, "yaml-alias-900kb-paragraph-300-times", body, 1,
               "a 900 KB paragraph anchored and aliased 300 times (270 MB of text from 900 KB, few nodes): error at the "
               "alias that passes 4 MiB of expanded text (the fifth), not a layout that never ends",
               needle="  - *p", nth=5, delta=4, says="the alias expansion limit")


@case
def layout_chain_node_budget(d):
    # chain-a extends chain-b extends chain-c, each with a list of 300,000 values under an unknown key.
    row = "1," * 100 + "\n"
    for name, parent in (("a", "chain-b.layout.yaml"), ("b", "chain-c.layout.yaml"), ("c", "gbt9704")):
        text = "name: chain-%s\nextends: %s\nnumbers: [\n" % (name, parent) + row * 3000 + "]\n"
        open(os.path.join(d, "chain-%s.layout.yaml" % name), "wb").write(text.encode())
    body = "meta: {title: 版式测试, date: 2024-01-31}\nlayout: chain-a.layout.yaml\nbody:\n  - 正文。\n"
    # The report has 12 values; chain-a 300,007 (its map, two pairs, the key 'numbers', the list and its
    # items); so value 500,001 is the 199,982nd of chain-b, its 199,975th number (the first 7 are the
    # rest): row 1,999 (0-based, on line 4 + 1,999), number 74 (0-based), at column 1 + 74 × 2.
    write_case(d, "layout-chain-node-budget", body, 1,
               "three layouts extending each other, 300,000 values each (0.6 MB a file): the node budget is one for "
               "the run, so the error is at the value of chain-b that passes 500,000, not 900,000 values parsed",
               at_file=("chain-b.layout.yaml", 4 + 1999, 1 + 74 * 2), says="the input node limit")


@case
def layout_merge_100000_keys(d):
    # merge-a extends merge-b; both have a mapping 'x' of the same 100,000 keys.
    for name, parent in (("a", "merge-b.layout.yaml"), ("b", "gbt9704")):
        text = "name: merge-%s\nextends: %s\nx:\n" % (name, parent) + "".join("  k%d: 1\n" % i for i in range(100000))
        open(os.path.join(d, "merge-%s.layout.yaml" % name), "wb").write(text.encode())
    body = "meta: {title: 版式测试, date: 2024-01-31}\nlayout: merge-a.layout.yaml\nbody:\n  - 正文。\n"
    write_case(d, "layout-merge-100000-keys", body, 1,
               "a layout extending another, both with a mapping of the same 100,000 keys: merged in linear time (each "
               "key was looked up by a scan: 10^10 comparisons, over a minute), then 'x' is an unknown key",
               at_file=("merge-a.layout.yaml", 3, 1), says="unknown key 'x'")


@case
def yaml_nesting_1000_block_maps(d):
    body = "meta: {title: 报告}\n" + "".join(" " * k + "x%d:\n" % k for k in range(1000)) + " " * 1000 + "x1000: y\n"
    write_case(d, "yaml-nesting-1000-block-maps", body, 1,
               "block mappings nested 1,000 deep: the nesting limit at the mapping 64 deep (the root holds x0, the mapping "
               "of depth k holds xk, so the one starting at x64)",
               needle="x64:", says="nesting")


@case
def table_10000_columns(d):
    cols = ", ".join("列%d" % i for i in range(10000))
    vals = ", ".join("1" for _ in range(10000))
    body = PLAIN + "  - table:\n      columns: [" + cols + "]\n      rows:\n        - {head: 甲, values: [" + vals + "]}\n"
    write_case(d, "table-10000-columns", body, 1,
               "10,000 leaf columns: 'the table needs at least … mm' at the table (its first key), quickly (no quadratic width search)",
               needle="columns:")


@case
def heading_10000_level_1(d):
    body = "meta: {title: 标题测试, date: 2024-01-31}\nbody:\n" + "".join("  - h1: 第%d章\n" % i for i in range(1, 10001))
    write_case(d, "heading-10000-level-1", body, 0,
               "legitimate: 10,000 level-1 headings numbered 一、 … 九千九百九十九、 一万、 within 2 s "
               "(test_print_10000_headings_numbered_to_yiwan reads the PDF)")


@case
def chars_7000_distinct(d):
    chars = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    assert len(chars) == 6763
    paras = ["".join(chars[i:i + 50]) for i in range(0, len(chars), 50)]
    body = ("meta: {title: 字数测试, date: 2024-01-31}\nlayout:\n  name: gbt9704\n  page-number: {format: null}\nbody:\n" +
            "".join("  - %s\n" % p for p in paras))
    write_case(d, "chars-7000-distinct", body, 1,
               "6,763 distinct characters (all GB 2312 hanzi, all in AR PL UMing) in the body face, over the 6,400 limit: error at the "
               "6,401st distinct character (%s, paragraph 129), not 'writing the PDF failed' with exit 3" % chars[6400],
               needle="  - " + paras[128], delta=4, says="6400")


# ---- files the report names -----------------------------------------------------


@case
def seal_directory(d):
    os.mkdir(os.path.join(d, "seal-directory.png"))
    seal_case(d, "seal-directory", 1, "the seal is a directory: error at the seal value")


@case
def seal_fifo(d):
    os.mkfifo(os.path.join(d, "seal-fifo.png"))
    seal_case(d, "seal-fifo", 1, "the seal is a FIFO with no writer: error at the seal value at once (opening it for reading blocks for ever)")


@case
def seal_empty(d):
    open(os.path.join(d, "seal-empty.png"), "wb").close()
    seal_case(d, "seal-empty", 1, "the seal is an empty file: error at the seal value")


@case
def seal_png_truncated_idat(d):
    png = png_bytes(96, 96, noisy_rows(96, 96))
    idat = png.index(b"IDAT")
    open(os.path.join(d, "seal-png-truncated-idat.png"), "wb").write(png[:idat + 4 + 2000])
    seal_case(d, "seal-png-truncated-idat", 1,
              "a PNG whose file ends inside its IDAT: error at the seal value (today the header passes the check and the "
              "decode fails while writing: 'writing the PDF failed', exit 3)")


@case
def seal_png_8192_claim(d):
    png = (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 8192, 8192, 8, 2, 0, 0, 0)) +
           png_chunk(b"IDAT", zlib.compress(b"\0" + b"\xff" * (8192 * 3))) + png_chunk(b"IEND", b""))
    open(os.path.join(d, "seal-png-8192-claim.png"), "wb").write(png)
    seal_case(d, "seal-png-8192-claim", 1,
              "a 130-byte PNG claiming 8192x8192 pixels with one row of data: error at the seal value, without allocating 200 MB for it")


@functools.lru_cache(maxsize=None)
def big_noisy_png():
    return png_bytes(2048, 2048, noisy_rows(2048, 2048))


@case
def seal_2048_named_300_times(d):
    png = big_noisy_png()
    open(os.path.join(d, "seal-2048.png"), "wb").write(png)
    body = PLAIN + "  - 正文。\n  - signature: {seal: seal-2048.png}\n" * 300
    write_case(d, "seal-2048-named-300-times", body, 0,
               "legitimate: 300 signatures naming one 2048 × 2048 seal (12 MB decoded): the file is read and decoded "
               "once and the PDF holds it once (each signature decoded it again: 3.6 GB)")


@case
def seal_files_over_64mib(d):
    body = PLAIN
    for i in range(6):
        png = big_noisy_png()
        name = "seal-big-%d.png" % i
        # a 3 MB comment after IHDR (PNG needs IHDR first) makes each file 15 MB
        open(os.path.join(d, name), "wb").write(png[:33] + png_chunk(b"tEXt", b"c\0" + bytes([65 + i]) * (3 << 20)) + png[33:])
        body += "  - 正文。\n  - signature: {seal: %s}\n" % name
    write_case(d, "seal-files-over-64mib", body, 1,
               "six different 15 MB seal files (12 MB each decoded): error at the third (64 MiB of seals together, "
               "files and decoded images, the seal limit)",
               needle="seal: seal-big-2", delta=len("seal: "), says="the seal limit")


@case
def seal_small_files_big_images(d):
    png = (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 2048, 2048, 8, 2, 0, 0, 0)) +
           png_chunk(b"IDAT", zlib.compress((b"\0" + b"\xff" * (2048 * 3)) * 2048, 9)) + png_chunk(b"IEND", b""))
    body = PLAIN
    for i in range(40):
        name = "seal-white-%d.png" % i
        open(os.path.join(d, name), "wb").write(png)
        body += "  - 正文。\n  - signature: {seal: %s}\n" % name
    write_case(d, "seal-small-files-big-images", body, 1,
               "40 different 25 KB PNGs, each a white 2048 × 2048 image (12 MB decoded, 480 MB in all): error at the "
               "sixth, where the decoded images pass 64 MiB (the seal limit), not half a gigabyte of pixels",
               needle="seal: seal-white-5.png", delta=len("seal: "), says="the seal limit")


@case
def seal_jpeg_truncated(d):
    jpg = jpeg_bytes(64, 64, RGB_RED)
    sos = jpg.index(b"\xFF\xDA")
    open(os.path.join(d, "seal-jpeg-truncated.jpg"), "wb").write(jpg[:sos + 14 + (len(jpg) - sos - 16) // 2])
    seal_case(d, "seal-jpeg-truncated", 1,
              "a JPEG cut in its scan data, before EOI: error at the seal value (today copied into the PDF as it is)", ext=".jpg")


@case
def seal_jpeg_trailing_garbage(d):
    open(os.path.join(d, "seal-jpeg-trailing-garbage.jpg"), "wb").write(jpeg_bytes(64, 64, RGB_RED) + b"trailing garbage after EOI\n" * 4)
    seal_case(d, "seal-jpeg-trailing-garbage", 0,
              "legitimate: a complete JPEG followed by bytes after its EOI (as some scanners write): accepted, exit 0", ext=".jpg")


@case
def seal_jpeg_sof3(d):
    open(os.path.join(d, "seal-jpeg-sof3.jpg"), "wb").write(jpeg_bytes(64, 64, RGB_RED, sof=0xC3))
    seal_case(d, "seal-jpeg-sof3", 1,
              "a lossless JPEG (SOF3), which PDF's DCTDecode cannot show: error at the seal value", ext=".jpg")


@case
def seal_jpeg_cmyk(d):
    open(os.path.join(d, "seal-jpeg-cmyk.jpg"), "wb").write(jpeg_bytes(64, 64, (0, 230, 220, 0), adobe=True))
    seal_case(d, "seal-jpeg-cmyk", 1,
              "a CMYK JPEG (Adobe APP14): PDF/A output is sRGB, so an error at the seal value (today found only while writing: "
              "'writing the PDF failed', exit 3)", ext=".jpg")


def prev_case(d, name, why):
    write_case(d, name, template_report("previous: %s-2023.yaml\n" % name), 1, why, needle="previous: ", delta=len("previous: "))


@case
def prev_directory(d):
    os.mkdir(os.path.join(d, "prev-directory-2023.yaml"))
    prev_case(d, "prev-directory", "previous: names a directory: an error at the value (today a warning, and R6 silently unchecked)")


@case
def prev_fifo(d):
    os.mkfifo(os.path.join(d, "prev-fifo-2023.yaml"))
    prev_case(d, "prev-fifo", "previous: names a FIFO with no writer: an error at the value at once, never a hang")


@case
def prev_binary(d):
    open(os.path.join(d, "prev-binary-2023.pdf"), "wb").write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 8 >>\nstream\n\x00\x01\x02\xff\xfe\x00\x00\x00\nendstream\nendobj\n%%EOF\n")
    write_case(d, "prev-binary", template_report("previous: prev-binary-2023.pdf\n"), 1,
               "previous: names last year's PDF instead of its YAML: an error at the value saying it is not a report (binary), "
               "not a YAML error inside the PDF",
               needle="previous: ", delta=len("previous: "))


def layout_file_case(d, name, why, make):
    make(os.path.join(d, name + "-base.layout.yaml"))
    office = "name: office\nextends: %s-base.layout.yaml\n" % name
    open(os.path.join(d, name + ".layout.yaml"), "w").write(office)
    body = "meta: {title: 版式测试, date: 2024-01-31}\nlayout: %s.layout.yaml\nbody:\n  - 正文。\n" % name
    write_case(d, name, body, 1, why, at_file=(name + ".layout.yaml", 2, 10))


@case
def layout_extends_directory(d):
    layout_file_case(d, "layout-extends-directory", "a layout extends another layout file, which is a directory: error at the extends value", os.mkdir)


@case
def layout_extends_fifo(d):
    layout_file_case(d, "layout-extends-fifo", "a layout extends another layout file, which is a FIFO: error at the extends value at once, never a hang",
                     os.mkfifo)


@case
def layout_fifo(d):
    os.mkfifo(os.path.join(d, "layout-fifo.layout.yaml"))
    write_case(d, "layout-fifo", "meta: {title: 版式测试, date: 2024-01-31}\nlayout: layout-fifo.layout.yaml\nbody:\n  - 正文。\n", 1,
               "the report's layout: names a FIFO: error at the layout value at once, never a hang",
               needle="layout: ", delta=len("layout: "))


def main(argv):
    if argv[1:] == ["--list"]:
        print("\n".join(CASES))
        return 0
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    d = argv[1]
    names = argv[2:] or list(CASES)
    for name in names:
        if name not in CASES:
            print("gen.py: no case %s" % name, file=sys.stderr)
            return 2
        CASES[name](d)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
