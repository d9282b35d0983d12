"""What every committee picture shares (matplotlib, Agg): the CJK font, the rc settings and
how a figure becomes PNG bytes. The pictures themselves are one module each: ``lorenz``,
``histogram`` and ``exchange_drawing``.

Chinese labels need a CJK font, or matplotlib draws boxes. The project depends on
``manimgx-fonts-cjk`` (Noto Sans CJK, SIL OFL; see setup.cfg), so a normal install has one;
:func:`cjk_font` registers it with matplotlib, falls back to CJK fonts the system has, and when
there is none logs one clear warning and lets the pictures be drawn anyway (with boxes) - a
missing font must never stop a report.

Every function returns PNG bytes; callers write them with ``planner.io.plan_files.atomic_write`` or
embed them in the workbook. Figures are built on ``matplotlib.figure.Figure`` directly, never
through pyplot, so nothing global (backend, open figures) is touched.
"""
from __future__ import annotations

import dataclasses
import functools
import io
import logging
import warnings
from pathlib import Path

from matplotlib import font_manager, patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

log = logging.getLogger(__name__)

# Simplified Chinese first (the glyph forms differ between SC, TC and JP), then common
# system fonts on Linux, Windows and macOS.
CJK_FONT_NAMES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback", "SimHei", "Microsoft YaHei",
    "PingFang SC", "Heiti SC", "Noto Serif CJK SC", "AR PL UMing CN", "AR PL UKai CN",
    "Noto Sans CJK TC", "Noto Sans CJK JP",
)
_NORMAL_WEIGHT = 400


def _packaged_font_file():
    """The Noto Sans CJK file shipped by the ``manimgx-fonts-cjk`` dependency, or None."""
    try:
        import manimgx_fonts_cjk
    except ImportError:
        return None
    folder = Path(manimgx_fonts_cjk.__file__).parent
    files = sorted(folder.glob("*.ttc")) + sorted(folder.glob("*.otf")) + sorted(folder.glob("*.ttf"))
    return files[0] if files else None


def _register(path: Path) -> None:
    """Add a font file to matplotlib's font list, as a normal-weight face.

    The packaged file is a variable font whose default instance reports weight 100; left so,
    every lookup of a normal-weight face logs "Failed to find font weight normal". FreeType
    draws the default instance whatever we call it, so we record it as normal weight.
    """
    fm = font_manager.fontManager
    fm.addfont(str(path))
    for i, entry in enumerate(fm.ttflist):
        if Path(entry.fname) == path and entry.weight != _NORMAL_WEIGHT:
            fm.ttflist[i] = dataclasses.replace(entry, weight=_NORMAL_WEIGHT)
    # findfont caches its answers; clear them so that the re-weighted faces are seen.
    cache = getattr(fm, "_findfont_cached", None)
    if cache is not None and hasattr(cache, "cache_clear"):
        cache.cache_clear()


@functools.lru_cache(maxsize=1)
def cjk_font():
    """The family name of a CJK font matplotlib can use, or None (after one warning).

    Order: the font the project installs (``manimgx-fonts-cjk``), then system fonts named in
    :data:`CJK_FONT_NAMES`.
    """
    packaged = _packaged_font_file()
    if packaged is not None:
        try:
            _register(packaged)
        except Exception as err:     # a broken font file must not stop a report
            log.warning("could not load the packaged CJK font %s: %s", packaged, err)
    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONT_NAMES:
        if name in names:
            log.debug("CJK font for pictures: %s", name)
            return name
    log.warning("no CJK font found: Chinese labels in the pictures will show as boxes. "
                "Install the project's dependencies (pip install manimgx-fonts-cjk) or a system "
                "CJK font (e.g. apt-get install fonts-noto-cjk).")
    return None


def _thin_font() -> bool:
    """True when the CJK font in use is the packaged variable font (drawn Thin)."""
    font = cjk_font()
    packaged = _packaged_font_file()
    return font is not None and packaged is not None and any(
        e.name == font and Path(e.fname) == packaged for e in font_manager.fontManager.ttflist)


def figure_rc(lang: str = "zh") -> dict:
    """matplotlib rc settings for a committee picture: the CJK font, 10 pt, the ASCII minus (CJK fonts lack U+2212)."""
    rc = {"axes.unicode_minus": False, "font.size": 10}
    font = cjk_font()
    if font is not None:
        rc["font.family"] = "sans-serif"
        rc["font.sans-serif"] = [font, "DejaVu Sans"]
    return rc


def _embolden(fig: Figure) -> None:
    """Stroke every text outline in its own colour.

    Matplotlib draws only the default instance of a variable font, and the packaged Noto Sans
    CJK's default is its Thin weight: pale on screen and in print. A thin stroke of the text's
    own colour brings it to about Regular.
    """
    for t in fig.findobj(Text):
        t.set_path_effects([patheffects.withStroke(linewidth=0.7, foreground=t.get_color())])


def figure_png(fig: Figure, dpi: int = 110, tight: bool = True) -> bytes:
    """The figure as PNG bytes, no software stamp (so bytes are stable); ``tight`` crops to the
    drawing, else the PNG is exactly the figure's size times ``dpi``."""
    FigureCanvasAgg(fig)
    if _thin_font():
        _embolden(fig)
    buf = io.BytesIO()
    with warnings.catch_warnings():
        # Without a CJK font, cjk_font() has already said so once; one warning per glyph adds nothing.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight" if tight else None, metadata={"Software": None})
    return buf.getvalue()
