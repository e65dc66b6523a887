"""The packaged oblast outlines and the lon/lat projection onto them."""

from __future__ import annotations

import pytest

from carewatch.analysis import mapdata

CITIES = [("Melitopol", 35.37, 46.85, "UA-23"), ("Kherson", 32.62, 46.64, "UA-65"), ("Lviv", 24.03, 49.84, "UA-46"),
          ("Mariupol", 37.55, 47.10, "UA-14"), ("Luhansk", 39.30, 48.57, "UA-09"),
          ("Simferopol", 34.10, 44.95, "UA-43"), ("Kyiv", 30.52, 50.45, "UA-30"), ("Uzhhorod", 22.29, 48.62, "UA-21"),
          ("Chernihiv", 31.29, 51.50, "UA-74"), ("Odesa", 30.73, 46.48, "UA-51")]


def test_all_27_regions_with_iso_codes() -> None:
    regions = mapdata.regions()
    assert len(regions) == 27
    assert set(regions) == set(mapdata.ISO_OF_KEY.values())
    for reg in regions.values():
        x0, y0, x1, y1 = reg.bbox
        assert 0 <= x0 < x1 <= mapdata.WIDTH and 0 <= y0 < y1 <= mapdata.HEIGHT


@pytest.mark.parametrize(("name", "lon", "lat", "iso"), CITIES)
def test_known_cities_fall_inside_their_oblast(name: str, lon: float, lat: float, iso: str) -> None:
    x, y = mapdata.project(lon, lat)
    x0, y0, x1, y1 = mapdata.regions()[iso].bbox
    assert x0 <= x <= x1 and y0 <= y <= y1, name


def test_path_points_follows_relative_and_absolute_commands() -> None:
    pts = mapdata.path_points("m10 10l5 0 0 5h-5v-5zM100 100L110 110")
    assert pts[:4] == [(10, 10), (15, 10), (15, 15), (10, 15)]
    assert (100, 100) in pts and (110, 110) in pts
    assert mapdata.path_points("m1.5.5l.5-.5") == [(1.5, 0.5), (2.0, 0.0)]
