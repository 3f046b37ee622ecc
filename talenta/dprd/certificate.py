"""A one-page certificate as PDF, written directly (Helvetica, A4 landscape): no PDF library needed."""

from __future__ import annotations


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def certificate_pdf(lines: list[tuple[int, str]]) -> bytes:
    """``lines``: (font size, text) from top to bottom, centred. Text outside Latin-1 is replaced."""
    width, height = 842, 595
    y = height - 120
    ops = []
    for size, text in lines:
        safe = _escape(text.encode("latin-1", "replace").decode("latin-1"))
        approx = len(text) * size * 0.5  # Helvetica averages half an em per character
        ops.append(f"BT /F1 {size} Tf {max(40, (width - approx) / 2):.1f} {y} Td ({safe}) Tj ET")
        y -= size + 18
    ops.append("4 w 30 30 782 535 re S")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Contents 4 0 R "
        f"/Resources << /Font << /F1 5 0 R >> >> >>".encode(),
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
