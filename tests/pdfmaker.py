"""Small PDFs made for the tests, byte for byte the same every time: pages of text lines in Helvetica (bold or
regular, any size), pages holding only a picture (a scan), and damaged files."""
from __future__ import annotations

import zlib

A4 = (595, 842)


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")


SMILEY_CMAP = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Smiley def "
               b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <80> <D83DDE00> endbfchar "
               b"endcmap CMapName currentdict /CMap defineresource pop end end")


def make_pdf(pages: list, outline: list[tuple[str, int]] = (), smiley: bool = False) -> bytes:
    """`pages`: each a list of lines, a line being text or (text, size, bold), set one under another from the
    top left, or a dict (text, x, y, and size and bold) placed where it says; the string "scan" for a page
    that is only a picture; or bytes, the page's content stream (fonts /F1 regular, /F2 bold). Lines are drawn in the order given. `outline`: bookmarks as (title, 0-based page)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    tree = add(b"")
    unicode = b""
    if smiley:  # "€" (byte 0x80) is read as U+1F600, a character beyond the BMP
        unicode = b" /ToUnicode %d 0 R" % add(b"<< /Length %d >>\nstream\n" % len(SMILEY_CMAP) + SMILEY_CMAP
                                                + b"\nendstream")
    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding%s >>" % unicode)
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding%s >>" % unicode)
    kids = []
    for page in pages:
        resources = f"<< /Font << /F1 {regular} 0 R /F2 {bold} 0 R >>".encode()
        if isinstance(page, bytes):  # a content stream as it is (rotated text, say)
            stream = page
        elif page == "scan":
            pixels = zlib.compress(bytes([128]) * (8 * 8))
            image = add(b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(pixels)
                        + pixels + b"\nendstream")
            resources += f" /XObject << /Im1 {image} 0 R >>".encode()
            stream = b"q 500 0 0 700 50 70 cm /Im1 Do Q"
        else:
            parts, y = [], A4[1] - 72
            for line in page:
                if isinstance(line, dict):  # placed where it says, drawn in this order
                    text, size, is_bold, x, at = (line["text"], line.get("size", 11), line.get("bold", False),
                                                  line["x"], line["y"])
                else:
                    text, size, is_bold = (line, 11, False) if isinstance(line, str) else line
                    y -= size * 1.4
                    x, at = 72, y
                if text:
                    parts.append(b"BT /%s %d Tf %d %d Td (%s) Tj ET" % (b"F2" if is_bold else b"F1", size, x, at,
                                                                     _escape(text)))
            stream = b"\n".join(parts)
        resources += b" >>"
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {A4[0]} {A4[1]}] ".encode()
                        + b"/Resources " + resources + f" /Contents {content} 0 R >>".encode()))
    objects[tree - 1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    catalog_body = f"<< /Type /Catalog /Pages {tree} 0 R".encode()
    if outline:
        root = add(b"")
        marks = []
        for title, page in outline:
            marks.append(add(b""))
        for n, (title, page) in enumerate(outline):
            links = f" /Prev {marks[n - 1]} 0 R" if n else ""
            links += f" /Next {marks[n + 1]} 0 R" if n + 1 < len(marks) else ""
            objects[marks[n] - 1] = (b"<< /Title (" + _escape(title) + f") /Parent {root} 0 R{links} "
                                     f"/Dest [{kids[page]} 0 R /XYZ 0 842 0] >>".encode())
        objects[root - 1] = f"<< /Type /Outlines /First {marks[0]} 0 R /Last {marks[-1]} 0 R /Count {len(marks)} >>".encode()
        catalog_body += f" /Outlines {root} 0 R".encode()
    objects[catalog - 1] = catalog_body + b" >>"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)
