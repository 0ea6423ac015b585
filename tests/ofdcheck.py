#!/usr/bin/env python3
"""ofdcheck.py — reads an OFD package back, independently of the writer.

Only the standard library (zipfile, xml.etree), fontTools (python3-fonttools)
for the embedded fonts, and poppler's pdftotext / MuPDF's mutool for the PDF
of the same report.  Each command prints one summary line and exits 1 with
the problems on failure:

  structure F.ofd          the package against GB/T 33190-2016's required
                           elements, order and references (see check_structure)
  fonts F.ofd              every font used is embedded, a subset, and maps
                           every TextCode character through its own cmap
  text F.ofd F.pdf         each page's TextCode text, in order, equals
                           `pdftotext -raw` of the PDF's page (whitespace removed)
  positions F.ofd F.pdf    every glyph origin equals the PDF's
                           (`mutool draw -F stext`) within 0.01 mm
  seal F.ofd F.pdf         the seal: an ImageObject whose picture is a PNG or
                           JPEG in Res/, placed where the PDF places its image
  all F.ofd F.pdf          structure, fonts, text and positions
"""
import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from posixpath import dirname, join, normpath

NS = "http://www.ofdspec.org/2016"
Q = "{%s}" % NS
TOL_MM = 0.01
PT = 25.4 / 72


def q(name):
    return Q + name


class Package:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        self.names = self.zip.namelist()
        self.problems = []

    def read(self, name):
        return self.zip.read(name)

    def xml(self, name):
        data = self.read(name)
        if data.startswith(b"\xef\xbb\xbf"):
            self.problems.append(f"{name}: has a byte order mark")
        if not re.search(rb'xmlns:ofd="http://www.ofdspec.org/2016"', data[:300]):
            self.problems.append(f"{name}: the root does not declare the ofd: prefix")
        return ET.fromstring(data)

    def resolve(self, base_file, loc):
        """ST_Loc: relative to the containing file's directory (no leading /)."""
        if loc.startswith("/"):
            self.problems.append(f"{base_file}: absolute path {loc} (breaks ofd.js)")
            return loc[1:]
        return normpath(join(dirname(base_file), loc))


def children(el):
    return [c.tag.replace(Q, "") for c in el]


def check_order(pkg, where, el, order):
    """The element's children follow `order` (each name at most where listed)."""
    seen = [order.index(c) if c in order else -1 for c in children(el)]
    if -1 in seen:
        pkg.problems.append(f"{where}: unexpected child {children(el)[seen.index(-1)]}")
    if seen != sorted(seen):
        pkg.problems.append(f"{where}: children out of schema order: {children(el)}")


def expand_delta(s):
    """DeltaX/DeltaY: numbers, with 'g k v' for k copies of v."""
    out, toks, i = [], s.split(" "), 0
    while i < len(toks):
        if toks[i] == "g":
            out += [float(toks[i + 2])] * int(toks[i + 1])
            i += 3
        else:
            out.append(float(toks[i]))
            i += 1
    return out


def box(s):
    v = [float(t) for t in s.split(" ")]
    assert len(v) == 4
    return v


NUM = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]{1,3})?$")


def load(path):
    """The package's pages: per page a list of text objects, paths, images."""
    pkg = Package(path)
    ofd = pkg.xml("OFD.xml")
    body = ofd.find(q("DocBody"))
    docroot = pkg.resolve("OFD.xml", body.find(q("DocRoot")).text)
    doc = pkg.xml(docroot)
    cd = doc.find(q("CommonData"))
    fonts, media = {}, {}
    for tag, table in (("PublicRes", fonts), ("DocumentRes", media)):
        for r in cd.findall(q(tag)):
            rname = pkg.resolve(docroot, r.text)
            res = pkg.xml(rname)
            base = pkg.resolve(rname, res.get("BaseLoc", "."))
            for f in res.iter(q("Font")):
                ff = f.find(q("FontFile"))
                table[f.get("ID")] = (f, pkg.resolve(base + "/x", ff.text) if ff is not None else None)
            for m in res.iter(q("MultiMedia")):
                table[m.get("ID")] = (m, pkg.resolve(base + "/x", m.find(q("MediaFile")).text))
    pages = []
    for p in doc.find(q("Pages")).findall(q("Page")):
        loc = pkg.resolve(docroot, p.get("BaseLoc"))
        pages.append((p.get("ID"), loc, pkg.xml(loc)))
    return pkg, ofd, doc, docroot, fonts, media, pages


