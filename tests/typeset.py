#!/usr/bin/env python3
"""typeset.py — the typesetting bar of a PDF, read back with MuPDF.

Reads every glyph's origin and box with `mutool draw -F stext` (MuPDF, not
poppler, and nothing of reportc's own) and checks what a proofreader checks
(clreq, GB/T 9704 §5.2.2):

  loose    no justified line (one that reaches the right edge of the text
           block) has more than LIMIT em added between two Han characters
  marks    under 全角 no lone mark between two Han characters is narrower
           than 1 em
  grid     full pure-Chinese lines (left edge to right edge, Han and Chinese
           marks only) have exactly GRID characters, in at least RATIO of them
  kinsoku  no visual line — body text and table cells alike — starts with a
           mark that may not start one or ends with one that may not end one
  block    nothing on a portrait page is set outside the text block

Usage: typeset.py FILE.pdf [--loose 0.1] [--grid 28] [--ratio 0.95]
                           [--left-mm 28] [--width-mm 156] [--top-mm 37]
                           [--height-mm 225] [--only loose,marks,...] [-v]
Prints one line of figures, then every problem; exits 1 on a problem."""
import argparse
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

MM = 72 / 25.4
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfcheck  # noqa: E402  (the Chinese marks of the same rules, for poppler's words)

# The marks pdfcheck.py checks, and their ASCII forms in Latin text.
NO_START = pdfcheck.NO_START | set(",.:;!?)]%")
NO_END = pdfcheck.NO_END | set("([")
MARKS = set("、，。：；！？）］〕】》〉」』〗｝”’（［〔【《〈「『〖｛“‘")


def is_han(c):
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFD


def chinese(c):
    return is_han(c) or c in MARKS or c in "…—·《》\u3000"


def pages(pdf):
    xml = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", pdf], capture_output=True, check=True).stdout
    root = ET.fromstring(xml)
    for page in root.iter("page"):
        chars = []
        for font in page.iter("font"):
            size = float(font.get("size"))
            for ch in font.iter("char"):
                q = [float(v) for v in ch.get("quad").split()]
                c = ch.get("c")
                if not c.strip():
                    # MuPDF reads the ideographic space (an em-wide blank glyph)
                    # as a space, and adds spaces of its own at wide gaps.
                    if abs(max(q[2], q[6]) - min(q[0], q[4]) - size) > 0.01:
                        continue
                    c = "\u3000"
                chars.append({"c": c, "x": float(ch.get("x")), "y": float(ch.get("y")),
                              "x0": min(q[0], q[4]), "x1": max(q[2], q[6]), "y0": min(q[1], q[3]),
                              "y1": max(q[5], q[7]), "size": size})
        yield float(page.get("width")), float(page.get("height")), chars


def visual_lines(chars):
    """Glyphs grouped by baseline, left to right, and cut where a gap wider
    than 1.2 em separates them (table cells side by side on one baseline)."""
    rows = {}
    for ch in chars:
        rows.setdefault(round(ch["y"] * 2) / 2, []).append(ch)
    out = []
    for y in sorted(rows):
        row = sorted(rows[y], key=lambda ch: ch["x"])
        seg = [row[0]]
        for a, b in zip(row, row[1:]):
            if b["x0"] - a["x1"] > 1.2 * a["size"] or b["x"] < a["x"]:
                out.append(seg)
                seg = []
            seg.append(b)
        out.append(seg)
    return out


