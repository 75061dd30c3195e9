"""The dashboard's charts as PNG pictures for the Word report (python-docx embeds pictures, not
SVG): matplotlib's Agg backend, no display and no network, with its bundled DejaVu Sans font,
which has the Vietnamese glyphs. The same data and colours as the SVG charts (`charts.py`).

Figures are built with `matplotlib.figure.Figure` (not pyplot): no global state, safe in a
threaded server.
"""

from __future__ import annotations

import textwrap
from io import BytesIO

from django.utils.translation import gettext as _

from .breakdowns import Breakdown
from .charts import PALETTE

WIDTH_IN = 6.3  # fits an A4 portrait page within Word's default margins
DPI = 150


def _figure(height_in: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> bytes:
    out = BytesIO()
    fig.savefig(out, format="png", bbox_inches="tight", metadata={"Software": None})
    return out.getvalue()


def _style(fig) -> None:
    for text in fig.findobj(lambda o: hasattr(o, "set_fontfamily")):
        text.set_fontfamily("DejaVu Sans")


def _pct(share: float | None) -> str:
    return "" if share is None else f" ({share:.1f}%)".replace(".", ",")


def bars(b: Breakdown) -> bytes:
    rows = [r for r in b.rows if r.count or not r.key.startswith("minority:")]
    fig = _figure(0.6 + 0.32 * max(1, len(rows)))
    ax = fig.add_subplot()
    from matplotlib.ticker import MaxNLocator

    labels = [textwrap.fill(r.label, 30) for r in rows][::-1]
    counts = [r.count for r in rows][::-1]
    colors = [PALETTE[i % len(PALETTE)] for i in range(len(rows))][::-1]
    if b.key == "ethnicity":
        colors = [PALETTE[1]] * len(rows)
    ax.barh(labels, counts, color=colors)
    top = max(counts, default=0) or 1
    for y, r in enumerate(rows[::-1]):
        value = str(r.count) if b.share_label else f"{r.count}{_pct(r.share)}"
        ax.text(r.count + top * 0.01, y, value, va="center", fontsize=8)
    ax.set_xlim(0, top * 1.25)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 2.5 people
    ax.tick_params(axis="y", labelsize=8)
    ax.tick_params(axis="x", labelsize=7)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(b.title, fontsize=10, loc="left")
    _style(fig)
    return _png(fig)


def pie(b: Breakdown) -> bytes:
    fig = _figure(2.2)
    ax = fig.add_subplot()
    rows = [r for r in b.rows if r.count]
    ax.pie(
        [r.count for r in rows] or [1],
        colors=[PALETTE[b.rows.index(r) % len(PALETTE)] for r in rows] or ["#c9ced8"],
        startangle=90,
        counterclock=False,
    )
    ax.set_aspect("equal")
    ax.legend(
        [f"{r.label}: {r.count}{_pct(r.share)}" for r in rows] or [_("Không có số liệu.")],
        loc="center left",
        bbox_to_anchor=(1.0, 0.5),
        fontsize=8,
        frameon=False,
    )
    ax.set_title(b.title, fontsize=10, loc="left")
    _style(fig)
    return _png(fig)


def pyramid(b: Breakdown) -> bytes:
    rows = b.rows
    fig = _figure(0.8 + 0.35 * len(rows))
    ax = fig.add_subplot()
    labels = [r.label for r in rows]
    male = [-r.extra.get("male", 0) for r in rows]
    female = [r.extra.get("female", 0) for r in rows]
    ax.barh(labels, male, color=PALETTE[0], label=_("Nam"))
    ax.barh(labels, female, color=PALETTE[1], label=_("Nữ"))
    top = max([*(-m for m in male), *female], default=0) or 1
    for y, (m, f) in enumerate(zip(male, female, strict=True)):
        ax.text(m - top * 0.02, y, str(-m), va="center", ha="right", fontsize=8)
        ax.text(f + top * 0.02, y, str(f), va="center", ha="left", fontsize=8)
    ax.set_xlim(-top * 1.3, top * 1.3)
    ax.set_xticks([])
    ax.axvline(0, color="#5b6576", linewidth=0.8)
    ax.tick_params(axis="y", labelsize=8)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_title(b.title, fontsize=10, loc="left")
    _style(fig)
    return _png(fig)


def chart(b: Breakdown) -> bytes:
    if b.chart == "pie":
        return pie(b)
    if b.chart == "pyramid":
        return pyramid(b)
    return bars(b)


def trend(points, series) -> bytes:
    """Shares over the years, one line per series (as `charts.trend_lines`)."""
    fig = _figure(2.6)
    ax = fig.add_subplot()
    xs = list(range(len(points)))
    for i, (key, name) in enumerate(series):
        ys = [p.shares[key] for p in points]
        ax.plot(xs, [y if y is not None else float("nan") for y in ys], marker="o",
                color=PALETTE[i % len(PALETTE)], label=str(name))  # fmt: skip
    ax.set_xticks(xs, [f"{p.label}\nn={p.total}" for p in points], fontsize=7)
    ax.set_ylim(0, 105)
    ax.set_yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"], fontsize=7)
    ax.grid(axis="y", color="#d8dbe0", linewidth=0.6)
    ax.legend(fontsize=8, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(_("Diễn biến qua các năm"), fontsize=10, loc="left")
    _style(fig)
    return _png(fig)
