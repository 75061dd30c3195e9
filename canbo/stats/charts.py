"""Charts drawn on the server as inline SVG (no JavaScript, no CDN): bars, pies and the age
pyramid. Every bar or slice with a people-list URL is a link to the people behind it."""

from __future__ import annotations

import math

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .breakdowns import Breakdown, Row

PALETTE = ("#a3161b", "#2f6db5", "#1f7a3d", "#9a6400", "#6b3fa0", "#0f7c7c", "#b3261e", "#5b6576")


def _pct(row: Row) -> str:
    return "" if row.share is None else f" ({row.share:.1f}%)".replace(".", ",")


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _wrap(label: str, limit: int = 28) -> list[str]:
    """A long label on two lines (cut at a space), the second shortened if still too long."""
    if len(label) <= limit:
        return [label]
    cut = label.rfind(" ", 0, limit + 1)
    if cut <= 0:
        return [_short(label, limit)]
    return [label[:cut], _short(label[cut + 1 :], limit)]


def _value(breakdown: Breakdown, row: Row) -> tuple[str, str]:
    """The text beside a bar and the text of its tooltip."""
    if breakdown.share_label:
        share = "" if row.share is None else f"{row.share:.1f}%".replace(".", ",")
        return str(row.count), f"{row.label}: {row.count} ({breakdown.share_label}: {share})"
    return f"{row.count}{_pct(row)}", f"{row.label}: {row.count}{_pct(row)}"


def _link(row: Row, body: str, label: str) -> str:
    title = f"<title>{escape(label)}</title>"
    if row.url:
        return (
            f'<a href="{escape(row.url)}" class="chart-link" data-key="{escape(row.key)}">'
            f"{title}{body}</a>"
        )
    return f"<g>{title}{body}</g>"