def glyphs(page_xml):
    """(char, x mm, y mm, font id) of every TextCode character, in order."""
    out = []
    for t in page_xml.iter(q("TextObject")):
        bx, by, _, _ = box(t.get("Boundary"))
        x = y = None
        for tc in t.findall(q("TextCode")):
            if tc.get("X") is not None:
                x = float(tc.get("X"))
            if tc.get("Y") is not None:
                y = float(tc.get("Y"))
            text = tc.text or ""
            dx = expand_delta(tc.get("DeltaX")) if tc.get("DeltaX") else []
            cx = x
            for i, c in enumerate(text):
                out.append((c, bx + cx, by + y, t.get("Font")))
                if i < len(dx):
                    cx += dx[i]
    return out


def check_structure(path):
    pkg, ofd, doc, docroot, fonts, media, pages = load(path)
    P = pkg.problems
    # The container (ofd.md §6.8): no data descriptors, no ZIP64, ASCII names.
    for info in pkg.zip.infolist():
        if info.flag_bits & 0x8:
            P.append(f"{info.filename}: data descriptor")
        if info.flag_bits & 0x1:
            P.append(f"{info.filename}: encrypted")
        if not info.filename.isascii() or info.filename.startswith("/"):
            P.append(f"{info.filename}: not a relative ASCII name")
        if info.date_time != (1980, 1, 1, 0, 0, 0):
            P.append(f"{info.filename}: time {info.date_time} is not the fixed one")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            P.append(f"{info.filename}: compression {info.compress_type}")
    if pkg.zip.testzip() is not None:
        P.append("a CRC does not match")
    # OFD.xml (§7.4, 表3)
    if ofd.tag != q("OFD") or ofd.get("Version") != "1.0" or ofd.get("DocType") != "OFD":
        P.append("OFD.xml: root is not <ofd:OFD Version=1.0 DocType=OFD>")
    body = ofd.find(q("DocBody"))
    check_order(pkg, "DocBody", body, ["DocInfo", "DocRoot", "Versions", "Signatures"])
    info = body.find(q("DocInfo"))
    check_order(pkg, "DocInfo", info, ["DocID", "Title", "Author", "Subject", "Abstract", "CreationDate", "ModDate",
                                       "DocUsage", "Cover", "Keywords", "Creator", "CreatorVersion", "CustomDatas"])
    docid = info.findtext(q("DocID")) or ""
    if not re.fullmatch(r"[0-9a-f]{32}", docid):
        P.append(f"DocID {docid!r} is not 32 hex digits")
    for d in ("CreationDate", "ModDate"):
        v = info.findtext(q(d))
        if v is not None and not re.fullmatch(r"\d{4}-\d\d-\d\d", v):
            P.append(f"{d} {v!r} is not YYYY-MM-DD")
    kw = info.find(q("Keywords"))
    if kw is not None and not kw.findall(q("Keyword")):
        P.append("empty Keywords")
    # Document.xml (§7.5, 表5)
    check_order(pkg, "Document", doc, ["CommonData", "Pages", "Outlines", "Permissions", "Actions", "VPreferences",
                                       "Bookmarks", "Annotations", "Attachments", "CustomTags", "Extensions"])
    cd = doc.find(q("CommonData"))
    check_order(pkg, "CommonData", cd, ["MaxUnitID", "PageArea", "PublicRes", "DocumentRes", "TemplatePage",
                                        "DefaultCS"])
    if children(cd)[0] != "MaxUnitID":
        P.append("CommonData: MaxUnitID is not first")
    max_id = int(cd.findtext(q("MaxUnitID")))
    pb = cd.find(q("PageArea")).findtext(q("PhysicalBox"))
    if pb != "0 0 210 297":
        P.append(f"PhysicalBox {pb!r} is not A4 in mm")
    # IDs (表2 ST_ID): unsigned, non-zero, unique, ≤ MaxUnitID
    ids = []
    for f, _ in fonts.values():
        ids.append(f.get("ID"))
    for m, _ in media.values():
        ids.append(m.get("ID"))
    page_ids = set()
    n_units = 0
    for pid, loc, px in pages:
        ids.append(pid)
        page_ids.add(pid)
        if px.tag != q("Page"):
            P.append(f"{loc}: root is not ofd:Page")
        check_order(pkg, loc, px, ["Template", "PageRes", "Area", "Content", "Actions"])
        for el in px.iter():
            if el.tag in (q("Layer"), q("TextObject"), q("PathObject"), q("ImageObject")):
                ids.append(el.get("ID"))
            if el.tag in (q("TextObject"), q("PathObject"), q("ImageObject")):
                n_units += 1
                bx, by, bw, bh = box(el.get("Boundary"))
                if bw <= 0 or bh <= 0:
                    P.append(f"{loc}: {el.get('ID')} has an empty Boundary")
                for a in ("Boundary", "Size", "LineWidth", "CTM"):
                    for tok in (el.get(a) or "").split():
                        if not NUM.match(tok):
                            P.append(f"{loc}: {a}={el.get(a)!r}: {tok!r} is not a plain number with ≤ 3 decimals")
            if el.tag == q("TextObject"):
                if el.get("Font") not in fonts:
                    P.append(f"{loc}: TextObject {el.get('ID')} names font {el.get('Font')}, not in PublicRes")
                bx, by, bw, bh = box(el.get("Boundary"))
                tcs = el.findall(q("TextCode"))
                if not tcs or tcs[0].get("X") is None or tcs[0].get("Y") is None:
                    P.append(f"{loc}: TextObject {el.get('ID')}: first TextCode without X and Y")
                for tc in tcs:
                    text = tc.text or ""
                    if not text or text != text.strip() or "\n" in text:
                        P.append(f"{loc}: TextCode {text!r}: empty, or blank at an end")
                    dx = expand_delta(tc.get("DeltaX")) if tc.get("DeltaX") else []
                    if len(dx) != len(text) - 1:
                        P.append(f"{loc}: TextCode {text!r}: {len(dx)} DeltaX for {len(text)} characters")
                    if tc.get("DeltaX") and "  " in tc.get("DeltaX"):
                        P.append(f"{loc}: double space in DeltaX")
                    if any(ord(c) > 0xFFFF for c in text) and len(text) > 1:
                        P.append(f"{loc}: TextCode {text!r}: a character beyond U+FFFF not alone")
                    x, y = float(tc.get("X")), float(tc.get("Y"))
                    if not (0 <= x <= bw and 0 < y < bh and 0 <= x + sum(dx) <= bw):
                        P.append(f"{loc}: TextCode {text!r} outside its Boundary (it clips)")
            if el.tag == q("ImageObject") and el.get("ResourceID") not in media:
                P.append(f"{loc}: ImageObject names resource {el.get('ResourceID')}, not in DocumentRes")
    for i in ids:
        if not i or not i.isdigit() or int(i) == 0:
            P.append(f"ID {i!r} is not a positive integer")
    if len(ids) != len(set(ids)):
        P.append("IDs are not unique")
    if ids and max(int(i) for i in ids) > max_id:
        P.append(f"an ID exceeds MaxUnitID {max_id}")
    for fid, (f, ff) in fonts.items():
        if not f.get("FontName"):
            P.append(f"font {fid}: no FontName")
        if ff not in pkg.names:
            P.append(f"font {fid}: FontFile {ff} not in the package")
    for mid, (m, mf) in media.items():
        if mf not in pkg.names:
            P.append(f"media {mid}: {mf} not in the package")
    # Outlines (§7.8): every destination a page
    n_outline = 0
    ol = doc.find(q("Outlines"))
    if ol is not None:
        if not len(ol):
            P.append("empty Outlines")
        for e in ol.iter(q("OutlineElem")):
            n_outline += 1
            dest = e.find(f"{Q}Actions/{Q}Action/{Q}Goto/{Q}Dest")
            if not e.get("Title") or dest is None or dest.get("PageID") not in page_ids:
                P.append(f"outline {e.get('Title')!r}: no destination page")
    return P, f"{len(pages)} pages, {n_units} graphic units, {len(fonts)} fonts, {len(media)} images, {n_outline} outline entries, {len(pkg.names)} entries"


