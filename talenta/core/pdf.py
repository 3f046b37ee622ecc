"""Simple one-page PDFs written directly (Helvetica, WinAnsi): no PDF library needed.

A :class:`Page` collects text and rectangles in PDF points (origin bottom left); ``bytes()`` writes the
file. Text outside Latin-1 is replaced with ``?``.
"""

from __future__ import annotations

A4_LANDSCAPE = (842, 595)
A4_PORTRAIT = (595, 842)


def _escape(text: str) -> str:
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_width(text: str, size: float) -> float:
    """Approximate width: Helvetica averages half an em per character."""
    return len(text) * size * 0.5


class Page:
    def __init__(self, size: tuple[int, int] = A4_LANDSCAPE) -> None:
        self.width, self.height = size
        self.ops: list[str] = []

    def text(self, x: float, y: float, text: str, size: float = 10, *, bold: bool = False) -> None:
        font = "/F2" if bold else "/F1"
        self.ops.append(f"BT {font} {size} Tf {x:.1f} {y:.1f} Td ({_escape(text)}) Tj ET")

    def centred(self, y: float, text: str, size: float = 10, *, bold: bool = False) -> None:
        self.text(max(40, (self.width - text_width(text, size)) / 2), y, text, size, bold=bold)

    def wrapped(self, x: float, y: float, text: str, width: float, size: float = 8, leading: float = 10) -> float:
        """Text broken into lines of at most ``width`` points; returns the y below the last line."""
        line = ""
        for word in text.split():
            candidate = f"{line} {word}".strip()
            if line and text_width(candidate, size) > width:
                self.text(x, y, line, size)
                y -= leading
                line = word
            else:
                line = candidate
        if line:
            self.text(x, y, line, size)
            y -= leading
        return y

    def rect(self, x: float, y: float, w: float, h: float, *, line: float = 1, fill: float | None = None) -> None:
        """A rectangle; ``fill`` a grey level 0 (black) to 1 (white) to fill it first."""
        if fill is not None:
            self.ops.append(f"{fill:.2f} g {x:.1f} {y:.1f} {w:.1f} {h:.1f} re f 0 g")
        self.ops.append(f"{line} w {x:.1f} {y:.1f} {w:.1f} {h:.1f} re S")

    def __bytes__(self) -> bytes:
        stream = "\n".join(self.ops).encode("latin-1")
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {self.width} {self.height}] /Contents 4 0 R "
            f"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>".encode(),
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
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