def bars(breakdown: Breakdown, width: int = 460) -> SafeString:
    rows = [r for r in breakdown.rows if r.count or not r.key.startswith("minority:")]
    if not rows:
        return mark_safe(f'<p class="muted">{escape(_("Không có số liệu."))}</p>')
    label_w, bar_h, gap, line_h = 190, 18, 6, 14
    top = max((r.count for r in rows), default=0) or 1
    parts = []
    y = gap
    for i, r in enumerate(rows):
        lines = _wrap(r.label)
        extra = line_h * (len(lines) - 1)  # a two-line label makes its row taller
        w = (width - label_w - 100) * r.count / top  # room for "1234 (56,7%)" after the bar
        value, text = _value(breakdown, r)
        first = y + 13  # two lines sit around the bar, which moves down half a line
        label = "".join(
            f'<tspan x="{label_w - 6}" y="{first + n * line_h:.1f}">{escape(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        bar_y = y + extra / 2
        body = (
            f'<text text-anchor="end" class="chart-label">{label}</text>'
            f'<rect x="{label_w}" y="{bar_y:.1f}" width="{w:.1f}" height="{bar_h}" '
            f'fill="{PALETTE[i % len(PALETTE)] if breakdown.key != "ethnicity" else PALETTE[1]}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{bar_y + 13:.1f}" class="chart-value">'
            f"{escape(value)}</text>"
        )
        parts.append(_link(r, body, text))
        y += bar_h + gap + extra
    height = y
    return mark_safe(
        f'<svg class="chart" role="img" aria-label="{escape(breakdown.title)}" '
        f'viewBox="0 0 {width} {height}" width="100%">{"".join(parts)}</svg>'
    )


def pie(breakdown: Breakdown, size: int = 160) -> SafeString:
    total = sum(r.count for r in breakdown.rows) or 1
    r0, cx, cy = size / 2 - 4, size / 2, size / 2
    parts, angle, legend = [], -math.pi / 2, []
    for i, r in enumerate(breakdown.rows):
        frac = r.count / total
        color = PALETTE[i % len(PALETTE)]
        text = f"{r.label}: {r.count}{_pct(r)}"
        if frac >= 0.9999:
            shape = f'<circle cx="{cx}" cy="{cy}" r="{r0}" fill="{color}"/>'
        elif frac <= 0:
            shape = ""
        else:
            end = angle + frac * 2 * math.pi
            x1, y1 = cx + r0 * math.cos(angle), cy + r0 * math.sin(angle)
            x2, y2 = cx + r0 * math.cos(end), cy + r0 * math.sin(end)
            large = 1 if frac > 0.5 else 0
            shape = (
                f'<path d="M{cx},{cy} L{x1:.2f},{y1:.2f} A{r0},{r0} 0 {large} 1 {x2:.2f},{y2:.2f} Z" '
                f'fill="{color}"/>'
            )
            angle = end
        if shape:
            parts.append(_link(r, shape, text))
        ly = 16 + i * 20
        legend.append(
            _link(
                r,
                f'<rect x="{size + 10}" y="{ly - 11}" width="12" height="12" fill="{color}"/>'
                f'<text x="{size + 28}" y="{ly}" class="chart-label">{escape(text)}</text>',
                text,
            )
        )
    return mark_safe(
        f'<svg class="chart" role="img" aria-label="{escape(breakdown.title)}" '
        f'viewBox="0 0 {size + 230} {size}" width="{size + 230}">{"".join(parts + legend)}</svg>'
    )


def pyramid(breakdown: Breakdown, width: int = 460) -> SafeString:
    """Age pyramid: men to the left, women to the right, oldest group on top."""
    rows = list(reversed(breakdown.rows))
    bar_h, gap, mid, label_w = 20, 6, width / 2, 104  # "30 trở xuống" between the bars
    top = max((max(r.extra.get("male", 0), r.extra.get("female", 0)) for r in rows), default=0)
    top = top or 1
    half = (width - label_w) / 2 - 50
    parts = [
        f'<text x="{mid - label_w / 2 - 4}" y="12" text-anchor="end" class="chart-label">{escape(_("Nam"))}</text>',
        f'<text x="{mid + label_w / 2 + 4}" y="12" class="chart-label">{escape(_("Nữ"))}</text>',
    ]
    for i, r in enumerate(rows):
        y = 20 + i * (bar_h + gap)
        for side, gender, color in (("male", "male", PALETTE[0]), ("female", "female", PALETTE[1])):
            n = r.extra.get(side, 0)
            w = half * n / top
            x = mid - label_w / 2 - w if side == "male" else mid + label_w / 2
            tx = x - 4 if side == "male" else x + w + 4
            anchor = "end" if side == "male" else "start"
            sub = Row(r.key, r.label, n, None, None, None)
            if r.url:
                sub.url = f"{r.url}&gender={gender}"
            parts.append(
                _link(
                    sub,
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}"/>'
                    f'<text x="{tx:.1f}" y="{y + 14}" text-anchor="{anchor}" '
                    f'class="chart-value">{n}</text>',
                    f"{r.label} — {_('Nam') if side == 'male' else _('Nữ')}: {n}",
                )
            )
        parts.append(
            f'<text x="{mid}" y="{y + 14}" text-anchor="middle" class="chart-label">'
            f"{escape(r.label.replace('Từ ', '').replace(' tuổi', ''))}</text>"
        )
    height = 20 + len(rows) * (bar_h + gap)
    return mark_safe(
        f'<svg class="chart" role="img" aria-label="{escape(breakdown.title)}" '
        f'viewBox="0 0 {width} {height}" width="100%">{"".join(parts)}</svg>'
    )


def chart(breakdown: Breakdown) -> SafeString:
    if breakdown.chart == "pie":
        return pie(breakdown)
    if breakdown.chart == "pyramid":
        return pyramid(breakdown)
    return bars(breakdown)


