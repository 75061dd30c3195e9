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
    label_w, bar_h, gap = 190, 18, 6
    height = len(rows) * (bar_h + gap) + gap
    top = max((r.count for r in rows), default=0) or 1
    parts = []
    for i, r in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = (width - label_w - 90) * r.count / top
        text = f"{r.label}: {r.count}{_pct(r)}"
        body = (
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" class="chart-label">'
            f"{escape(_short(r.label))}</text>"
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" '
            f'fill="{PALETTE[i % len(PALETTE)] if breakdown.key != "ethnicity" else PALETTE[1]}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 13}" class="chart-value">{r.count}'
            f"{escape(_pct(r))}</text>"
        )
        parts.append(_link(r, body, text))
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
    bar_h, gap, mid, label_w = 20, 6, width / 2, 90
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
