"""Small bar charts drawn on the server as SVG: all geometry here, markup in ``_bar_chart.html``."""

from __future__ import annotations

from dataclasses import dataclass

ROW_HEIGHT = 26
LABEL_WIDTH = 88
CHART_WIDTH = 520
COLUMN_WIDTH = 44
COLUMN_CHART_HEIGHT = 150


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float
    url: str = ""


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    horizontal: bool
    title: str


def horizontal_bars(rows: list[tuple[str, int, str]], *, title: str) -> Chart:
    """(label, value, url) rows as horizontal bars, the longest as wide as the chart allows."""
    top = max((value for _label, value, _url in rows), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 40
    bars = []
    for index, (label, value, url) in enumerate(rows):
        y = index * ROW_HEIGHT + 4
        width = round(span * value / top, 1)
        text_y = y + 14
        bars.append(
            Bar(
                label,
                value,
                LABEL_WIDTH,
                y,
                width,
                ROW_HEIGHT - 8,
                LABEL_WIDTH - 8,
                text_y,
                LABEL_WIDTH + width + 6,
                text_y,
                url,
            )
        )
    return Chart(bars, CHART_WIDTH, len(rows) * ROW_HEIGHT + 4, True, title)


def columns(rows: list[tuple[str, int]], *, title: str) -> Chart:
    """(label, value) rows as vertical columns, e.g. articles per year."""
    top = max((value for _label, value in rows), default=0) or 1
    plot = COLUMN_CHART_HEIGHT - 44
    bars = []
    for index, (label, value) in enumerate(rows):
        height = round(plot * value / top, 1)
        x = index * COLUMN_WIDTH + 8
        y = 20 + plot - height
        middle = x + (COLUMN_WIDTH - 12) / 2
        bars.append(
            Bar(
                label,
                value,
                x,
                y,
                COLUMN_WIDTH - 12,
                height,
                middle,
                COLUMN_CHART_HEIGHT - 8,
                middle,
                y - 4,
            )
        )
    return Chart(bars, max(len(rows) * COLUMN_WIDTH + 16, 120), COLUMN_CHART_HEIGHT, False, title)
