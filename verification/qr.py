"""The QR on the paper: ``HTTPS://HOST/V/TOKEN`` at error correction Q, drawn as vectors.

The matrix comes from zxing-cpp's encoder (about 1 ms for a version-13 symbol, against
20-30 ms for the pure-Python encoders). The whole text is in the QR alphanumeric set, so
the encoder uses alphanumeric mode and the symbol stays at version 14 or lower.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import zxingcpp
from reportlab.lib.units import mm

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

MAX_VERSION = 14
MIN_MODULE = 0.5 * mm
QUIET_MODULES = 4
ALPHANUMERIC = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


class QrTooLarge(ValueError):
    """The content needs a version above 14, or the modules would print smaller than 0.5 mm."""


def qr_matrix(text: str) -> np.ndarray:
    """The module matrix (True = dark) at error correction Q, without quiet zone."""
    if not set(text) <= ALPHANUMERIC:
        raise ValueError("QR content must stay in the alphanumeric set (upper-case URL).")
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="Q")
    matrix = np.asarray(barcode.to_image(scale=1, add_quiet_zones=False)) < 128
    if qr_version(matrix) > MAX_VERSION:
        raise QrTooLarge(f"QR version {qr_version(matrix)} > {MAX_VERSION}")
    return matrix


def qr_version(matrix: np.ndarray) -> int:
    return (matrix.shape[0] - 17) // 4


def draw_qr(canvas: Canvas, url: str, *, x: float, y: float, size: float) -> None:
    """Draw the QR for ``url`` with its lower-left corner at (x, y), ``size`` points wide.

    ``size`` covers the symbol only; keep 4 modules clear around it (a white quiet zone is
    painted there). Raises ``QrTooLarge`` when a module would be smaller than 0.5 mm.
    Horizontal runs of dark modules are one rectangle each, in a single filled path.
    """
    matrix = qr_matrix(url)
    count = matrix.shape[0]
    module = size / count
    if module < MIN_MODULE:
        raise QrTooLarge(f"QR modules of {module / mm:.2f} mm are below 0.5 mm; make it larger.")
    canvas.saveState()
    quiet = QUIET_MODULES * module
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x - quiet, y - quiet, size + 2 * quiet, size + 2 * quiet, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    # The path operators are written directly (reportlab's path.rect formats each number
    # through fp_str: ~6 ms for the ~1,500 runs of a version-13 symbol; this takes ~1 ms).
    path._code.extend(_run_rects(matrix, x=x, top=y + size, module=module))
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _run_rects(matrix: np.ndarray, *, x: float, top: float, module: float) -> list[str]:
    """One ``re`` operator per horizontal run of dark modules, row by row from the top.

    Every coordinate is one of at most 2 x (count + 1) numbers, formatted once per symbol.
    """
    count = matrix.shape[0]
    padded = np.zeros((count, count + 2), dtype=np.int8)
    padded[:, 1:-1] = matrix
    edges = np.diff(padded, axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)  # same row-major order: the n-th end closes the n-th start
    xs = [f"{x + index * module:.4f}" for index in range(count + 1)]
    ys = [f"{top - (index + 1) * module:.4f}" for index in range(count)]
    widths = [f"{index * module:.4f} {module:.4f} re" for index in range(count + 1)]
    return [
        f"{xs[start]} {ys[row]} {widths[end - start]}"
        for row, start, end in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True)
    ]
