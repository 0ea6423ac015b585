#!/usr/bin/env python3
"""pdfcheck.py — inspect a reportc PDF the way a reader sees it.

Uses poppler-utils only (pdffonts, pdftotext, pdfinfo).  Each subcommand
prints what is wrong and exits 1, or exits 0 silently.

  fonts PDF                 every font embedded, subset, with ToUnicode
  text PDF SEED             every prose paragraph of the seed is in the text
  chars PDF TEXTFILE        pdftotext gives back exactly the characters of TEXTFILE
  geometry PDF              GB/T 9704 text block, first line, page numbers
  quiet PDF                 poppler prints no warning on any tool
  kinsoku PDF               no line starts or ends with a prohibited mark
                            (clreq §3.1.7), no number split from its unit
  cell-kinsoku PDF          the same rule for every visual line inside a
                            table cell (which kinsoku skips)
"""
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET

MM = 72 / 25.4
A4_H = 841.89   # page height when no MediaBox says: rules are flipped to pdftotext's y-down coordinates


def run(*args):
    p = subprocess.run(args, capture_output=True)
    return p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), p.returncode


def squash(s):
    """Whitespace removed, and NFKC so （一） and (一) compare equal."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def check_fonts(pdf):
    out, err, rc = run("pdffonts", pdf)
    rows = out.splitlines()[2:]
    problems = []
    if not rows:
        problems.append("no fonts listed")
    for row in rows:
        # name type encoding emb sub uni object ID
        f = row.split()
        emb, sub, uni = f[-5], f[-4], f[-3]
        if (emb, sub, uni) != ("yes", "yes", "yes"):
            problems.append("font not embedded+subset+ToUnicode: " + row)
        if not re.match(r"^[A-Z]{6}\+", f[0]):
            problems.append("font name lacks a subset tag: " + row)
    return problems


def seed_paragraphs(seed):
    """The prose paragraphs of the seed: long lines that are not table rows."""
    paras = []
    for line in open(seed, encoding="utf-8"):
        line = line.strip()
        if "\t" in line or len(line) < 20:
            continue
        paras.append(line)
    return paras


def check_text(pdf, seed):
    out, _, _ = run("pdftotext", "-enc", "UTF-8", pdf, "-")
    # A paragraph may run across a page break: drop the page numbers between.
    out = re.sub(r"^\s*—\s*\d+\s*—\s*$", "", out, flags=re.M)
    text = squash(out)
    problems = []
    for p in seed_paragraphs(seed):
        if squash(p) not in text:
            problems.append("paragraph missing: " + p[:40] + "…")
    return problems


def check_chars(pdf, textfile):
    out, _, _ = run("pdftotext", "-enc", "UTF-8", pdf, "-")
    want = re.sub(r"\s+", "", open(textfile, encoding="utf-8").read())
    got = re.sub(r"\s+", "", out)
    return [] if want == got else ["text differs: want %r, got %r" % (want[:80], got[:80])]


def rules_of(pdf):
    """Per page: the straight rules drawn, as (x0, y0, x1, y1, width) in
    pdftotext's coordinates (points, y down), read from the content streams
    that qpdf writes uncompressed."""
    with tempfile.TemporaryDirectory() as tmp:
        qdf = os.path.join(tmp, "q.pdf")
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf], check=False)
        data = open(qdf, "rb").read().decode("latin-1")
    pages = {}
    # Each page's height (landscape pages too), from its MediaBox.
    heights = {int(m.group(1)): float(m.group(2))
               for m in re.finditer(r"%% Page (\d+)\n.*?/MediaBox \[\s*[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+([-\d.]+)",
                                    data, re.S)}
    for m in re.finditer(r"%% Contents for page (\d+)\n.*?stream\n(.*?)endstream", data, re.S):
        n, stream = int(m.group(1)), m.group(2)
        page_h = heights.get(n, A4_H)
        stack, width, start, rules = [], 1.0, None, []
        for tok in stream.split():
            if re.fullmatch(r"-?[\d.]+", tok):
                stack.append(float(tok))
                continue
            if tok == "w" and stack:
                width = stack[-1]
            elif tok == "m" and len(stack) >= 2:
                start = (stack[-2], stack[-1])
            elif tok == "l" and len(stack) >= 2 and start:
                rules.append((start[0], page_h - start[1], stack[-2], page_h - stack[-1], width))
            stack = []
        pages[n] = rules
    return pages


def cells_of(rules):
    """The cells a page's rules enclose: for every pair of neighbouring
    horizontal rule positions and vertical rule positions, the rectangle is a
    cell when rules run along all four of its sides."""
    hs = [(min(x0, x1), max(x0, x1), y0) for x0, y0, x1, y1, _ in rules if abs(y0 - y1) < 0.01]
    vs = [(min(y0, y1), max(y0, y1), x0) for x0, y0, x1, y1, _ in rules if abs(x0 - x1) < 0.01]

    def h_covers(y, xa, xb):
        return any(abs(yy - y) < 0.05 and a <= xa + 0.05 and b >= xb - 0.05 for a, b, yy in hs)

    def v_covers(x, ya, yb):
        return any(abs(xx - x) < 0.05 and a <= ya + 0.05 and b >= yb - 0.05 for a, b, xx in vs)

    return hs, vs, h_covers, v_covers


def cell_around(box, hs, vs, h_covers, v_covers):
    """The smallest ruled rectangle holding the box, or None."""
    cx, cy = (box["xMin"] + box["xMax"]) / 2, (box["yMin"] + box["yMax"]) / 2
    lefts = sorted({x for a, b, x in vs if x <= cx and a <= cy <= b}, reverse=True)
    rights = sorted({x for a, b, x in vs if x >= cx and a <= cy <= b})
    tops = sorted({y for a, b, y in hs if y <= cy and a <= cx <= b}, reverse=True)
    bottoms = sorted({y for a, b, y in hs if y >= cy and a <= cx <= b})
    for l in lefts:
        for r in rights:
            for t in tops:
                for b in bottoms:
                    if h_covers(t, l, r) and h_covers(b, l, r) and v_covers(l, t, b) and v_covers(r, t, b):
                        return (l, t, r, b)
    return None


def table_words(pdf):
    """Per page: (cell, words) for every ruled cell holding text; and the
    words outside any cell."""
    rules = rules_of(pdf)
    out, _, _ = run("pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-")
    out = re.sub(r"<!DOCTYPE[^>]*>", "", out)
    out = re.sub(r'xmlns="[^"]*"', "", out)
    root = ET.fromstring(out)
    result = []
    for n, page in enumerate(root.iter("page"), 1):
        geometry = cells_of(rules.get(n, []))
        cells, outside = {}, []
        for w in page.iter("word"):
            box = {k: float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")}
            box["text"] = w.text or ""
            cell = cell_around(box, *geometry) if geometry[0] else None
            if cell:
                cells.setdefault(cell, []).append(box)
            else:
                outside.append(box)
        result.append((cells, outside))
    return result


def cell_text(words):
    """A cell's text in reading order: its words top to bottom, left to right."""
    return "".join(w["text"] for w in sorted(words, key=lambda w: (round(w["yMin"]), w["xMin"])))


