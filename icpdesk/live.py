"""Live validation as the user types: the findings of a filing being edited, by field path.

Every update validates the whole filing (about a millisecond; benchmarks/validate.py) and
diffs the result with the last one, so what is shown under a field is always what a full
validation says; there is no second, per-field way into the rules that could drift from it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from .engine import Validator
from .findings import Finding, sort_key
from .model import Filing
from .readings import Reading


def by_path(findings: Iterable[Finding]) -> dict[str, tuple[Finding, ...]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        grouped[f.path].append(f)
    return {p: tuple(sorted(fs, key=sort_key)) for p, fs in grouped.items()}


class LiveFindings:
    """The current findings of one filing; `update` says which paths' findings changed."""

    def __init__(self, validator: Validator) -> None:
        self.validator = validator
        self.findings: list[Finding] = []
        self._by_path: dict[str, tuple[Finding, ...]] = {}

    def update(self, filing: Filing, extra: Iterable[Finding] = (), readings: dict[int, Reading] | None = None,
               filled: dict[str, str] | None = None) -> set[str]:
        """Validate `filing` (plus findings from elsewhere, such as the scans' checks; with what
        OCR read on them) and return the paths whose findings are not what they were."""
        new = sorted(set(self.validator.validate(filing, readings, filled)) | set(extra), key=sort_key)
        grouped = by_path(new)
        changed = {p for p in grouped.keys() | self._by_path.keys() if grouped.get(p) != self._by_path.get(p)}
        self.findings, self._by_path = new, grouped
        return changed

    def at(self, path: str) -> list[Finding]:
        return list(self._by_path.get(path, ()))

    def where(self, keep: Callable[[Finding], bool]) -> list[Finding]:
        return [f for f in self.findings if keep(f)]

    def paths(self) -> set[str]:
        return set(self._by_path)
