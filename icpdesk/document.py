"""One filing being edited: the single owner of its state.

Pages never write into the filing. Every edit goes through `Document.edit` (one field) or
`Document.replace` (a whole list: websites, APPs, materials), which applies it, runs the
automatic values (autofill), bumps the revision and returns a `Change`: the values before and
after at every path it touched. The change is what undo and redo replay (`apply`), what the
UI refreshes, and what autosave waits for. Export, autosave and review read `snapshot()`, an
independent copy, never the live object and never a re-read file.

Scans' verdicts are kept by file (not by list position) and placed at `materials[i]` with the
filing's provider applied when the findings are computed, so they follow reordering and a
change of provider.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .autofill import autofill
from .engine import Validator
from .fieldpaths import get
from .findings import Finding
from .images.in_filing import at_materials
from .live import LiveFindings
from .model import App, Filing, Person, Preapproval, Website
from .ocr.in_filing import Fill, fills
from .readings import Reading
from .reviews import ReviewComment, ReviewRound, review_findings

_CREATED = {"leader": Person, "preapproval": Preapproval}  # parents an edit may bring into being


@dataclass(frozen=True)
class Change:
    """One user action, as the values before and after at each path it touched."""

    label: str
    before: tuple[tuple[str, Any], ...]
    after: tuple[tuple[str, Any], ...]

    @property
    def paths(self) -> set[str]:
        return {p for p, _ in self.after}


def _set(filing: Filing, path: str, value: Any) -> None:
    """Write `value` at `path` (a deep copy, so the change record stays as it was)."""
    parent_path, _, attr = path.rpartition(".")
    parent = get(filing, parent_path) if parent_path else filing
    if parent is None:
        raise KeyError(path)
    setattr(parent, "for_" if attr == "for" else attr, copy.deepcopy(value))


class Document:
    def __init__(self, filing: Filing | None = None, *, path: Path | None = None,
                 validator: Validator | None = None) -> None:
        self._filing = filing if filing is not None else Filing()
        self.path = path  # the filing file this document is saved to
        base = path.parent if path else None
        given = validator or Validator()
        # the document's own validator: its base folder is this filing's, whatever others do
        self.validator = Validator(given.rulebook, today=given.today, base_dir=base)
        self.live = LiveFindings(self.validator)
        self.revision = 0
        self.saved_revision = 0
        self.scans: dict[str, list[Finding]] = {}  # resolved scan path → the image checks' findings
        # resolved scan path → what OCR read on it; and the fields filled from those readings
        # (path → value written). Memory only: an ID card's text is not saved anywhere.
        self.readings: dict[str, Reading] = {}
        self.filled: dict[str, str] = {}
        self.reviews: list[ReviewRound] = []  # reviewers' rounds of a returned package, with what was resolved
        # the checks across the workspace's filings, when the app has their index
        # (icpdesk/workspace_cross.py CrossIndex.live): this filing's cross findings as it is now
        self.cross: Callable[[Filing], list[Finding]] | None = None

    # --- reading --------------------------------------------------------------------------
    @property
    def filing(self) -> Filing:
        """The live filing, for reading; change it only through `edit` and `replace`."""
        return self._filing

    def value(self, path: str) -> Any:
        return get(self._filing, path)

    def snapshot(self) -> Filing:
        """An independent copy of the filing as it is now (export, autosave, review)."""
        return self._filing.model_copy(deep=True)

    @property
    def dirty(self) -> bool:
        return self.revision != self.saved_revision

    def mark_saved(self, revision: int) -> None:
        """The snapshot taken at `revision` is on disk."""
        self.saved_revision = revision

    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    # --- changing -------------------------------------------------------------------------
    def edit(self, path: str, value: Any, label: str = "") -> Change | None:
        """Set one field; a site leader or pre-approval that does not exist yet is created.
        Returns None when nothing changed (the same value again)."""
        parent_path, _, attr = path.rpartition(".")
        target = path
        if parent_path and get(self._filing, parent_path) is None:
            kind = _CREATED.get(parent_path.rsplit(".", 1)[-1])
            owner = get(self._filing, parent_path.rsplit(".", 1)[0])
            if kind is None or not isinstance(owner, Website | App):
                raise KeyError(path)
            fresh = kind()
            setattr(fresh, "for_" if attr == "for" else attr, value)
            target, value = parent_path, fresh
        return self._change(label or path, [(target, value)])

    def replace(self, path: str, value: Any, label: str) -> Change | None:
        """Set a whole list or object at once (add, duplicate or remove a site, attach a scan)."""
        return self._change(label, [(path, value)])

    def _change(self, label: str, writes: list[tuple[str, Any]]) -> Change | None:
        before_all = self._filing.model_copy(deep=True)
        try:
            for path, value in writes:
                _set(self._filing, path, value)
            filled = autofill(self._filing)
        except Exception:
            self._filing = before_all  # a refused value (validation) leaves the filing as it was
            raise
        paths = list(dict.fromkeys([p for p, _ in writes] + filled))
        before = tuple((p, copy.deepcopy(get(before_all, p))) for p in paths)
        after = tuple((p, copy.deepcopy(get(self._filing, p))) for p in paths)
        if before == after:
            return None
        self.revision += 1
        return Change(label, before, after)

    def apply(self, change: Change, forward: bool = True) -> set[str]:
        """Replay a change (redo) or take it back (undo); returns the paths it touched."""
        values = change.after if forward else tuple(reversed(change.before))
        for path, value in values:
            _set(self._filing, path, value)
        self.revision += 1
        return change.paths

    # --- scans and findings ---------------------------------------------------------------
    def scan_key(self, material_path: str) -> str:
        return str((self.base_dir() / material_path).resolve())

    def set_scan_findings(self, material_path: str, findings: Iterable[Finding]) -> None:
        self.scans[self.scan_key(material_path)] = list(findings)

    def scan_findings(self) -> list[Finding]:
        """Each attached scan's verdict at its `materials[i]`, with the provider applied now."""
        indexed = list(self._by_material(self.scans).items())
        return at_materials(indexed, self._filing.provider, self.validator.rulebook.plan)

    def _by_material(self, table: dict[str, Any]) -> dict[int, Any]:
        """What is kept per scan file (verdicts, readings), placed at `materials[i]`."""
        return {i: table[k] for i, m in enumerate(self._filing.materials)
                if (k := self.scan_key(m.path)) in table}

    # --- what OCR read -------------------------------------------------------------------
    def set_reading(self, material_path: str, reading: Reading) -> None:
        self.readings[self.scan_key(material_path)] = reading

    def readings_by_index(self) -> dict[int, Reading]:
        """The readings placed at `materials[i]` (they follow the file, as the verdicts do)."""
        return self._by_material(self.readings)

    def scan_fills(self, material: int | None = None) -> list[Fill]:
        """The empty fields the readings (of one material, or all) can fill."""
        readings = self.readings_by_index()
        if material is not None:
            readings = {i: r for i, r in readings.items() if i == material}
        return fills(self._filing, readings, self.validator.rulebook)

    def fill_from_scans(self, label: str, material: int | None = None) -> Change | None:
        """Fill the empty fields from the scans in one step (undone as one); each stays marked
        "from the scan" (ocr.filled) while it holds the value written."""
        todo = self.scan_fills(material)
        change = self._change(label, [(f.path, f.value) for f in todo]) if todo else None
        if change is not None:
            self.filled.update({f.path: f.value for f in todo})
        return change

    def revalidate(self) -> set[str]:
        """Validate the whole filing; the paths whose findings changed. The reviewers' comments
        are findings of their own kind (review.comment) at their fields."""
        self.validator.base_dir = self.path.parent if self.path else None
        across = self.cross(self._filing) if self.cross else []
        return self.live.update(self._filing, [*self.scan_findings(), *review_findings(self.reviews), *across],
                                self.readings_by_index() or None, self.filled or None)

    # --- review comments ------------------------------------------------------------------
    def comments_at(self, path: str | None = None) -> list[ReviewComment]:
        """Comments asking for a change, at `path` or anywhere."""
        return [c for r in self.reviews for c in r.needs_change() if path is None or c.path == path]

    def open_comments(self, path: str | None = None) -> list[ReviewComment]:
        """Those not resolved yet."""
        return [c for c in self.comments_at(path) if not c.resolved]

    def resolve(self, path: str, resolved: bool = True, answer: str = "") -> set[str]:
        """Mark every comment at `path` resolved (or open again); saved with the filing."""
        touched = False
        for c in self.comments_at(path):
            if c.resolved != resolved:
                c.resolved, c.answer, touched = resolved, answer if resolved else "", True
        if not touched:
            return set()
        self.revision += 1
        return self.revalidate()

    @property
    def findings(self) -> list[Finding]:
        return self.live.findings

    def counts(self) -> tuple[int, int]:
        """(errors, warnings) of the last validation."""
        errors = sum(f.severity == "error" for f in self.live.findings)
        return errors, sum(f.severity == "warning" for f in self.live.findings)