def check_fonts(path):
    try:
        from fontTools.ttLib import TTFont
    except ImportError:  # a python3 other than Debian's: take Debian's python3-fonttools
        sys.path.append("/usr/lib/python3/dist-packages")
        from fontTools.ttLib import TTFont
    pkg, ofd, doc, docroot, fonts, media, pages = load(path)
    P = pkg.problems
    used = {}
    for _, _, px in pages:
        for c, _, _, fid in glyphs(px):
            used.setdefault(fid, set()).add(c)
    sizes = []
    for fid, chars in sorted(used.items()):
        f, ff = fonts[fid]
        if ff is None or ff not in pkg.names:
            P.append(f"font {fid} ({f.get('FontName')}) is not embedded")
            continue
        data = pkg.read(ff)
        if data[:4] == b"ttcf":
            P.append(f"{ff}: a collection, not one face")
            continue
        tt = TTFont(io.BytesIO(data))
        for tag in ("cmap", "OS/2", "name", "post", "hhea", "hmtx", "head", "maxp", "loca", "glyf"):
            if tag not in tt:
                P.append(f"{ff}: no {tag} table")
        cmap = tt.getBestCmap() or {}
        missing = sorted(c for c in chars if ord(c) not in cmap and not c.isspace())
        if missing:
            P.append(f"{ff}: cmap lacks {''.join(missing[:20])!r}")
        if any(ord(c) > 0xFFFF for c in chars):
            if not any(t.format == 12 for t in tt["cmap"].tables):
                P.append(f"{ff}: characters beyond U+FFFF but no format-12 cmap")
        n = tt["maxp"].numGlyphs
        # A subset: the glyphs of the characters drawn, .notdef and a few
        # composite components; a whole CJK face has 10,000s.
        if n > 2 * len(chars) + 20:
            P.append(f"{ff}: {n} glyphs for {len(chars)} characters — not a subset")
        sizes.append(f"{ff.split('/')[-1]} {len(data)} bytes, {n} glyphs for {len(chars)} chars")
    return P, "; ".join(sizes)


