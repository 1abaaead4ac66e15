"""What the code offers the data: named checks, materials conditions and image rules.

The rulebook never imports the code that implements them; it is handed a `Plugins` table
(icpdesk/shipped.py builds the shipped one) and checks every rule file against it: the check
exists, its parameters fit the check's typed model, every placeholder of the messages is one
the check fills, every materials condition and image rule is known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict

Hit = dict[str, Any]


class Place(str):
    """A hit's placeholder that names another field by its path: messages show it by its label
    in their own language (网站2负责人的联系方式1 / Contact 1 of the leader of Website 2), never
    as the internal path."""
# Keys of a hit that steer the finding rather than fill a message.
CONTROL_KEYS = frozenset({"path", "severity", "source"})


@dataclass(frozen=True)
class Ref:
    """Marks a parameter whose value must name something that exists: a setting key
    (`setting`), a catalogue (`catalogue`), codes of a catalogue (`code:<catalogue>`) or a
    field path of the filing model (`path`). Used as `Annotated[str, Ref("setting")]`."""

    kind: str


class NoParams(BaseModel):
    # validators built on first validation: a start from the rules snapshot needs none
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Params(BaseModel):
    """Base of every check's parameter model: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


@dataclass(frozen=True)
class CheckSpec:
    """A named check: `fn(ctx, path, value, params) -> hits`, its parameter model and the
    placeholders its hits fill (what a rule's message may use)."""

    name: str
    fn: Callable[..., Iterable[Hit] | None]
    params: type[BaseModel] = NoParams
    returns: frozenset[str] = field(default_factory=frozenset)
    # the validation input without which the check can find nothing ("readings": what OCR read,
    # "filled": fields filled from scans); the engine does not call it when that input is absent
    needs: str | None = None

    def __call__(self, ctx: Any, path: str, value: Any, params: Any) -> Iterable[Hit] | None:
        return self.fn(ctx, path, value, params)


@dataclass(frozen=True)
class Plugins:
    checks: Mapping[str, CheckSpec]
    conditions: Mapping[str, Callable[..., bool | None]]
    # image rule id -> the placeholders the image code fills for it
    image_rules: Mapping[str, frozenset[str]]
