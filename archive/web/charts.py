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
    shown_label: str | None = None  # None: the label itself; "": no label under this bar
    shown_value: str | None = None  # None: the value itself; "": none over this bar

    @property
    def label_text(self) -> str:
        return self.label if self.shown_label is None else self.shown_label

    @property
    def value_text(self) -> str:
        return str(self.value) if self.shown_value is None else self.shown_value


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


TIMELINE_WIDTH = 640
TIMELINE_LABELS = 8  # at most this many period labels under the columns, evenly spaced


def timeline(rows: list[tuple[str, int]], *, title: str) -> Chart:
    """(period, value) rows as columns over time: as many as there are periods, narrower the
    more there are, a label under every few so they never overlap, values over wide ones."""
    count = len(rows) or 1
    width = max(min(COLUMN_WIDTH, (TIMELINE_WIDTH - 16) / count), 3)
    every = -(-count // TIMELINE_LABELS)  # ceiling
    top = max((value for _label, value in rows), default=0) or 1
    plot = COLUMN_CHART_HEIGHT - 44
    bars = []
    for index, (label, value) in enumerate(rows):
        height = round(plot * value / top, 1)
        x = round(index * width + 8, 1)
        y = 20 + plot - height
        middle = round(x + width * 0.4, 1)
        bars.append(
            Bar(
                label,
                value,
                x,
                y,
                round(width * 0.8, 1),
                height,
                middle,
                COLUMN_CHART_HEIGHT - 8,
                middle,
                y - 4,
                shown_label=label if index % every == 0 else "",
                shown_value=str(value) if width >= 24 else "",
            )
        )
    return Chart(bars, max(round(count * width + 16), 120), COLUMN_CHART_HEIGHT, False, title)