def trend_lines(points, series, width: int = 520, height: int = 230) -> SafeString:
    """Shares (%) over the years, one line per series; every point links to its people."""
    if not any(p.total for p in points):
        return mark_safe(
            f'<p class="muted">{escape(_("Không có cán bộ nào trong phạm vi ở các thời điểm này."))}</p>'
        )
    left, right, top, bottom = 42, 10, 10, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(1, len(points) - 1)

    def xy(i: int, value: float) -> tuple[float, float]:
        return left + i * step, top + plot_h * (1 - value / 100)

    parts = []
    for tick in (0, 25, 50, 75, 100):
        _x, y = xy(0, tick)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" class="chart-grid"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" class="chart-value">{tick}%</text>'
        )
    for i, p in enumerate(points):
        x, _y = xy(i, 0)
        label = escape(p.label)
        total = f"{p.label}: {p.total}"
        body = (
            f'<text x="{x:.1f}" y="{height - 26}" text-anchor="middle" class="chart-label">{label}'
            f'</text><text x="{x:.1f}" y="{height - 10}" text-anchor="middle" class="chart-value">'
            f"n={p.total}</text>"
        )
        parts.append(_link(Row(f"{p.on.isoformat()}:total", total, p.total, None, None,
                               p.urls.get("total")), body, total))  # fmt: skip
    legend = []
    for s_i, (key, name) in enumerate(series):
        color = PALETTE[s_i % len(PALETTE)]
        coords = [xy(i, p.shares[key]) for i, p in enumerate(points) if p.shares[key] is not None]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>'
            )
        for i, p in enumerate(points):
            if p.shares[key] is None:
                continue
            x, y = xy(i, p.shares[key])
            text = f"{name} — {p.label}: {p.counts[key]}/{p.total}{_pct(Row('', '', 0, p.shares[key]))}"
            row = Row(f"{key}:{p.on.isoformat()}", str(name), p.counts[key], p.shares[key], None,
                      p.urls.get(key))  # fmt: skip
            parts.append(
                _link(row, f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{color}"/>', text)
            )
        legend.append(
            f'<rect x="{width + 8}" y="{14 + s_i * 20}" width="12" height="12" fill="{color}"/>'
            f'<text x="{width + 24}" y="{24 + s_i * 20}" class="chart-label">{escape(name)}</text>'
        )
    return mark_safe(
        f'<svg class="chart" role="img" aria-label="{escape(_("Diễn biến qua các năm"))}" '
        f'viewBox="0 0 {width + 130} {height}" width="100%">{"".join(parts + legend)}</svg>'
    )


def rating_bars(points, labels, width: int = 520) -> SafeString:
    """The decided ratings of each year as 100% stacked bars."""
    rated = [p for p in points if p.ratings]
    if not rated:
        return mark_safe("")
    label_w, bar_h, gap = 60, 18, 6
    plot_w = width - label_w - 10
    parts = []
    for i, p in enumerate(rated):
        y = gap + i * (bar_h + gap)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" class="chart-label">'
            f"{p.on.year}</text>"
        )
        x = float(label_w)
        total = p.ratings["total"] or 1
        for r_i, (code, name) in enumerate(labels):
            n = p.ratings["counts"].get(code, 0)
            w = plot_w * n / total
            if n:
                text = f"{p.on.year} — {name}: {n} ({p.ratings['shares'][code]}%)"
                parts.append(
                    f'<g><title>{escape(text)}</title><rect x="{x:.1f}" y="{y}" '
                    f'width="{w:.1f}" height="{bar_h}" fill="{PALETTE[r_i % len(PALETTE)]}"/></g>'
                )
            x += w
    height = gap + len(rated) * (bar_h + gap)
    # the legend in two columns, full names (a rating name is up to ~30 characters)
    col_w, per_col = plot_w / 2, (len(labels) + 1) // 2
    for r_i, (_code, name) in enumerate(labels):
        lx = label_w + (r_i // per_col) * col_w
        ly = height + 4 + (r_i % per_col) * 18
        parts.append(
            f'<rect x="{lx:.1f}" y="{ly}" width="12" height="12" '
            f'fill="{PALETTE[r_i % len(PALETTE)]}"/>'
            f'<text x="{lx + 16:.1f}" y="{ly + 11}" class="chart-label">{escape(_short(name, 34))}'
            "</text>"
        )
    bottom = height + 4 + per_col * 18
    return mark_safe(
        f'<svg class="chart rating-chart" role="img" '
        f'aria-label="{escape(_("Xếp loại qua các năm"))}" '
        f'viewBox="0 0 {width} {bottom}" width="100%">{"".join(parts)}</svg>'
    )
