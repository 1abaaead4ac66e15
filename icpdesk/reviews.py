"""Reviews of a filing (format icpdesk/review@1): a reviewer's verdicts and comments per field,
material or the whole filing, and a decision; rounds kept as history.

Where they live:
- a *returned package* is the package as received, every member byte for byte, plus
  `review.json` (all rounds, oldest first, with their own digest and the digest of the manifest
  they judged). The manifest is untouched, so its hashes still verify.
- the preparer's workspace keeps the rounds beside the filing (`review.json` there too) with
  what was resolved; a re-export writes them into the new manifest (`reviews`), so the next
  round sees what was answered.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import IcpdeskError
from .fieldpaths import dotted
from .findings import Finding
from .yamlio import bad_text, canonical_digest, load_json

REVIEW = "review.json"
REVIEW_FORMAT = "icpdesk/review@1"
MAX_REVIEW_BYTES = 8 * 1024 * 1024
WHOLE = "filing"  # the path of a comment on the whole filing
RULE = "review.comment"


class ReviewError(IcpdeskError):
    """Review data that cannot be trusted or read (exit 2)."""


review_digest = canonical_digest  # review.json's "digest", computed as the manifest's


class ReviewComment(BaseModel):
    model_config = ConfigDict(extra="forbid")
    path: str = Field(min_length=1, max_length=300)
    verdict: Literal["ok", "needs_change"] = "needs_change"
    text: str = Field("", max_length=4000)
    resolved: bool = False
    answer: str = Field("", max_length=4000)  # what the preparer did about it


class ReviewRound(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reviewer: str = Field(min_length=1, max_length=200)
    time: str = Field(max_length=40)
    decision: Literal["approve", "return"]
    comments: list[ReviewComment] = Field(default_factory=list, max_length=2000)

    def needs_change(self) -> list[ReviewComment]:
        return [c for c in self.comments if c.verdict == "needs_change"]


class ReviewFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: Literal["icpdesk/review@1"]
    package_digest: str = Field("", pattern=r"^([0-9a-f]{64})?$")
    rounds: list[ReviewRound] = Field(default_factory=list, max_length=200)
    digest: str = Field("", pattern=r"^([0-9a-f]{64})?$")


def new_round(reviewer: str, decision: str, comments: list[ReviewComment], *,
              now: dt.datetime | None = None) -> ReviewRound:
    time = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    return ReviewRound(reviewer=reviewer, time=time, decision=decision,  # type: ignore[arg-type]
                       comments=comments)


def review_document(rounds: list[ReviewRound], package_digest: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {"format": REVIEW_FORMAT, "package_digest": package_digest,
                            "rounds": [r.model_dump() for r in rounds]}
    data["digest"] = review_digest(data)
    return data


def parse_rounds(raw: Any, where: str) -> list[ReviewRound]:
    """Rounds from untrusted JSON (a manifest's `reviews`, a workspace's review.json)."""
    if bad_text(raw) is not None:
        raise ReviewError(f"{where} 含无效字符 / invalid text in {where}")
    try:
        return [ReviewRound.model_validate(r) for r in raw]
    except (ValidationError, TypeError) as e:
        first = e.errors(include_url=False)[0] if isinstance(e, ValidationError) else {"loc": (), "msg": str(e)}
        raise ReviewError(f"{where} 结构不对 / {where} does not fit its schema: "
                      f"{dotted(tuple(first['loc']))}: {first['msg']}") from None


def save_reviews(path: Path, rounds: list[ReviewRound]) -> None:
    """The rounds beside a filing (an imported package, a workspace folder), written whole."""
    from .atomic import atomic_write

    atomic_write(path, json.dumps(review_document(rounds), ensure_ascii=False, indent=2).encode("utf-8"))


def load_reviews(path: Path) -> list[ReviewRound]:
    """The rounds saved beside a filing; none when there is no file. A broken one is refused."""
    from .bounded import NotReadable, read_bytes

    if not os.path.lexists(path):
        return []
    try:
        text = read_bytes(path, MAX_REVIEW_BYTES).decode("utf-8")  # never a pipe, never unbounded
    except (NotReadable, UnicodeDecodeError) as e:
        why = e.detail if isinstance(e, NotReadable) else e
        raise ReviewError(f"{path.name} 无法读取 / cannot read {path.name}: {why}") from None
    try:
        data = load_json(text)
    except (ValueError, RecursionError):
        raise ReviewError(f"{path.name} 无法解析 / {path.name} is unreadable") from None
    if not isinstance(data, dict):
        raise ReviewError(f"{path.name} 结构不对 / {path.name} does not fit its schema")
    return parse_rounds(data.get("rounds", []), path.name)


def review_findings(rounds: list[ReviewRound]) -> list[Finding]:
    """Each comment that asks for a change, as a finding at its field (the preparer's view):
    a warning until resolved, then a note."""
    out = []
    for r in rounds:
        for c in r.needs_change():
            done = "（已解决）" if c.resolved else ""
            out.append(Finding(
                rule=RULE, severity="info" if c.resolved else "warning", path=c.path,
                message=f"审阅意见{done}（{r.reviewer}，{r.time[:10]}）：{c.text}",
                message_en=f"Review comment{' (resolved)' if c.resolved else ''} ({r.reviewer}, {r.time[:10]}): "
                           f"{c.text}",
                source=f"审阅 / review by {r.reviewer} {r.time}",
                hint=c.answer or "改好后把这条标记为已解决；下次导出会带上处理情况",
                hint_en=c.answer or "Mark it resolved once changed; the next export carries the answer"))
    return out





def path_problem(filing: Any, path: str) -> str | None:
    """Why a comment cannot be placed at `path` of this filing (None: it can)."""
    import re

    from .fieldpaths import get, known_pattern, owner

    if path == WHOLE:
        return None
    if not known_pattern(re.sub(r"\[\d+\]", "[*]", path)) and not re.fullmatch(r"materials\[\d+\]", path):
        return f"没有这个字段 / no such field: {path!r}"
    section = owner(path)
    if "[" in section and get(filing, section) is None:
        return f"备案里没有 {section} / the filing has no {section}"
    return None
