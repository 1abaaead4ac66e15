"""One exception base, mapped to the contract's exit codes in the command line."""

from __future__ import annotations


class IcpdeskError(Exception):
    """Anything icpdesk reports to the user instead of a traceback."""

    exit_code = 2


class InputError(IcpdeskError):
    """The input could not be read: malformed file, wrong type, unknown key (exit 2)."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.file, self.line, self.field = file, line, field
        where = ":".join(str(p) for p in (file, line) if p is not None)
        parts = [where, f"字段 {field}" if field else "", message]
        super().__init__(" ".join(p for p in parts if p).strip())
        self.detail = message


class RulesError(IcpdeskError):
    """A rule or catalogue file in rules/ is broken: fail loudly at start, naming it."""
