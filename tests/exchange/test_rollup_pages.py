"""The province's roll-up comes in pages, by commune name then id, on the API and on the page: a
province of ~100 communes reads it without one endless table, and no commune is skipped or repeated."""

import json
import re

import pytest

from dieuhanh.exchange import signing
from dieuhanh.exchange.models import SenderKey
from tests.exchange.conftest import logged_in, signed_package
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(province):
    """58 more communes (60 in all); five share one name, so only the id orders them."""
    w = province
    for n in range(53):
        CommuneFactory(parent=w.units["province"], name=f"Ủy ban nhân dân xã Thử {n:02d}")
    for _ in range(5):
        CommuneFactory(parent=w.units["province"], name="Ủy ban nhân dân xã Trùng Tên")
    return w


def _api_pages(w, page_size):
    client = w.client("province_tracker")
    pages, page = [], 1
    while True:
        body = client.get(f"/api/v1/report-packages?period=2026-07&page={page}&page_size={page_size}").json()
        pages.append(body)
        if page * page_size >= body["count"]:
            return pages
        page += 1


def test_the_api_rollup_is_paged_in_a_stable_order(many):
    pages = _api_pages(many, 25)
    assert [len(p["items"]) for p in pages] == [25, 25, 10] and {p["count"] for p in pages} == {60}
    rows = [row["unit"] for p in pages for row in p["items"]]
    assert len({r["id"] for r in rows}) == 60
    assert rows == sorted(rows, key=lambda r: (r["name"], r["id"]))
    assert _api_pages(many, 25) == pages  # asked again: the same pages


def test_a_received_package_shows_on_its_communes_page(many):
    w = many
    unit = w.units["b"]
    key = signing.new_key()
    SenderKey.objects.create(unit=unit, public_key=key[1], key_id=signing.key_id(key[1]))
    package = signed_package(unit, key, tong_so=7, qua_han=2)
    client = w.client("province_tracker")
    assert (
        client.post(
            "/api/v1/report-packages?period=2026-07", json.dumps(package), content_type="application/json"
        ).status_code
        == 201
    )
    rows = [row for p in _api_pages(w, 10) for row in p["items"]]
    [row] = [r for r in rows if r["unit"]["id"] == unit.pk]
    assert row["figures"] == {"tong_so": 7, "qua_han": 2} and row["received"]["package_id"]
    assert [r for r in rows if r["received"]] == [row]


@pytest.mark.parametrize("query", ["page=0", "page_size=0", "page_size=101", "page=x"])
def test_a_bad_page_is_a_vietnamese_400(province, query):
    response = province.client("province_tracker").get(f"/api/v1/report-packages?period=2026-07&{query}")
    assert response.status_code == 400 and response.json()["code"] == "invalid"


def test_the_rollup_page_shows_fifty_communes_a_page_with_a_pager(many):
    client = logged_in(many.people["province_tracker"])
    first = client.get("/goi-bao-cao/?period=2026-07&cutoff=14").content.decode()
    second = client.get("/goi-bao-cao/?period=2026-07&cutoff=14&page=2").content.decode()
    assert first.count('<tr data-unit="') == 50 and second.count('<tr data-unit="') == 10
    assert 'data-testid="pager"' in first and "Trang 1/2" in first
    [next_link] = re.findall(r'<a href="([^"]*)" rel="next"', first)
    assert "period=2026-07" in next_link and "page=2" in next_link
    units = [chunk.split('"')[0] for chunk in (first + second).split('<tr data-unit="')[1:]]
    assert len(set(units)) == 60
    # Out of range: the last page, as on the other lists.
    assert (
        client.get("/goi-bao-cao/?period=2026-07&cutoff=14&page=99").content.decode().count('<tr data-unit="')
        == 10
    )
