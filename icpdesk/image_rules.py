"""The image rules the scan checks raise (icpdesk/images/), with the placeholders each fills.

A plug-in table like the named checks: the rulebook refuses rules/images/rules.yaml when an id
here has no entry there, when an entry is never raised, or when a message uses a placeholder
the code does not fill. Kept free of Pillow so that loading the rules stays light.
"""

from __future__ import annotations

IMAGE_RULES: dict[str, frozenset[str]] = {rule: frozenset(fills.split()) for rule, fills in {
    "image.file.unreadable": "why why_en",
    "image.file.empty": "",
    "image.size.too_large": "size bytes max limit",
    "image.size.ambiguous": "bytes warn max limit",
    "image.format.unreadable": "why why_en",
    "image.format.not_accepted": "format accepted",
    "image.format.name_mismatch": "ext format",
    "image.pixels.too_many": "size size_en max_mp",
    "image.damaged": "why why_en",
    "image.animated": "frames",
    "image.mode.cmyk": "",
    "image.mode.high_bit_depth": "bits mode",
    "image.mode.palette": "mode",
    "image.orientation.sideways": "angle",
    "image.resolution.too_small": "width height min_w min_h",
    "image.resolution.low": "width height min_w min_h",
    "image.curtain.dimensions": "want_w want_h width height",
    "image.colour.greyscale": "why why_en",
    "image.colour.copy": "why why_en",
    "image.legibility.blurred": "edge min",
    "image.legibility.glare": "share where where_en",
    "image.document.small_in_frame": "share min where where_en",
    "image.document.cut_off": "sides sides_en",
    "image.document.skewed": "side side_en ratio",
    "image.legibility.dark": "mean",
    "image.legibility.washed_out": "mean stddev",
    "image.check.timeout": "seconds",
    "image.check.crashed": "why why_en",
}.items()}
