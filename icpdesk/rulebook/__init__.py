"""The rules as data: schema, typed settings, the bibliography and the loader.

This layer knows nothing of the code that runs the rules: the named checks, materials
conditions and image rules arrive as a `Plugins` table (see icpdesk/shipped.py).
"""

from .loader import Province, Rulebook, placeholders
from .plandata import ImageLimits, ImageVariant, MaterialIf, MaterialItem, PlanData, limits_key
from .plugins import CONTROL_KEYS, CheckSpec, Hit, NoParams, Params, Place, Plugins, Ref
from .schema import Rule, Setting, Severity, When, applies, provider_hint, service_applies, service_of
from .settings import Limit, SettingValues, SoleProprietor
from .sources import Bibliography, Source

__all__ = ["CONTROL_KEYS", "Bibliography", "CheckSpec", "Hit", "ImageLimits", "ImageVariant", "Limit", "MaterialIf",
           "MaterialItem", "NoParams", "Params", "Place", "PlanData", "Plugins", "Province", "Ref", "Rule",
           "Rulebook", "Setting", "SettingValues", "Severity", "SoleProprietor", "Source", "When",
           "applies", "limits_key", "placeholders", "provider_hint", "service_applies", "service_of"]
