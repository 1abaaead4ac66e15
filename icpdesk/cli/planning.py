"""`icpdesk plan`, `icpdesk filing-type` and `icpdesk rules`: what an order needs and the rules in force."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..errors import InputError
from .base import _common, _folder_of, _out


def cmd_plan(args: argparse.Namespace) -> int:
    from ..engine import Validator
    from ..fileio import load_filing
    from ..plan import make_plan, render_plan

    path = Path(args.filing)
    filing = load_filing(path)
    plan = make_plan(filing, Validator(today=args.today, base_dir=_folder_of(path)))
    if args.json:
        _out(json.dumps(plan, ensure_ascii=False, indent=2) + "\n")
    else:
        _out(render_plan(plan, args.lang))
    return 0 if plan["ok"] else 1


def cmd_filing_type(args: argparse.Namespace) -> int:
    from ..filing_types import Situation, decide
    from ..shipped import default_rulebook

    situation = Situation(service=args.service, action=args.action, principal_filed=args.principal_filed,
                          principal_here=args.principal_here, service_filed=args.service_filed)
    d = decide(situation, default_rulebook().catalogues)
    if args.json:
        _out(json.dumps(d.model_dump(), ensure_ascii=False, indent=2) + "\n")
    else:
        en = args.lang == "en"
        _out(f"{d.en if en else d.zh} ({d.code})\n{d.explain_en if en else d.explain}\n"
             + "".join(f"! {w}\n" for w in d.warnings))
    return 1 if d.warnings else 0


def cmd_rules(args: argparse.Namespace) -> int:
    """What a verdict rests on: every rule in force for a province, what overrides what, and why."""
    from ..shipped import default_rulebook

    rb = default_rulebook()
    if args.province and rb.catalogues.province(args.province) is None:
        raise InputError(f"未知的省份 / unknown province {args.province!r}; "
                         f"choose from {'、'.join(rb.catalogues['provinces'].codes)}")
    from ..rules_listing import listing, render

    data = listing(rb, rb.province(args.province))
    if args.json:
        _out(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        return 0
    _out(render(data, args.lang == "en"))
    return 0


def register(sub: Any, kind_help: str) -> None:
    """This module's commands on the `icpdesk` parser."""
    pl = _common(sub.add_parser("plan", help="备案类型、材料清单和短信核验计划 / filing type, materials, SMS plan"),
                 today=True)
    pl.add_argument("filing")
    ru = _common(sub.add_parser("rules", help="某省现行的规则及其依据 / the rules in force, with sources"))
    ru.add_argument("--province", default="", help="省份，如 浙江（默认：全国规则）/ e.g. 浙江 (default: national)")
    ft = _common(sub.add_parser("filing-type", help="由几个问题判断备案类型 / decide the filing type from questions"))
    ft.add_argument("--service", choices=["website", "app"], default="website")
    ft.add_argument("--action", default="new", choices=["new", "change_principal", "change_service",
                    "change_access", "cancel_principal", "cancel_service", "cancel_access"])
    ft.add_argument("--principal-filed", action="store_true", help="主体已备案 / the principal is filed")
    ft.add_argument("--principal-here", action="store_true", help="主体在本接入商备案 / filed with this provider")
    ft.add_argument("--service-filed", action="store_true", help="域名/APP已备案 / the domain or APP is filed")
