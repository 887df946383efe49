"""The CJK font the letters are printed with, and what it can print.

The font is Noto Sans CJK (OFL), shipped on PyPI as `cvttf-notosanscjk-regular`, so every machine
that installs requirements.lock has it: no system font is needed. That file is the Traditional
Chinese flavour, whose default glyphs follow Taiwan's forms (centred full stops and commas);
`simplified_forms()` reads the font's own `locl` table for Simplified Chinese so letters print
mainland forms.

A PDF embeds `truetype_subset()`, not the OpenType file itself: fpdf2 embeds CFF outlines behind a
custom CMap encoding that common extractors (pypdf among them) cannot decode, so a letter's text
could not be searched or copied there. TrueType outlines are embedded with the standard Identity-H
encoding, which every reader understands.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import threading
import unicodedata
from collections.abc import KeysView
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

FONT_PACKAGE = "cvttf_NotoSansCJK_Regular"
FONT_FILE = "NotoSansCJKtc-Regular.otf"


@functools.cache
def cjk_font_path() -> Path:
    """The installed Noto Sans CJK OpenType file."""
    spec = importlib.util.find_spec(FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ImproperlyConfigured(
            f"The CJK font package is not installed: pip install cvttf-notosanscjk-regular "
            f"(the Python package {FONT_PACKAGE} provides {FONT_FILE})."
        )
    path = Path(next(iter(spec.submodule_search_locations))) / FONT_FILE
    if not path.is_file():
        raise ImproperlyConfigured(f"The CJK font file is missing: {path}. Reinstall the package.")
    return path


@dataclass(frozen=True)
class _Tables:
    advances: dict[int, float]  # code point -> advance width in ems
    simplified: dict[int, str]  # code point -> glyph name of its zh-Hans form


_loading = threading.Lock()


def _tables() -> _Tables:
    with _loading:  # read the font once, even when two requests ask first at the same time
        return _read_tables()


@functools.cache
def _read_tables() -> _Tables:
    font = TTFont(cjk_font_path(), lazy=True)  # lazy: the 16 MB of outlines are never read
    cmap = font.getBestCmap()
    upem = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    return _Tables(
        advances={code: metrics[glyph][0] / upem for code, glyph in cmap.items()},
        simplified=_simplified_forms(font, cmap),
    )


def covered_code_points() -> KeysView[int]:
    return _tables().advances.keys()


def missing_characters(text: str) -> list[str]:
    """The distinct characters of `text` the font cannot draw, in order of first appearance.

    Line breaks and tabs are layout, not glyphs, and are never reported.
    """
    advances = _tables().advances
    missing: dict[str, None] = {}
    for char in text:
        if char not in "\n\r\t" and ord(char) not in advances:
            missing[char] = None
    return list(missing)


def describe(char: str) -> str:
    """A character as a person can identify it even when it cannot be shown: U+E000 <name>."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()


def advance_em(text: str) -> float:
    """How wide `text` is set in this font, in ems (for placing text in a DOCX by measure)."""
    advances = _tables().advances
    return sum(advances.get(ord(char), 0.0) for char in text)


def simplified_forms() -> dict[int, str]:
    """Code point -> glyph name of its Simplified Chinese form, where it differs from the default.

    The default forms are Taiwan's; see `_simplified_forms`.
    """
    return _tables().simplified


def _simplified_forms(font: TTFont, cmap: dict[int, str]) -> dict[int, str]:
    """The font's `locl` feature for script `hani`, language `ZHS`: the substitution a shaping
    engine applies to text tagged zh-Hans."""
    gsub = font["GSUB"].table
    features = gsub.FeatureList.FeatureRecord
    lookups: list[int] = []
    for script in gsub.ScriptList.ScriptRecord:
        if script.ScriptTag != "hani":
            continue
        for lang in script.Script.LangSysRecord:
            if lang.LangSysTag.strip() != "ZHS":
                continue
            for index in lang.LangSys.FeatureIndex:
                if features[index].FeatureTag == "locl":
                    lookups.extend(features[index].Feature.LookupListIndex)
    substitutions: dict[str, str] = {}
    for index in lookups:
        lookup = gsub.LookupList.Lookup[index]
        for subtable in lookup.SubTable:
            if lookup.LookupType == 7:  # extension: the real subtable is wrapped
                subtable = subtable.ExtSubTable
            if subtable.LookupType == 1:  # single substitution: one glyph for another
                substitutions.update(subtable.mapping)
    return {code: substitutions[glyph] for code, glyph in cmap.items() if glyph in substitutions}


def truetype_subset(text: str) -> bytes:
    """A TrueType font holding just the glyphs of `text`, in their Simplified Chinese forms."""
    font = TTFont(cjk_font_path(), lazy=True)  # a fresh copy: subsetting changes it in place
    wanted = {ord(char) for char in text} & covered_code_points()
    forms = simplified_forms()
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap.update({code: forms[code] for code in wanted if code in forms})
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    _cff_to_glyf(font)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


def _cff_to_glyf(font: TTFont) -> None:
    """Replace cubic CFF outlines by quadratic TrueType ones (fontTools' otf2ttf recipe).

    The tolerance is 1 font unit in 1000: invisible in print.
    """
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    outlines = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        outlines[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = outlines
    del font["CFF "]
    glyf.compile(font)
    metrics = font["hmtx"].metrics
    for name in order:
        metrics[name] = (metrics[name][0], getattr(glyf[name], "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    font["post"].formatType = 3.0  # no glyph names: nothing reads them
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