def text(line):
    return "".join(ch["c"] for ch in line)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf")
    ap.add_argument("--loose", type=float, default=0.1)
    ap.add_argument("--grid", type=int, default=28)
    ap.add_argument("--ratio", type=float, default=0.95)
    ap.add_argument("--left-mm", type=float, default=28)
    ap.add_argument("--width-mm", type=float, default=156)
    ap.add_argument("--top-mm", type=float, default=37)
    ap.add_argument("--height-mm", type=float, default=225)
    ap.add_argument("--only", default="loose,marks,grid,kinsoku,block")
    ap.add_argument("--explained", action="store_true",
                    help="grid: accept a line short of the grid when the next line starts with a character "
                         "pushed down with the mark after it (先挤进，后推出 under 全角, nothing to squeeze); "
                         "loose: accept a loose line that holds a URL or file name (it breaks only at separators)")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    checks = set(args.only.split(","))
    left, right = args.left_mm * MM, (args.left_mm + args.width_mm) * MM
    top, bottom = args.top_mm * MM, (args.top_mm + args.height_mm) * MM
    problems = []
    worst, worst_line = 0.0, ""
    full = on_grid = lone_marks = lines_seen = 0
    for n, (pw, ph, chars) in enumerate(pages(args.pdf), 1):
        portrait = ph > pw
        page_lines = visual_lines(chars)
        for index, line in enumerate(page_lines):
            t = text(line).strip()
            if not t:
                continue
            lines_seen += 1
            if re.fullmatch(r"[—\-\s]*\d+[—\-\s]*", t):
                continue   # a page number
            first, last = line[0], line[-1]
            reaches = abs(last["x1"] - right) < 0.6
            starts = abs(first["x0"] - left) < 0.6
            if "kinsoku" in checks:
                if t[0] in NO_START:
                    problems.append("page %d: line starts with %s: %s" % (n, t[0], t[:16]))
                # A URL breaks after its separators, "/" too (GB style keeps a
                # solidus off a line end only in Chinese text).
                if t[-1] in NO_END and not (t[-1] == "/" and len(t) > 1 and t[-2].isascii()):
                    problems.append("page %d: line ends with %s: %s" % (n, t[-1], t[-16:]))
            if "block" in checks and portrait:
                for ch in line:
                    if ch["c"].strip() and (ch["x0"] < left - 0.6 or ch["x1"] > right + 0.6):
                        problems.append("page %d: %s set outside the text block (x %.1f–%.1f pt): %s"
                                        % (n, ch["c"], ch["x0"], ch["x1"], t[:16]))
                        break
            if not portrait:
                continue
            # A line holding an address or file name (ASCII with separators)
            # may be loose: it breaks only after / . - _ and its letters do not
            # stretch, so no set of legal breaks need keep it tight.
            address = re.search(r"[!-~]{6,}", t) and re.search(r"[A-Za-z0-9][/._@-][A-Za-z0-9]", t)
            if "loose" in checks and reaches and not (args.explained and address):
                for a, b in zip(line, line[1:]):
                    if is_han(a["c"]) and is_han(b["c"]) and abs(a["size"] - b["size"]) < 0.01:
                        loose = (b["x"] - a["x"] - a["size"]) / a["size"]
                        if loose > worst:
                            worst, worst_line = loose, t
                        if loose > args.loose + 1e-3:
                            problems.append("page %d: %.3f em between %s%s in a justified line: %s"
                                            % (n, loose, a["c"], b["c"], t))
                            break
            if "marks" in checks:
                for a, m, b in zip(line, line[1:], line[2:]):
                    if m["c"] in MARKS and is_han(a["c"]) and is_han(b["c"]):
                        lone_marks += 1
                        em = m["size"]
                        if b["x"] - m["x"] < 0.99 * em or m["x"] - a["x"] < 0.99 * em:
                            problems.append("page %d: lone mark %s set %.2f em wide: %s"
                                            % (n, m["c"], min(b["x"] - m["x"], m["x"] - a["x"] + em - a["size"]) / em, t))
            if starts and reaches and all(chinese(c) for c in t):
                full += 1
                following = text(page_lines[index + 1]).strip() if index + 1 < len(page_lines) else ""
                pushed = len(t) == args.grid - 1 and len(following) > 1 and following[1] in NO_START
                if len(t) == args.grid or (args.explained and pushed):
                    on_grid += 1
                elif args.v:
                    print("off grid (%d): %s" % (len(t), t))
    ratio = on_grid / full if full else 1.0
    if "grid" in checks and ratio < args.ratio:
        problems.append("%d of %d full pure-Chinese lines have %d characters (%.1f %% < %.0f %%)"
                        % (on_grid, full, args.grid, 100 * ratio, 100 * args.ratio))
    print("lines %d; loosest justified %.3f em (%s); lone marks %d; grid %d/%d"
          % (lines_seen, worst, worst_line[:20], lone_marks, on_grid, full))
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
