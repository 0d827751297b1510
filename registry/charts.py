"""Horizontal bar charts as inline SVG, drawn on the server (no JavaScript, prints well)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

LABEL_WIDTH = 170
BAR_AREA = 360
VALUE_WIDTH = 70
ROW_HEIGHT = 26
BAR_HEIGHT = 16
TOP = 8


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
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    height = TOP * 2 + ROW_HEIGHT * max(len(bars), 1)
    grid = format_html_join(
        "",
        '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#ddd" stroke-width="1"/>',
        ((LABEL_WIDTH + BAR_AREA * tick // 100, TOP / 2, height - TOP / 2) for tick in (0, 25, 50, 75, 100)),
    )
    rows = []
    for index, bar in enumerate(bars):
        y = TOP + index * ROW_HEIGHT
        value = max(0.0, min(100.0, bar.percentage))
        bar_width = round(BAR_AREA * value / 100, 1)
        text_y = y + BAR_HEIGHT - 3
        rows.append(
            format_html(
                "<g><title>{label}: {pct} %{sep}{detail}</title>"
                '<text x="{lx}" y="{ty}" text-anchor="end" font-size="12">{label}</text>'
                '<rect x="{bx}" y="{y}" width="{bw}" height="{bh}" fill="{fill}"/>'
                '<text x="{vx}" y="{ty}" font-size="12" font-weight="bold">{pct} %</text></g>',
                label=bar.label,
                pct=number_format(bar.percentage, 2),
                sep=" — " if bar.detail else "",
                detail=bar.detail,
                lx=LABEL_WIDTH - 6,
                ty=text_y,
                bx=LABEL_WIDTH,
                y=y,
                bw=bar_width,
                bh=BAR_HEIGHT,
                fill=_colour(bar.percentage),
                vx=LABEL_WIDTH + BAR_AREA + 6,
            )
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" '
        'role="img" aria-label="{title}" class="capaian-chart"><title>{title}</title>{grid}{rows}</svg>',
        w=width,
        h=height,
        title=title,
        grid=grid,
        rows=SafeString("".join(rows)),
    )
