"""Ukraine's oblast outlines for the choropleth, read from the ``pygal-maps-ua`` package data.

Sits under ``analysis.choropleth``: the package ships a 27-region SVG derived from
geoBoundaries (UKR ADM1, CC BY 4.0). pygal's own renderer breaks beside lxml, so the file is
parsed here with the standard library and its paths are re-emitted, keyed by ISO 3166-2 code.
Longitude/latitude are projected into the SVG's 1200x800 frame (the outlines are in Web
Mercator): the constants were fitted on the centres of the 25 oblasts' extents (outline against
GeoNames settlements in the oblast), residual about 4 px at this scale.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

ATTRIBUTION = ("Boundaries: geoBoundaries (UKR ADM1, CC BY 4.0), via the pygal-maps-ua package; "
               "settlement coordinates: GeoNames (CC BY 4.0).")
CREDIT_LINES = ("Boundaries: geoBoundaries UKR ADM1 (CC BY 4.0)", "via pygal-maps-ua; points: GeoNames")
SVG_NS = "{http://www.w3.org/2000/svg}"
WIDTH, HEIGHT = 1200, 800

#: pygal-maps-ua region keys → ISO 3166-2:UA codes (the codes carewatch stores).
ISO_OF_KEY: dict[str, str] = {
    "cherkasy": "UA-71", "chernihiv": "UA-74", "chernivtsi": "UA-77", "crimea": "UA-43",
    "dnipropetrovsk": "UA-12", "donetsk": "UA-14", "ivano-frankivsk": "UA-26", "kharkiv": "UA-63",
    "kherson": "UA-65", "khmelnitskyi": "UA-68", "kirovohrad": "UA-35", "kyiv": "UA-32",
    "kyivcity": "UA-30", "luhansk": "UA-09", "lviv": "UA-46", "mykolaiv": "UA-48", "odesa": "UA-51",
    "poltava": "UA-53", "rivne": "UA-56", "sevastopolcity": "UA-40", "sumy": "UA-59",
    "ternopil": "UA-61", "vinnytsia": "UA-05", "volyn": "UA-07", "zakarpattia": "UA-21",
    "zaporizhzhia": "UA-23", "zhytomir": "UA-18",
}

# x = LON_A * lon + LON_B; y = LAT_A * mercator(lat) + LAT_B (least squares over oblast centres).
LON_A, LON_B = 65.4747, -1440.225
LAT_A, LAT_B = -3753.549, 4047.314

_TOKEN = re.compile(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class Region:
    """One oblast outline: its code, the SVG path data and transforms, and its extent."""

    iso: str
    key: str
    paths: tuple[tuple[str, str], ...]  # (d, transform)
    bbox: tuple[float, float, float, float]  # min x, min y, max x, max y

    @property
    def centre(self) -> tuple[float, float]:
        return (self.bbox[0] + self.bbox[2]) / 2, (self.bbox[1] + self.bbox[3]) / 2


def _translate(transform: str) -> tuple[float, float]:
    nums = [float(n) for n in re.findall(r"-?\d+\.?\d*", transform)] if transform.startswith("translate") else []
    return (nums[0], nums[1] if len(nums) > 1 else 0.0) if nums else (0.0, 0.0)


def path_points(d: str) -> list[tuple[float, float]]:
    """The end points of a path's segments (enough for extents; curves' control points ignored)."""
    pts: list[tuple[float, float]] = []
    x = y = sx = sy = 0.0
    cmd, args = "", list[float]()
    arity = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "z": 0}
    for tok in [*_TOKEN.findall(d), "Z"]:
        if tok.isalpha():
            cmd, args = tok, []
            if cmd in "zZ":
                x, y = sx, sy
            continue
        args.append(float(tok))
        if len(args) < arity.get(cmd.lower(), 2):
            continue
        rel, low = cmd.islower(), cmd.lower()
        if low == "h":
            x = args[0] + (x if rel else 0)
        elif low == "v":
            y = args[0] + (y if rel else 0)
        else:
            x, y = (args[-2] + x, args[-1] + y) if rel else (args[-2], args[-1])
        if low == "m":
            sx, sy = x, y
            cmd = "l" if rel else "L"
        pts.append((x, y))
        args = []
    return pts


def _bbox(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


@lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    """The 27 outlines keyed by ISO code (parsed once per process)."""
    raw = resources.files("pygal_maps_ua").joinpath("UKR-ADM1_simplified.Svg").read_text(encoding="utf-8")
    root = ET.fromstring(raw)  # noqa: S314 - package data shipped with an installed dependency
    found: dict[str, list[tuple[str, str]]] = {}
    points: dict[str, list[tuple[float, float]]] = {}
    for g in root.iter(f"{SVG_NS}g"):
        cls = (g.get("class") or "").split()
        key = next((c[3:] for c in cls if c.startswith("ua_")), None)
        if key is None or key not in ISO_OF_KEY:
            continue
        transform = g.get("transform") or ""
        dx, dy = _translate(transform)
        for p in g.iter(f"{SVG_NS}path"):
            d = p.get("d") or ""
            found.setdefault(key, []).append((d, transform))
            points.setdefault(key, []).extend((x + dx, y + dy) for x, y in path_points(d))
    return {ISO_OF_KEY[k]: Region(ISO_OF_KEY[k], k, tuple(v), _bbox(points[k])) for k, v in found.items()}


def project(lon: float, lat: float) -> tuple[float, float]:
    """Longitude/latitude (WGS84) to the outline SVG's coordinates."""
    merc = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return LON_A * lon + LON_B, LAT_A * merc + LAT_B


def inside_frame(x: float, y: float) -> bool:
    return 0 <= x <= WIDTH and 0 <= y <= HEIGHT