def pdf_page_count(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def nows(s):
    return re.sub(r"\s+", "", s)


def check_text(path, pdf):
    pkg, ofd, doc, docroot, fonts, media, pages = load(path)
    P = pkg.problems
    n = pdf_page_count(pdf)
    if n != len(pages):
        P.append(f"{len(pages)} OFD pages, {n} PDF pages")
    chars = 0
    for i, (_, loc, px) in enumerate(pages[:n]):
        ours = nows("".join(tc.text or "" for tc in px.iter(q("TextCode"))))
        theirs = nows(subprocess.run(["pdftotext", "-raw", "-f", str(i + 1), "-l", str(i + 1), pdf, "-"],
                                     capture_output=True, text=True, check=True).stdout)
        chars += len(ours)
        if ours != theirs:
            k = next((j for j in range(min(len(ours), len(theirs))) if ours[j] != theirs[j]), min(len(ours), len(theirs)))
            P.append(f"page {i + 1}: text differs at {k}: OFD …{ours[max(0, k - 10):k + 20]!r} PDF …{theirs[max(0, k - 10):k + 20]!r}")
    return P, f"{chars} characters on {len(pages)} pages equal pdftotext's"


def pdf_glyphs(pdf):
    """Per page: (char, x mm, y mm) of every glyph origin, by MuPDF."""
    xml = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", pdf], capture_output=True, check=True).stdout
    root = ET.fromstring(xml)
    pages = []
    for page in root.iter("page"):
        pages.append([(ch.get("c"), float(ch.get("x")) * PT, float(ch.get("y")) * PT) for ch in page.iter("char")])
    return pages


def check_positions(path, pdf):
    pkg, ofd, doc, docroot, fonts, media, pages = load(path)
    P = pkg.problems
    theirs = pdf_glyphs(pdf)
    worst, compared = 0.0, 0
    for i, (_, loc, px) in enumerate(pages):
        if i >= len(theirs):
            break
        pool = {}
        for c, x, y in theirs[i]:
            if not c.isspace():
                pool.setdefault(c, []).append((x, y))
        ours = [(c, x, y) for c, x, y, _ in glyphs(px) if not c.isspace()]
        n_theirs = sum(len(v) for v in pool.values())
        if len(ours) != n_theirs:
            P.append(f"page {i + 1}: {len(ours)} glyphs in the OFD, {n_theirs} in the PDF")
        for c, x, y in ours:
            cand = pool.get(c)
            if not cand:
                P.append(f"page {i + 1}: {c!r} at ({x:.3f}, {y:.3f}) mm has no glyph in the PDF")
                continue
            k = min(range(len(cand)), key=lambda j: (cand[j][0] - x) ** 2 + (cand[j][1] - y) ** 2)
            d = max(abs(cand[k][0] - x), abs(cand[k][1] - y))
            cand.pop(k)
            compared += 1
            worst = max(worst, d)
            if d > TOL_MM:
                P.append(f"page {i + 1}: {c!r} at ({x:.3f}, {y:.3f}) mm, {d:.4f} mm from the PDF's")
    return P, f"{compared} glyph origins, largest difference {worst:.4f} mm (limit {TOL_MM})"


def pdf_images(pdf):
    """Per page: image boxes (x0, y0, x1, y1) in mm, from `mutool trace`'s
    fill_image transforms (device space: y down)."""
    text = subprocess.run(["mutool", "trace", pdf], capture_output=True, text=True, check=True).stdout
    out = []
    for page in text.split("<page ")[1:]:
        boxes = []
        for m in re.finditer(r'<fill_image [^>]*transform="([^"]+)"', page):
            a, b, c, d, e, f = (float(v) for v in m.group(1).split())
            xs, ys = (e, e + a + c), (f, f + b + d)
            boxes.append((min(xs) * PT, min(ys) * PT, max(xs) * PT, max(ys) * PT))
        out.append(boxes)
    return out


def check_seal(path, pdf):
    pkg, ofd, doc, docroot, fonts, media, pages = load(path)
    P = pkg.problems
    theirs = pdf_images(pdf)
    n, worst = 0, 0.0
    for i, (_, loc, px) in enumerate(pages):
        for im in px.iter(q("ImageObject")):
            n += 1
            m, mf = media[im.get("ResourceID")]
            data = pkg.read(mf)
            fmt = m.get("Format")
            if fmt == "PNG" and data[:8] != b"\x89PNG\r\n\x1a\n" or fmt == "JPEG" and data[:2] != b"\xff\xd8":
                P.append(f"{mf}: not a {fmt} file")
            if fmt == "PNG":
                w, h = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
                import zlib
                idat = b"".join(data[k + 8:k + 8 + int.from_bytes(data[k:k + 4], "big")]
                                for k in [mm.start() - 4 for mm in re.finditer(b"IDAT", data)])
                if len(zlib.decompress(idat)) != (3 * w + 1) * h:
                    P.append(f"{mf}: the IDAT does not hold {w}×{h} RGB pixels")
            bx, by, bw, bh = box(im.get("Boundary"))
            ctm = [float(v) for v in im.get("CTM").split()]
            if abs(ctm[0] - bw) > 0.001 or abs(ctm[3] - bh) > 0.001:
                P.append(f"{loc}: CTM {ctm} does not scale the unit square to the Boundary")
            boxes = theirs[i] if i < len(theirs) else []
            if not boxes:
                P.append(f"page {i + 1}: the PDF has no image")
                continue
            d = min(max(abs(b[0] - bx), abs(b[1] - by), abs(b[2] - bx - bw), abs(b[3] - by - bh)) for b in boxes)
            worst = max(worst, d)
            if d > TOL_MM:
                P.append(f"page {i + 1}: image at {bx, by, bw, bh} is {d:.4f} mm from the PDF's {boxes}")
    if n == 0:
        P.append("no ImageObject")
    return P, f"{n} images, largest difference from the PDF's placement {worst:.4f} mm"


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    checks = {"structure": [check_structure], "fonts": [check_fonts], "text": [check_text],
              "positions": [check_positions], "seal": [check_seal],
              "all": [check_structure, check_fonts, check_text, check_positions]}[cmd]
    bad = False
    for check in checks:
        n_args = check.__code__.co_argcount
        problems, summary = check(*args[:n_args])
        problems = list(dict.fromkeys(problems))
        print(f"{check.__name__[6:]}: {summary}" + (f" — {len(problems)} problems" if problems else ""))
        for p in problems[:30]:
            print("  " + p)
        bad |= bool(problems)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
