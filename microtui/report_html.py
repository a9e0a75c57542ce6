"""``microtui report --format html``: one self-contained page to bring to a health professional.

The page holds what the text report holds - the summary, the 12-week heatmap, the insight
lines and every Progress chart - with its CSS inline, the charts as pre-formatted text (the
same plotext drawings as the text report, without colour), no scripts and nothing loaded from
the network. The heatmap is a table whose cells carry the shade characters as well as a
background, so it reads without colour and on paper. It never imports Textual.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from html import escape
from typing import Any

from microtui.core.heatmap import LEVELS, NOTHING_PLANNED, Heatmap
from microtui.core.loader import Library
from microtui.core.safety import SAFETY_ADVICE
from microtui.report import chart_blocks, heading, report_data

CHART_WIDTH = 100
"""Columns of the drawn charts: at 8 pt they fit an A4 or Letter page with its margins."""

SAFETY = f"The guide: {SAFETY_ADVICE[:1].lower()}{SAFETY_ADVICE[1:]}"

STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: #1b1b1b; background: #fff; margin: 2rem auto; max-width: 62rem;
       padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.5rem; margin: 0 0 .2rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; border-bottom: 1px solid #ccc; }
.range { color: #444; margin: 0; }
.summary { font-weight: 600; }
pre, table.heatmap { font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono",
                     monospace; }
pre.chart { font-size: 12px; line-height: 1.15; margin: 0; overflow-x: auto; }
pre.chart span.c { display: inline-block; overflow: hidden; vertical-align: bottom; }
.notes { margin: .3rem 0 0 1rem; color: #333; }
.empty { font-style: italic; color: #444; }
.legend { white-space: pre-wrap; } .legend .symbol { font-weight: 700; }
table.heatmap.legend th { white-space: nowrap; }
table.heatmap { border-collapse: separate; border-spacing: 3px; font-size: 14px; }
table.heatmap th { font-weight: normal; color: #444; text-align: left; padding-right: .4rem; }
table.heatmap td { width: 1.6em; height: 1.6em; text-align: center; border: 1px solid #bbb; }
td.l0 { background: #f4f4f4; } td.l1 { background: #d6ecd2; } td.l2 { background: #a6d59d; }
td.l3 { background: #62b25a; color: #fff; } td.l4 { background: #2c7a2c; color: #fff; }
td.none { background: #fff; color: #888; } td.future { border-style: dashed; }
td.today { outline: 2px solid #000; outline-offset: 1px; font-weight: 700; }
ul.insights { padding-left: 1.2rem; } ul.insights li { margin: .2rem 0; }
footer { margin-top: 2rem; font-size: .9rem; color: #444; border-top: 1px solid #ccc; }
@page { margin: 1.5cm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  pre.chart { font-size: 7.5pt; overflow: visible; }
  section { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


_WIDE = re.compile(r"[^\x00-\x7f]+")
_SGR = re.compile(r"\x1b\[([0-9;]*)m")

COLOURS = {
    # plotext's colour names and the 256-colour indexes it writes for them, as colours that
    # read on white paper
    "black": "#1b1b1b", "red": "#c62828", "green": "#2e7d32", "orange": "#d27a00",
    "yellow": "#d27a00", "blue": "#1f5fbf", "magenta": "#a626a4", "cyan": "#00838f",
    "white": "#9e9e9e", "gray": "#8a8a8a", "grey": "#8a8a8a",
}
INDEX_COLOURS = {"0": "black", "1": "red", "2": "green", "3": "orange", "4": "blue",
                 "5": "magenta", "6": "cyan", "7": "white", "8": "gray"}


def _columns(text: str) -> str:
    """Plain chart text as HTML: every run of non-ASCII characters (braille dots, bars, box
    lines) sits in a span exactly one column per character wide, so a glyph that comes from
    a fallback font of another width cannot push the rest of its row out of line."""
    out = []
    position = 0
    for run in _WIDE.finditer(text):
        out.append(escape(text[position:run.start()]))
        out.append(f"<span class=\"c\" style=\"width:{len(run.group())}ch\">"
                   f"{escape(run.group())}</span>")
        position = run.end()
    out.append(escape(text[position:]))
    return "".join(out)


def chart_html(text: str) -> str:
    """A drawn chart (plotext's text, with or without its ANSI colours) as HTML for a
    ``<pre>``: the colours become spans (backgrounds are dropped: the page is white), and
    every character keeps its column (see :func:`_columns`)."""
    out = []
    colour: str | None = None
    position = 0
    for code in [*_SGR.finditer(text), None]:
        piece = text[position:code.start() if code else len(text)]
        if piece:
            html = _columns(piece)
            out.append(f"<span style=\"color:{COLOURS[colour]}\">{html}</span>"
                       if colour in COLOURS else html)
        if code is None:
            break
        position = code.end()
        params = code.group(1).split(";")
        if params in (["0"], [""]):
            colour = None
        elif params[:2] == ["38", "5"] and len(params) == 3:
            colour = INDEX_COLOURS.get(params[2])
    return "".join(out)


def legend_html(legend: Sequence[tuple[str, str, str]]) -> str:
    """A chart's legend: each symbol in its colour, then what it stands for."""
    return "  ".join(
        f"<span class=\"symbol\" style=\"color:{COLOURS.get(colour, COLOURS['black'])}\">"
        f"{escape(symbol)}</span> {escape(text)}" for symbol, colour, text in legend)


def _heatmap_html(heatmap: Heatmap) -> str:
    out = [f"<section id=\"heatmap\"><h2>{escape(heatmap.title())}</h2>",
           "<table class=\"heatmap\"><thead><tr><th></th>"]
    last_month = None
    for monday in heatmap.weeks:
        month = (monday.year, monday.month)
        label = f"{monday:%b}" if month != last_month else ""
        last_month = month
        out.append(f"<th scope=\"col\" title=\"week of {monday:%-d %b %Y}\">{label}</th>")
    out.append("</tr></thead><tbody>")
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    for weekday, row in zip(heatmap.weekdays, heatmap.rows, strict=True):
        out.append(f"<tr><th scope=\"row\">{names[weekday]}</th>")
        for cell in row:
            classes = ["future" if cell.future
                       else "none" if cell.level is None else f"l{cell.level}"]
            if cell.today:
                classes.append("today")
            out.append(f"<td class=\"{' '.join(classes)}\" title=\"{escape(cell.label)}\">"
                       f"{escape(cell.char.strip())}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    legend = "".join(f"<td class=\"l{n}\">{escape(char)}</td><th>{escape(meaning)}</th>"
                     for n, (_, char, meaning) in enumerate(LEVELS))
    out.append(f"<table class=\"heatmap legend\"><tr>{legend}<td class=\"none\">"
               f"{NOTHING_PLANNED}</td><th>nothing planned</th><td class=\"l2 today\"></td>"
               "<th>today (framed)</th></tr></table></section>")
    return "".join(out)


def report_html(
    store_data: Mapping[str, Any],
    today: date,
    days: int | None,
    *,
    library: Library | None = None,
    suggestions: int = 0,
    now: datetime | None = None,
) -> str:
    """The whole page (see the module doc) for ``days`` (0/None: all) ending ``today``;
    ``store_data`` as for :func:`microtui.report.report_text`."""
    data = report_data(store_data, today, days, library=library, suggestions=suggestions,
                       now=now)
    title = heading(data)
    body = [f"<h1>{escape(title.split(' · ', 1)[0])}</h1>",
            f"<p class=\"range\">{escape(title.split(' · ', 1)[1])}</p>",
            f"<p class=\"summary\">{escape(data.view.summary)}</p>",
            _heatmap_html(data.panel.heatmap)]
    for n, (section_title, lines) in enumerate(data.sections):
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        body.append(f"<section class=\"insights\" id=\"insights-{n + 1}\">"
                    f"<h2>{escape(section_title)}</h2><ul class=\"insights\">{items}</ul>"
                    "</section>")
    for block in chart_blocks(data, CHART_WIDTH, color=True, shaded=True):
        body.append(f"<section class=\"chart-block\" id=\"chart-{block.name}\">"
                    f"<h2>{escape(block.title)}</h2>")
        if block.chart is None:
            body.append(f"<p class=\"empty\">{escape(block.notes[0])}</p>")
        else:
            body.append(f"<pre class=\"chart\" role=\"img\" aria-label=\"{escape(block.title)}\">"
                        f"{chart_html(block.chart)}</pre>")
            if block.legend:
                body.append(f"<p class=\"notes legend\">{legend_html(block.legend)}</p>")
            body.extend(f"<p class=\"notes\">{escape(note)}</p>" for note in block.notes)
        body.append("</section>")
    made = (now or datetime.combine(today, datetime.min.time())).strftime("%-d %B %Y")
    body.append(f"<footer><p>Written by microtui on {escape(made)} from the sets, check-ins "
                f"and mobility screens it logged.</p><p>{escape(SAFETY)}</p></footer>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")
