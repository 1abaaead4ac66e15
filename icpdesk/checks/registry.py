"""The table of named checks and materials conditions the shipped rules may use.

Explicit on purpose: a check exists for the rules when its module is listed here, not because
something imported it. The rulebook is handed this table (icpdesk/shipped.py) and refuses a
rule that names anything not in it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import ModuleType

from ..rulebook import CheckSpec
from . import across, addresses, apps, cert_numbers, common, contacts, domains, materials, names, ocr, order, people

MODULES: tuple[ModuleType, ...] = (across, addresses, apps, cert_numbers, common, contacts, domains, names, ocr,
                                   order, people)


def _table(modules: tuple[ModuleType, ...]) -> dict[str, CheckSpec]:
    out: dict[str, CheckSpec] = {}
    for module in modules:
        for spec in vars(module).values():
            if isinstance(spec, CheckSpec):
                if spec.name in out and out[spec.name] is not spec:
                    raise RuntimeError(f"check {spec.name!r} defined twice ({module.__name__})")
                out[spec.name] = spec
    return out


CHECKS: Mapping[str, CheckSpec] = _table(MODULES)
CONDITIONS: Mapping[str, Callable[..., bool | None]] = materials.CONDITIONS
