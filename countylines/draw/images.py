"""Charts and maps as PNG images that can be quoted on their own (title, source, base, status,
date, and the illustrative notice across the top), drawn by kaleido with the machine's
Chromium; and finding that Chromium (no download, no CDN)."""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import textwrap

from countylines import ILLUSTRATIVE_NOTICE
from countylines.draw.exports import About, plain_text
from countylines.draw.palette import DARK_PINK

ILLUSTRATIVE_COLOUR = DARK_PINK  # Analysis Function plum, as the presenting-mode band
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
WIDTH = 1280
MIN_HEIGHT = 720
MAX_HEIGHT = 1600
NOTICE_HEIGHT = 34
IMAGE_TEMPLATE = "plotly_white"
FOOTER_LINE = 18


def chromium_path() -> str | None:
    """BROWSER_PATH if set (kaleido reads it too), else the first Chromium on the PATH."""
    if os.environ.get("BROWSER_PATH"):
        return os.environ["BROWSER_PATH"]
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def images_available() -> bool:
    """Whether kaleido can find a Chromium to draw chart images with."""
    return chromium_path() is not None


def _chrome(fig, about: About, illustrative: bool, width: int) -> tuple[list[str], list[str], int, int]:
    title = fig.layout.title.text or about.title
    title_lines = textwrap.wrap(plain_text(title), 90 * width // WIDTH) or [""]  # 20 px type
    footer = [f"{about.source}. {about.base}.", f"{about.status}. Downloaded {dt.date.today():%d %B %Y}."]
    footer = [line for text in footer for line in textwrap.wrap(text, 150 * width // WIDTH)]
    top = 40 + 26 * len(title_lines) + (NOTICE_HEIGHT if illustrative else 0)
    bottom = max(int(fig.layout.margin.b or 0), 40) + FOOTER_LINE * len(footer) + 10
    return title_lines, footer, top, bottom


def css_width(fig, width: int = WIDTH) -> int:
    """The width the figure is laid out at: a map's own design width (its lines, heads and
    names keep their proportions), else the image width."""
    meta = fig.layout.meta
    designed = meta.get("image_css_width") if isinstance(meta, dict) else None
    return int(designed) if designed else width


def image_size(fig, top: int, bottom: int, width: int = WIDTH) -> tuple[int, int]:
    """(width, height) in layout pixels: 1280x720, or taller when the chart needs it.

    A map (equal-aspect axes) gets the height that lets it fill the width; a chart that asks
    for more height than 720 leaves (39 questions) gets it, so every bar is named.
    """
    layout = fig.layout
    if layout.yaxis.scaleanchor == "x" and layout.xaxis.range and layout.yaxis.range:
        x0, x1 = layout.xaxis.range
        y0, y1 = layout.yaxis.range
        left, right = max(int(layout.margin.l or 0), 40), int(layout.margin.r or 0)
        plot_height = (width - left - right) * (y1 - y0) / (x1 - x0)
        limit = MAX_HEIGHT * width / WIDTH
        return width, int(min(limit, max(MIN_HEIGHT * width / WIDTH, plot_height + top + bottom)))
    own = int(layout.height or 0)
    if own:
        chart_margins = int(layout.margin.t or 0) + int(layout.margin.b or 0)
        return width, int(min(MAX_HEIGHT, max(MIN_HEIGHT, own - chart_margins + top + bottom)))
    return width, MIN_HEIGHT


def stamped_figure(fig, about: About, illustrative: bool, width: int = WIDTH, height: int | None = None):
    """A copy of the chart that can be quoted on its own: its title, and under it the source,
    base and status, with the illustrative notice across the top when the data are.

    The on-screen chart carries these as text around it; an image file has only itself.
    """
    out = copy.deepcopy(fig)
    # A template of its own: importing Streamlit makes its theme plotly's default, and an
    # image must look the same whichever process draws it.
    out.update_layout(template=IMAGE_TEMPLATE)
    width = css_width(out, width)
    title_lines, footer, top, bottom = _chrome(out, about, illustrative, width)
    width, auto_height = image_size(out, top, bottom, width)
    height = height or auto_height
    out.update_layout(
        width=width,
        height=height,
        title={
            "text": "<br>".join(title_lines),
            "x": 0,
            "xref": "paper",  # aligned with the notice and the source line, at the plot's left edge
            "xanchor": "left",
            "yanchor": "top",
            "y": 1 - (8 + (NOTICE_HEIGHT if illustrative else 0)) / height,
            "font": {"size": 20, "color": "#0b0c0c"},
        },
        margin={"t": top, "b": bottom, "l": max(int(out.layout.margin.l or 0), 40)},
        paper_bgcolor="white",
    )
    out.add_annotation(
        text="<br>".join(footer),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-(bottom - 10 - FOOTER_LINE * len(footer)),
        align="left",
        showarrow=False,
        font={"size": 13, "color": "#3D3D3D"},
        name="footer",
    )
    if illustrative:
        out.add_annotation(
            text=f"<b>{ILLUSTRATIVE_NOTICE}</b>",
            xref="paper",
            yref="paper",
            x=0,
            y=1,
            xanchor="left",
            yanchor="bottom",
            yshift=top - NOTICE_HEIGHT,
            showarrow=False,
            bgcolor=ILLUSTRATIVE_COLOUR,
            font={"size": 16, "color": "white"},
            borderpad=6,
            name="illustrative",
        )
    return out


def chart_png(fig, about: About, illustrative: bool) -> bytes:
    """The stamped chart as a PNG 1280 wide (720 high or as the chart needs), drawn by kaleido."""
    stamped = stamped_figure(fig, about, illustrative)
    scale = WIDTH / stamped.layout.width  # a map laid out at its design width, enlarged to 1280
    return render_png(stamped, stamped.layout.width, stamped.layout.height, scale=scale)


# kaleido's page loads MathJax from cdnjs.cloudflare.com unless told not to: no chart here
# uses LaTeX, and nothing may leave the machine. plotly.js comes from the plotly package.
KALEIDO_OPTIONS = {"mathjax": False}


def render_png(fig, width: int, height: int, scale: float = 1) -> bytes:
    """A figure as PNG at width x height CSS pixels (kaleido drives the machine's Chromium)."""
    import warnings

    import kaleido

    options = {"format": "png", "width": width, "height": height, "scale": scale}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "kopts is ignored if using a server" (started with them)
        return kaleido.calc_fig_sync(fig.to_dict(), opts=options, kopts=dict(KALEIDO_OPTIONS))