def check_tables(pdf, numbers_expected=None, centred=None):
    """No text crosses a rule; every cell's text is centred vertically in the
    cell; text not flush with the cell's left padding is centred
    horizontally unless it is a number; a cell whose whole text matches the
    regex `centred` (the header labels) is centred horizontally between the
    rules around it, flush or not; no two numbers share a cell.  Prints how
    many cells and numbers it saw."""
    problems, n_cells, n_numbers = [], 0, 0
    for n, (cells, _) in enumerate(table_words(pdf), 1):
        for (l, t, r, b), words in cells.items():
            n_cells += 1
            x0, x1 = min(w["xMin"] for w in words), max(w["xMax"] for w in words)
            y0, y1 = min(w["yMin"] for w in words), max(w["yMax"] for w in words)
            text = "".join(w["text"] for w in words)
            if x0 < l or x1 > r or y0 < t or y1 > b:
                problems.append("page %d: text leaves its cell: %s" % (n, text[:20]))
            # Glyph boxes of CJK faces sit ~0.12 em low: compare with a tolerance.
            if abs((y0 + y1) / 2 - (t + b) / 2) > 2.0:
                problems.append("page %d: not centred vertically (%.1f pt off): %s"
                                % (n, (y0 + y1) / 2 - (t + b) / 2, text[:20]))
            # A numeric cell: every word in it is a number (第4区 is a label).
            numeric = [w for w in words if re.fullmatch(r"-?[\d,]+(\.\d+)?", w["text"])]
            if len(numeric) < len(words):
                numeric = []
            n_numbers += len(numeric)
            if len(numeric) > 1:
                problems.append("page %d: %d numbers share a cell: %s" % (n, len(numeric), text[:20]))
            flush_left = x0 - l < 6.0   # within the padding (≈ 1 mm)
            must = centred is not None and re.fullmatch(centred, text)
            if (must or not flush_left) and not numeric and abs((x0 + x1) / 2 - (l + r) / 2) > 1.0:
                problems.append("page %d: label not centred over its columns (%.1f pt off): %s"
                                % (n, (x0 + x1) / 2 - (l + r) / 2, text[:20]))
    print("cells %d numbers %d" % (n_cells, n_numbers))
    if numbers_expected is not None and n_numbers != int(numbers_expected):
        problems.append("%d numbers in cells, expected %s" % (n_numbers, numbers_expected))
    return problems


