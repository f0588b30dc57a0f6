"""Inline SVG charts for the HTML report: no script, no external file, every label escaped."""

from __future__ import annotations

from markupsafe import Markup, escape

__all__ = ["stacked_bars", "column_chart", "PALETTE", "colors_for"]

#: Okabe-Ito (colour-blind safe) first, then Tableau 20 hues; entity colours follow sorted order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000", "#7F7F7F", "#8C564B", "#17BECF", "#BCBD22", "#9467BD", "#AEC7E8",
           "#FFBB78", "#98DF8A", "#FF9896", "#C5B0D5", "#C49C94", "#F7B6D2", "#DBDB8D",
           "#9EDAE5")


def colors_for(names: list[str]) -> dict[str, str]:
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(sorted(names))}


def stacked_bars(rows: dict[str, dict[str, int]], *, title: str, width: int = 640) -> Markup:
    """Horizontal bars, one per row label (column), stacked by series (entity), with a legend."""
    series = sorted({name for parts in rows.values() for name in parts})
    colors = colors_for(series)
    per_row = 3
    label_w, bar_h, gap, legend_h = 160, 24, 8, 22 * ((len(series) + per_row - 1) // per_row) + 8
    top = max((sum(parts.values()) for parts in rows.values()), default=0) or 1
    plot_w = width - label_w - 70
    height = legend_h + len(rows) * (bar_h + gap) + 10
    out = [_open_svg(width, height, title)]
    for i, name in enumerate(series):
        x, y = 4 + (i % per_row) * (width // per_row), 6 + (i // per_row) * 22
        out.append(f'<rect x="{x}" y="{y}" width="14" height="14" fill="{colors[name]}"/>'
                   f'<text x="{x + 20}" y="{y + 12}" class="legend">{escape(name)}</text>')
    for r, (label, parts) in enumerate(rows.items()):
        y = legend_h + r * (bar_h + gap)
        out.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" class="label">'
                   f'{escape(_short(label))}</text>')
        x = float(label_w)
        for name in series:
            count = parts.get(name, 0)
            if not count:
                continue
            w = max(count / top * plot_w, 1.5)
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                       f'fill="{colors[name]}" class="bar"><title>{escape(label)}: '
                       f'{escape(name)} {count:,}</title></rect>')
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + 15}" class="value">'
                   f'{sum(parts.values()):,}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def column_chart(bins: list[tuple[str, int]], *, title: str, x_label: str, y_label: str,
                 highlight_below: float | None = None, width: int = 640) -> Markup:
    """Vertical bars (a histogram); bins whose numeric label is below `highlight_below` in red."""
    left, bottom, top_pad, height = 56, 46, 16, 260
    plot_h, plot_w = height - bottom - top_pad, width - left - 12
    top = max((count for _, count in bins), default=0) or 1
    step = plot_w / max(len(bins), 1)
    out = [_open_svg(width, height, title),
           f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - 8}" y2="{top_pad + plot_h}" '
           f'class="axis"/>',
           f'<text x="{left + plot_w / 2:.0f}" y="{height - 6}" text-anchor="middle" '
           f'class="label">{escape(x_label)}</text>',
           f'<text x="14" y="{top_pad + plot_h / 2:.0f}" text-anchor="middle" class="label" '
           f'transform="rotate(-90 14 {top_pad + plot_h / 2:.0f})">{escape(y_label)}</text>']
    for i, (label, count) in enumerate(bins):
        h = count / top * plot_h
        x, y = left + i * step + step * 0.1, top_pad + plot_h - h
        below = highlight_below is not None and _lower_bound(label) < highlight_below
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.8:.1f}" height="{h:.1f}" '
                   f'class="{"bar bad" if below else "bar good"}"><title>class size '
                   f'{escape(label)}: {count:,} classes</title></rect>'
                   f'<text x="{x + step * 0.4:.1f}" y="{y - 3:.1f}" text-anchor="middle" '
                   f'class="value">{count:,}</text>'
                   f'<text x="{x + step * 0.4:.1f}" y="{top_pad + plot_h + 15}" '
                   f'text-anchor="middle" class="tick">{escape(_short(label, 10))}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _open_svg(width: int, height: int, title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'aria-label="{escape(title)}"><title>{escape(title)}</title>')


def _short(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lower_bound(label: str) -> float:
    digits = ""
    for char in label:
        if char.isdigit() or (char == "." and digits):
            digits += char
        elif digits:
            break
    return float(digits) if digits else float("inf")
