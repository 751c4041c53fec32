"""A tiny server-side SVG chart renderer: bars (stacked or side by side) and lines.

No script, no inline style and nothing fetched from elsewhere: colours come from CSS classes
(`chart-s0` … `chart-s7`, see static/css/console.css). Each chart carries a <title> and a
<desc> for screen readers, and every data point its own <title> (a tooltip on hover); the
page also offers the figures as a table.
"""

import math
from dataclasses import dataclass, field
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 36
PALETTE_SIZE = 8

_ids = count(1)


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    values: list[float | None]


@dataclass(frozen=True)
class ChartData:
    """Figures by category (days, stages, …); one list of values per series."""

    categories: list[str]
    series: list[Series] = field(default_factory=list)
    # Machine-readable categories for CSV (ISO dates), when the labels are abbreviated.
    category_keys: list[str] | None = None

    @property
    def is_empty(self) -> bool:
        return not any(v for s in self.series for v in s.values if v)

    def rows(self) -> list[list]:
        """One row per category: the category, then each series' value (blank when unknown)."""
        return [
            [category] + [s.values[i] if s.values[i] is not None else "" for s in self.series]
            for i, category in enumerate(self.category_keys or self.categories)
        ]


def nice_ceiling(value: float) -> float:
    """A round number at or above `value` (1, 2, 2.5, 5 times 10^n)."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return float(candidate)
    return float(10 ** (exponent + 1))


def axis_top(peak: float, ticks: int = 4) -> float:
    """The top of the axis: `ticks` equal, round steps that reach `peak` (5 -> 0, 2, 4, 6, 8;
    24 hours -> 0, 6, 12, 18, 24)."""
    if peak <= 0:
        return float(ticks)
    raw = peak / ticks
    if peak >= 1 and raw <= 1:
        return float(ticks)  # small counts: steps of one
    exponent = math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if multiple == 2.5 and exponent == 0:
            continue  # steps of 2.5 only where they are round (0.25, 25, 250)
        step = multiple * 10**exponent
        if step >= raw:
            return float(step * ticks)
    return float(10 ** (exponent + 1) * ticks)


def format_number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "no data"
    if float(value).is_integer() or abs(value) >= 100:
        text = f"{value:,.0f}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit}"


def _label_every(n: int, room: int = 12) -> int:
    return max(1, math.ceil(n / room))


def _frame(chart_id: str, title: str, desc: str, top: float, unit: str, body: list[str], cats):
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg class="chart" id="{chart_id}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        '<g class="chart-grid">',
    ]
    for i in range(5):
        y = TOP + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(
            f'<text class="chart-axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(format_number(top * i / 4, unit))}</text>"
        )
    parts.append("</g>")
    every = _label_every(len(cats))
    slot = plot_w / max(1, len(cats))
    for i, category in enumerate(cats):
        if i % every:
            continue
        x = LEFT + slot * (i + 0.5)
        parts.append(
            f'<text class="chart-axis" x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" '
            f'text-anchor="middle">{escape(category)}</text>'
        )
    parts.extend(body)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every piece of text above is escaped)


def _empty_note() -> str:
    return (
        f'<text class="chart-empty" x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">'
        "Nothing to show for this period</text>"
    )


def bar_chart(
    data: ChartData,
    *,
    title: str,
    desc: str,
    unit: str = "",
    stacked: bool = True,
    chart_id: str = "",
) -> SafeString:
    """Bars per category: stacked series (a total split by kind) or side by side."""
    chart_id = chart_id or f"chart-{next(_ids)}"
    n = len(data.categories)
    if stacked:
        peak = max((sum(s.values[i] or 0 for s in data.series) for i in range(n)), default=0)
    else:
        peak = max((v or 0 for s in data.series for v in s.values), default=0)
    top = axis_top(peak)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, n)
    bar_w = slot * 0.7
    body = ['<g class="chart-data">']
    for i, category in enumerate(data.categories):
        base = 0.0
        for j, s in enumerate(data.series):
            value = s.values[i]
            if not value:
                continue
            height = plot_h * value / top
            if stacked:
                x, w = LEFT + slot * i + (slot - bar_w) / 2, bar_w
                y = TOP + plot_h - plot_h * base / top - height
                base += value
            else:
                w = bar_w / max(1, len(data.series))
                x = LEFT + slot * i + (slot - bar_w) / 2 + w * j
                y = TOP + plot_h - height
            body.append(
                f'<rect class="chart-bar chart-point chart-s{j % PALETTE_SIZE}" '
                f'x="{x:.1f}" y="{y:.1f}" width="{max(w, 1):.1f}" height="{height:.1f}" '
                f'data-value="{value}"><title>{escape(category)}, {escape(s.label)}: '
                f"{escape(format_number(value, unit))}</title></rect>"
            )
    body.append("</g>")
    if data.is_empty:
        body.append(_empty_note())
    return _frame(chart_id, title, desc, top, unit, body, data.categories)


def line_chart(
    data: ChartData, *, title: str, desc: str, unit: str = "", chart_id: str = ""
) -> SafeString:
    """One line per series; unknown values (None) break the line instead of dropping to zero."""
    chart_id = chart_id or f"chart-{next(_ids)}"
    peak = max((v for s in data.series for v in s.values if v is not None), default=0)
    top = axis_top(peak)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, len(data.categories))
    body = ['<g class="chart-data">']
    for j, s in enumerate(data.series):
        css = f"chart-s{j % PALETTE_SIZE}"
        runs: list[list[str]] = [[]]
        points = []
        for i, value in enumerate(s.values):
            if value is None:
                runs.append([])
                continue
            x = LEFT + slot * (i + 0.5)
            y = TOP + plot_h - plot_h * value / top
            runs[-1].append(f"{x:.1f},{y:.1f}")
            points.append(
                f'<circle class="chart-point {css}" cx="{x:.1f}" cy="{y:.1f}" r="3.5" '
                f'data-value="{value}"><title>{escape(data.categories[i])}, {escape(s.label)}: '
                f"{escape(format_number(value, unit))}</title></circle>"
            )
        for run in runs:
            if len(run) > 1:
                body.append(f'<polyline class="chart-line {css}" points="{" ".join(run)}"/>')
        body.extend(points)
    body.append("</g>")
    if data.is_empty:
        body.append(_empty_note())
    return _frame(chart_id, title, desc, top, unit, body, data.categories)