def pages_of(pdf, skip_tables=True):
    """Per page: width, height and the visual lines — words grouped by their
    baseline (poppler's own <line> grouping splits a line where compressed
    punctuation makes glyph boxes overlap)."""
    out, _, _ = run("pdftotext", "-bbox-layout", "-enc", "UTF-8", pdf, "-")
    out = re.sub(r"<!DOCTYPE[^>]*>", "", out)
    out = re.sub(r'xmlns="[^"]*"', "", out)
    root = ET.fromstring(out)
    pages = []
    rules = rules_of(pdf) if skip_tables else {}
    for n, page in enumerate(root.iter("page"), 1):
        geometry = cells_of(rules.get(n, []))
        words = []
        for w in page.iter("word"):
            box = {k: float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")}
            box["text"] = w.text or ""
            # Text in table cells is not prose: the line checks skip it.
            if geometry[0] and cell_around(box, *geometry):
                continue
            words.append(box)
        words.sort(key=lambda w: (round(w["yMax"]), w["xMin"]))
        lines = []
        for w in words:
            if lines and abs(lines[-1]["yMax"] - w["yMax"]) < 1.0:
                l = lines[-1]
                l["xMin"], l["xMax"] = min(l["xMin"], w["xMin"]), max(l["xMax"], w["xMax"])
                l["yMin"], l["yMax"] = min(l["yMin"], w["yMin"]), max(l["yMax"], w["yMax"])
                l["words"].append(w)
            else:
                lines.append(dict(w, words=[w]))
        for l in lines:
            l["words"].sort(key=lambda w: w["xMin"])
            l["text"] = "".join(w["text"] for w in l["words"])
        pages.append((float(page.get("width")), float(page.get("height")), lines))
    return pages


def is_page_number(line):
    return re.fullmatch(r"—\d+—", line["text"]) is not None


def check_geometry(pdf, left_mm=28, right_mm=184, top_mm=37, bottom_mm=262):
    problems = []
    pages = pages_of(pdf)
    for n, (w, h, lines) in enumerate(pages, 1):
        if abs(w - 595.276) > 0.5 or abs(h - 841.89) > 0.5:
            problems.append("page %d is %.1fx%.1f pt, not A4" % (n, w, h))
        body = [l for l in lines if not is_page_number(l)]
        numbers = [l for l in lines if is_page_number(l)]
        if len(numbers) != 1:
            problems.append("page %d has %d page numbers" % (n, len(numbers)))
        for l in numbers:
            if l["text"] != "—%d—" % n:
                problems.append("page %d numbered %s" % (n, l["text"]))
            # GB/T 9704 §7.5: below the text block; odd pages right, even left.
            if l["yMin"] < bottom_mm * MM:
                problems.append("page %d: page number inside the text block" % n)
            if n % 2 and l["xMax"] < (right_mm - 10) * MM:
                problems.append("page %d: odd page number not on the right" % n)
            if n % 2 == 0 and l["xMin"] > (left_mm + 10) * MM:
                problems.append("page %d: even page number not on the left" % n)
        if not body:
            continue
        for l in body:
            if l["xMin"] < (left_mm - 0.5) * MM or l["xMax"] > (right_mm + 0.5) * MM:
                problems.append("page %d: line outside the text block horizontally: %.2f–%.2f mm %s"
                                % (n, l["xMin"] / MM, l["xMax"] / MM, l["text"][:20]))
            if l["yMin"] < (top_mm - 1) * MM or l["yMax"] > (bottom_mm + 1) * MM:
                problems.append("page %d: line outside the text block vertically: %s" % (n, l["text"][:20]))
        # No two lines overlap (type larger than the grid takes more lines).
        boxes = sorted(body, key=lambda l: l["yMin"])
        for a, b in zip(boxes, boxes[1:]):
            overlap_x = a["xMin"] < b["xMax"] and b["xMin"] < a["xMax"]
            if overlap_x and b["yMin"] < a["yMax"] - 1 and abs(b["yMin"] - a["yMin"]) > 1:
                problems.append("page %d: lines overlap: %s / %s" % (n, a["text"][:10], b["text"][:10]))
        first = min(l["yMin"] for l in body)
        if abs(first / MM - top_mm) > 1:
            problems.append("page %d: first line starts %.2f mm from the top" % (n, first / MM))
        lefts = [l["xMin"] / MM for l in body if abs(l["xMin"] / MM - left_mm) < 3]
        for x in lefts:
            if abs(x - left_mm) > 0.5:
                problems.append("page %d: a line starts at %.2f mm" % (n, x))
        # Justified text fills the measure: a page with a long line reaches the
        # right edge of the text block.
        rightmost = max(l["xMax"] for l in body) / MM
        full = [l for l in body if abs(l["xMin"] / MM - left_mm) < 0.5 and len(l["text"]) >= 27]
        if full and abs(rightmost - right_mm) > 0.5:
            problems.append("page %d: rightmost text ends at %.2f mm, not %g" % (n, rightmost, right_mm))
    return problems


NO_START = set("、，。：；！？）］〕】》〉」』〗｝”’％…—～·/")
NO_END = set("（［〔【《〈「『〖｛“‘/")


def check_kinsoku(pdf):
    problems = []
    for n, (_, _, lines) in enumerate(pages_of(pdf), 1):
        body = [l["text"] for l in lines if not is_page_number(l)]
        for i, t in enumerate(body):
            if not t:
                continue
            if t[0] in NO_START:
                problems.append("page %d: line starts with %s: %s" % (n, t[0], t[:12]))
            if t[-1] in NO_END:
                problems.append("page %d: line ends with %s: %s" % (n, t[-1], t[-12:]))
            if i + 1 < len(body) and body[i + 1] and t[-1].isdigit() and "\u4e00" <= body[i + 1][0] <= "\u9fff":
                problems.append("page %d: number split from its unit: %s | %s" % (n, t[-8:], body[i + 1][:4]))
    return problems


def cell_lines(words):
    """A cell's visual lines: its words grouped by baseline, left to right."""
    lines = []
    for w in sorted(words, key=lambda w: (round(w["yMax"]), w["xMin"])):
        if lines and abs(lines[-1][-1]["yMax"] - w["yMax"]) < 1.0:
            lines[-1].append(w)
        else:
            lines.append([w])
    return ["".join(w["text"] for w in sorted(l, key=lambda w: w["xMin"])) for l in lines]


def check_cell_kinsoku(pdf):
    """No visual line inside a table cell starts with a mark that may not
    start a line or ends with one that may not end it.  Prints how many cell
    lines it saw and how many break the rule."""
    problems, n_lines = [], 0
    for n, (cells, _) in enumerate(table_words(pdf), 1):
        for words in cells.values():
            for t in cell_lines(words):
                n_lines += 1
                if t and t[0] in NO_START:
                    problems.append("page %d: a cell line starts with %s: %s" % (n, t[0], t[:12]))
                if t and t[-1] in NO_END:
                    problems.append("page %d: a cell line ends with %s: %s" % (n, t[-1], t[-12:]))
    print("cell lines %d violations %d" % (n_lines, len(problems)))
    return problems


def check_quiet(pdf):
    problems = []
    for tool in (["pdffonts", pdf], ["pdftotext", pdf, "-"], ["pdfinfo", pdf],
                 ["pdftoppm", "-r", "20", "-png", pdf, "/tmp/pdfcheck-quiet"]):
        _, err, rc = run(*tool)
        if err.strip() or rc:
            problems.append("%s: %s" % (tool[0], err.strip() or "exit %d" % rc))
    subprocess.run("rm -f /tmp/pdfcheck-quiet*", shell=True)
    return problems


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    problems = {"fonts": check_fonts, "text": check_text, "chars": check_chars,
                "geometry": check_geometry, "quiet": check_quiet,
                "kinsoku": check_kinsoku, "cell-kinsoku": check_cell_kinsoku,
                "tables": check_tables}[cmd](*args)
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
