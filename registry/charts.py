"""Horizontal bar charts as inline SVG, drawn on the server (no JavaScript, prints well)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Laid out for a phone: each label on its own line above its bar, so the drawing is only
# WIDTH units wide and shown about that many pixels wide, its text stays at 12-14 px on a
# 320-360 px screen (a label beside the bar made the chart twice as wide, and its text ~6 px).
BAR_AREA = 290
VALUE_WIDTH = 70
WIDTH = BAR_AREA + VALUE_WIDTH
LABEL_HEIGHT = 18
BAR_HEIGHT = 14
ROW_HEIGHT = 40
TOP = 4
FONT_SIZE = 14


@dataclass(frozen=True)
class Bar:
    label: str
    percentage: float  # 0-100
    detail: str = ""  # shown as the bar's tooltip (<title>), e.g. "137.101 dari 143.315"


def _colour(percentage: float) -> str:
    # Colour-blind-safe pair plus an amber in between; the number is always printed too.
    if percentage >= 90:
        return "#1b7837"
    if percentage >= 70:
        return "#b8860b"
    return "#b2182b"


def bar_chart_svg(*, title: str, bars: list[Bar]) -> SafeString:
    """An accessible SVG chart of percentages, one row per bar, with a 100 % scale.

    Every text is escaped; the result is safe to put in a template as is.
    """
    height = TOP * 2 + ROW_HEIGHT * max(len(bars), 1)
    grid = format_html_join(
        "",
        '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#ddd" stroke-width="1"/>',
        ((BAR_AREA * tick // 100, TOP, height - TOP) for tick in (0, 25, 50, 75, 100)),
    )
    rows = []
    for index, bar in enumerate(bars):
        y = TOP + index * ROW_HEIGHT
        value = max(0.0, min(100.0, bar.percentage))
        bar_y = y + LABEL_HEIGHT
        rows.append(
            format_html(
                "<g><title>{label}: {pct} %{sep}{detail}</title>"
                '<text x="0" y="{ly}" font-size="{fs}">{label}</text>'
                '<rect x="0" y="{by}" width="{bw}" height="{bh}" fill="{fill}"/>'
                '<text x="{vx}" y="{vy}" font-size="{fs}" font-weight="bold">{pct} %</text></g>',
                label=bar.label,
                pct=number_format(bar.percentage, 2),
                sep=" — " if bar.detail else "",
                detail=bar.detail,
                fs=FONT_SIZE,
                ly=y + LABEL_HEIGHT - 5,
                by=bar_y,
                bw=round(BAR_AREA * value / 100, 1),
                bh=BAR_HEIGHT,
                fill=_colour(bar.percentage),
                vx=BAR_AREA + 6,
                vy=bar_y + BAR_HEIGHT - 2,
            )
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" '
        'role="img" aria-label="{title}" class="capaian-chart"><title>{title}</title>{grid}{rows}</svg>',
        w=WIDTH,
        h=height,
        title=title,
        grid=grid,
        rows=SafeString("".join(rows)),
    )
