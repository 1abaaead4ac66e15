"""Offline OCR of ID cards, business licences and domain certificates (issue 18).

`reader.py` runs rapidocr on onnxruntime (the optional extra `icpdesk[ocr]`; its wheel carries
its models, nothing is downloaded), one model per process; `extract.py` turns the text lines into
the filing's fields, each number through the same check digits as a typed one. The findings that
compare a reading with the filing are rules like any other (rules/national/ocr.yaml,
icpdesk/checks/ocr.py); they fire only when readings are given (`validate --ocr`, the app).
"""

from __future__ import annotations

from .extract import OCR_KINDS, extract
from .in_filing import Fill, fills, read_cached, read_checked, read_materials
from .reader import OcrUnavailable, available, read_lines, read_scan

__all__ = ["OCR_KINDS", "Fill", "OcrUnavailable", "available", "extract", "fills", "read_cached", "read_checked",
           "read_lines", "read_materials", "read_scan"]
