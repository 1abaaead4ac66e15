"""Domains (icp-rules.md §3.3, §3.4): syntax and Chinese IDNs through idna, filable suffixes,
reserved suffixes, the registrable domain, home URL, duplicates and per-order limits."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any, Literal

import idna

from ..fieldpaths import get
from ..rulebook import Limit
from .base import Ctx, Hit, NatureCodes, NoParams, Params, Place, SettingKey, check, disputed

_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)


@lru_cache(maxsize=32768)  # every domain of a large order, checked by several rules
def canonical(domain: str) -> tuple[str | None, str]:
    """(unicode lower-case form, problem). IDNs such as 例子.中国 go through UTS 46."""
    d = domain.strip()
    if not d:
        return None, "empty"
    if _SCHEME.match(d) or "/" in d or ":" in d or "@" in d:
        return None, "url"
    d = d.rstrip(".").replace("。", ".")
    if len(d) > 253 or " " in d:
        return None, "syntax"
    try:
        ascii_form = idna.encode(d, uts46=True, std3_rules=True, transitional=False)
        uni = idna.decode(ascii_form)
    except (idna.IDNAError, UnicodeError, ValueError):
        return None, "syntax"
    if "." not in uni:
        return None, "syntax"
    return uni.lower(), ""


def _domains(value: Any) -> list[str]:
    return [d for d in value if isinstance(d, str)] if isinstance(value, list) else []


@check("domain_syntax", returns=("value", "why", "why_en"))
def domain_syntax(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    hits = []
    for j, d in enumerate(_domains(value)):
        canon, problem = canonical(d[:300])
        if canon is None and problem != "empty":
            why = {"url": "只填域名，不要 http://、路径或端口", "syntax": "不是合法的域名"}[problem]
            why_en = {"url": "domain only: no http://, path or port", "syntax": "not a valid domain"}[problem]
            hits.append({"path": f"{path}[{j}]", "value": d.strip()[:60], "why": why, "why_en": why_en})
    return hits


def suffix_of(ctx: Ctx, domain: str) -> str | None:
    """The longest filable suffix (from the province's list) the domain ends with."""
    sets = ctx.memo.get("suffix_sets")
    if sets is None:  # suffixes start with a dot (the settings' type says so): look up by label
        values = ctx.province.values
        sets = ctx.memo["suffix_sets"] = ({s.lower() for s in values.filable_suffixes + values.extra_filable_suffixes},
                                          {s.lower() for s in values.unfilable_suffixes})
    filable, refused = sets
    tails = _tails(domain)
    if any(t in refused for t in tails):
        return None
    return next((t for t in tails if t in filable), None)


def _tails(domain: str) -> list[str]:
    """Every dotted suffix of a domain, longest first: a.b.cn → .a.b.cn, .b.cn, .cn."""
    labels = domain.split(".")
    return ["." + ".".join(labels[i:]) for i in range(len(labels))]


def refused_by_province(ctx: Ctx, domain: str) -> str | None:
    """The suffix of the province's own refusal list the domain ends with (北京: .co, .asia…)."""
    refused = {s.lower() for s in ctx.province.values.unfilable_suffixes}
    return next((t for t in _tails(domain) if t in refused), None)


def _refusal_extra(ctx: Ctx, suffix: str) -> Hit:
    """A province's refusal rests on its own source; where another source lists that suffix as
    filable (北京 .co and .asia: the newer national list), the finding is a warning naming both."""
    setting = ctx.province.setting("unfilable_suffixes")
    if setting is None:
        return {}
    against = [d for d in setting.disputed if isinstance(d.value, list) and suffix in d.value]
    if not against:
        return {"source": setting.source}
    return {"severity": "warning", "source": setting.source + "; 存在冲突 / disputed by " + ", ".join(
        f"{d.source} ({suffix} filable)" for d in against)}


def registrable(ctx: Ctx, domain: str) -> str | None:
    suffix = suffix_of(ctx, domain)
    if suffix is None:
        return None
    head = domain[: -len(suffix)].split(".")
    return f"{head[-1]}{suffix}" if head and head[-1] else None


def _each_canonical(value: Any, path: str):
    for j, d in enumerate(_domains(value)):
        canon, _ = canonical(d[:300])
        if canon:
            yield f"{path}[{j}]", canon


class DomainSuffixParams(Params):
    aspect: Literal["filable", "registrable"]


@check("domain_suffix", DomainSuffixParams, returns=("value", "tld", "province", "registrable"))
def domain_suffix(ctx: Ctx, path: str, value: Any, params: DomainSuffixParams) -> list[Hit]:
    """aspect filable: the suffix is on the list; registrable: a sub-domain was entered."""
    hits = []
    for at, canon in _each_canonical(value, path):
        suffix = suffix_of(ctx, canon)
        if params.aspect == "filable" and suffix is None:
            refused = refused_by_province(ctx, canon)
            extra = _refusal_extra(ctx, refused) if refused else disputed(ctx, "filable_suffixes")
            hits.append({"path": at, "value": canon, "tld": refused or "." + canon.rsplit(".", 1)[-1],
                         "province": ctx.province_label(), **extra})
        elif params.aspect == "registrable" and suffix is not None:
            reg = registrable(ctx, canon)
            gov_sub = canon.endswith(".gov.cn") and reg != canon  # 政府网站的子域名按原样备案 (§3.3)
            if reg and reg != canon and not canon.startswith("www.") and not gov_sub:
                hits.append({"path": at, "value": canon, "registrable": reg})
    return hits


class ReservedSuffixParams(Params):
    suffixes: dict[str, NatureCodes]


@check("reserved_suffix", ReservedSuffixParams, returns=("suffix", "value"))
def reserved_suffix(ctx: Ctx, path: str, value: Any, params: ReservedSuffixParams) -> list[Hit]:
    """Suffixes kept for some natures (.gov.cn, .政务 for government; .公益 for non-profits…)."""
    nature = ctx.filing.principal.nature
    hits = []
    for at, canon in _each_canonical(value, path):
        for suffix, natures in params.suffixes.items():
            if canon.endswith(suffix) and nature not in natures:
                hits.append({"path": at, "suffix": suffix, "value": canon})
                break
    return hits


class NatureSuffixesParams(Params):
    suffixes: dict[str, list[str]]


@check("nature_suffixes", NatureSuffixesParams, returns=("value", "allowed"))
def nature_suffixes(ctx: Ctx, path: str, value: Any, params: NatureSuffixesParams) -> list[Hit]:
    """Some natures must use given suffixes (事业单位 .cn/.公益; 党政机关 .gov.cn/.政务)."""
    allowed = params.suffixes.get(ctx.filing.principal.nature)
    if not allowed:
        return []
    return [{"path": at, "value": canon, "allowed": " ".join(allowed)}
            for at, canon in _each_canonical(value, path)
            if not any(canon.endswith(s) for s in allowed)]


class PersonalSuffixParams(Params):
    setting: SettingKey


@check("personal_suffix", PersonalSuffixParams, returns=("value", "suffix", "province"))
def personal_suffix(ctx: Ctx, path: str, value: Any, params: PersonalSuffixParams) -> list[Hit]:
    banned = ctx.province.value(params.setting) or []
    return [{"path": at, "value": canon, "suffix": s, "province": ctx.province_label(),
             **disputed(ctx, params.setting)}
            for at, canon in _each_canonical(value, path)
            for s in banned if canon.endswith(s)]


@check("duplicate_domains", returns=("value", "other"))
def duplicate_domains(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    seen: dict[str, str] = {}
    hits = []
    for i, site in enumerate(ctx.filing.websites):
        for at, canon in _each_canonical(site.domains, f"websites[{i}].domains"):
            key = registrable(ctx, canon) or canon
            if key in seen:
                hits.append({"path": at, "value": canon, "other": Place(seen[key])})
            else:
                seen[key] = at
    return hits


def url_host(url: str) -> str | None:
    text = _SCHEME.sub("", url.strip())
    host = re.split(r"[/?#]", text, maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0]
    canon, _ = canonical(host[:300]) if host else (None, "")
    return canon


@check("home_url", returns=("value", "domains"))
def home_url(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    if not isinstance(value, str) or not value.strip():
        return []
    site = ctx.filing.websites[int(path.split("[")[1].split("]")[0])]
    doms = [c for _, c in _each_canonical(site.domains, "")]
    host = url_host(value[:500])
    if host is None:
        return [{"value": value.strip()[:80], "domains": "、".join(doms)}]
    if doms and not any(host == d or host.endswith("." + d) for d in doms):
        return [{"value": value.strip()[:80], "domains": "、".join(doms)}]
    return []


@check("home_url_count", returns=("count", "domain", "province"))
def home_url_count(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """One home URL per site (天津, 河北…), or one per domain (江西, 四川, 陕西, 甘肃)."""
    rule = ctx.province.values.home_urls
    if rule is None or value is None:
        return []
    urls = [u for u in [value.home_url, *value.more_home_urls] if u.strip()]
    base = {"province": ctx.province_label(), **disputed(ctx, "home_urls")}
    if rule == "one":
        return [{**base, "count": len(urls), "domain": ""}] if len(urls) > 1 else []
    doms = sorted((c for _, c in _each_canonical(value.domains, "")), key=len, reverse=True)
    per: dict[str, int] = {}
    for url in urls:
        host = url_host(url[:500]) or url.strip()[:80]
        owner = next((d for d in doms if host == d or host.endswith("." + d)), host)
        per[owner] = per.get(owner, 0) + 1
    return [{**base, "count": n, "domain": d} for d, n in per.items() if n > 1]


def _compact_number(text: str | None) -> str:
    return re.sub(r"[\s\-]", "", text or "").upper()


@check("domain_holder_cert", returns=("holder", "principal"))
def domain_holder_cert(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """icp-rules.md §2.1: the principal's certificate is the one the domain's real-name record
    was made with (type, and number where both are given)."""
    if not isinstance(value, str) or not value.strip():
        return []
    p = ctx.filing.principal
    if path.endswith("_cert_type"):
        if p.cert_type and value != p.cert_type and not _rep_holds(ctx, path):
            cats = ctx.catalogues["cert_types"]
            return [{"holder": cats.label(value), "principal": cats.label(p.cert_type)}]
        return []
    if (p.cert_number.strip() and _compact_number(value) != _compact_number(p.cert_number)
            and not _rep_holds(ctx, path)):
        return [{"holder": value.strip()[:24], "principal": p.cert_number.strip()[:24]}]
    return []


def _rep_holds(ctx: Ctx, path: str) -> bool:
    """The unit's legal representative holds the domain: the certificate is his own (whether he
    may hold it is the holder rule's question)."""
    rep = (ctx.filing.principal.legal_representative or "").strip()
    service = get(ctx.filing, path.rsplit(".", 1)[0])
    return bool(rep) and ctx.is_unit and getattr(service, "domain_holder", "").strip() == rep


def _limit(ctx: Ctx, key: str) -> tuple[int | None, Limit | None]:
    """A limit from a list of {max, nature?, unit?, filing_type?} entries: the first that fits."""
    entries: list[Limit] = ctx.province.value(key) or []
    f = ctx.filing
    for e in entries:
        if e.nature is not None and f.principal.nature not in e.nature:
            continue
        if e.unit is not None and e.unit != ctx.is_unit:
            continue
        if e.filing_type is not None and f.filing_type not in e.filing_type:
            continue
        if (e.since is not None and ctx.today < e.since) or (e.until is not None and ctx.today >= e.until):
            continue
        return e.max, e
    return None, None


def site_limit(ctx: Ctx) -> int | None:
    """The province's limit of websites in this order (None: no limit), for showing it early."""
    return _limit(ctx, "max_sites_per_order")[0]


@check("sites_per_order", returns=("count", "max", "province", "note"))
def sites_per_order(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    limit, entry = _limit(ctx, "max_sites_per_order")
    count = len(ctx.filing.websites)
    if limit is not None and count > limit:
        return [{"path": "websites", "count": count, "max": limit, "province": ctx.province_label(),
                 "note": entry.note if entry else "", **disputed(ctx, "max_sites_per_order")}]
    return []


@check("domains_per_site", returns=("count", "max", "province"))
def domains_per_site(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    limit, _ = _limit(ctx, "max_domains_per_site")
    count = len([d for d in _domains(value) if d.strip()])
    if limit is not None and count > limit:
        return [{"count": count, "max": limit, "province": ctx.province_label(),
                 **disputed(ctx, "max_domains_per_site")}]
    return []


class DomainValidityParams(Params):
    aspect: Literal["format", "expired", "remaining"]


@check("domain_validity", DomainValidityParams, returns=("value", "date", "months", "province"))
def domain_validity(ctx: Ctx, path: str, value: Any, params: DomainValidityParams) -> list[Hit]:
    """R3: an expired domain, or less time left than the province wants (§3.3)."""
    from .people import parse_day

    if not isinstance(value, str) or not value.strip():
        return []
    day = parse_day(value[:40])
    aspect = params.aspect
    if not isinstance(day, dt.date):
        return [{"value": value.strip()[:24]}] if aspect == "format" else []
    if aspect == "expired" and day < ctx.today:
        return [{"date": day.isoformat()}]
    months = ctx.province.values.domain_min_valid_months
    if aspect != "remaining" or not months or day < ctx.today:
        return []
    setting = ctx.province.setting("domain_min_valid_months")
    others = [d.value for d in (setting.disputed if setting else []) if isinstance(d.value, int)]
    agreed = min([months, *others])  # 上海 6 (TX) or 3 (HW): below 3 both sources refuse it

    def before(m: int) -> bool:
        return day < ctx.today + dt.timedelta(days=round(30.44 * m))

    base = {"date": day.isoformat(), "province": ctx.province_label()}
    if before(agreed):
        return [{**base, "months": agreed, "source": setting.source if setting else ""}]
    if before(months):
        return [{**base, "months": months, **disputed(ctx, "domain_min_valid_months")}]
    return []


@check("domains_per_order", returns=("count", "max", "province"))
def domains_per_order(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    limit, _ = _limit(ctx, "max_domains_per_order")
    count = sum(len([d for d in w.domains if d.strip()]) for w in ctx.filing.websites)
    if limit is not None and count > limit:
        return [{"path": "websites", "count": count, "max": limit, "province": ctx.province_label(),
                 **disputed(ctx, "max_domains_per_order")}]
    return []
