"""An Open311 GeoReport v2 client written from the specification (wiki.open311.org/GeoReport_v2),
not from MotCua's code: it reads service discovery, the service list and a definition in XML and
JSON, posts a request with an API key the hotline operator issued herself, and reads it back by id,
by token, with the list filters and through the `servicerequestupdates` extension."""
import datetime
import json
import re
import xml.etree.ElementTree as ET

import requests

from conftest import DEMO_PASSWORD
from test_processes import sign_in as sign_in_session

REQUEST_FIELDS = {"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
                  "address", "address_id", "zipcode", "lat", "long", "media_url"}


def api_key(server):
    """The hotline operator issues herself a key scoped to her hotline role, through her account page."""
    web = requests.Session()
    page = web.get(server.url + "/dang-nhap").text
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    web.post(server.url + "/dang-nhap", data={"_csrf": csrf, "identifier": "tinh.tongdai", "password": DEMO_PASSWORD})
    page = web.get(server.url + "/tai-khoan/khoa-api").text
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    issued = web.post(server.url + "/tai-khoan/khoa-api", data={"_csrf": csrf, "name": "Ứng dụng Góp ý Hải Phòng", "scope": "hotline"}).text
    return re.search(r'id="khoa-moi">(mct_[a-z0-9]+)<', issued).group(1)


def review(server, code):
    """The ward's one-stop officer classifies the request: the unit has now looked at it."""
    officer = requests.Session()
    sign_in_session(officer, server.url, "hongbang.tiepnhan1")
    token = officer.get(server.url + "/ho-so").text.split('name="_csrf" value="')[1].split('"')[0]
    item = next(row for row in officer.get(server.url + "/api/v1/feedback/items", params={"box": "new"}).json() if row["code"] == code)
    response = officer.post(f"{server.url}/api/v1/feedback/items/{item['id']}/actions/classify", json={"kind": "other"},
                            headers={"X-CSRF-Token": token})
    assert response.status_code == 200, response.text


def iso(text):
    """Dates must be ISO 8601 with a time zone."""
    value = datetime.datetime.fromisoformat(text)
    assert value.tzinfo is not None, text
    return value


def test_geo_report_v2_client(server):
    base = server.url + "/open311/v2/"
    discovery = ET.fromstring(requests.get(base + "discovery.xml").content)
    endpoint = discovery.find("endpoints/endpoint")
    assert endpoint.findtext("specification") == "http://wiki.open311.org/GeoReport_v2"
    assert "text/xml" in [f.text for f in endpoint.findall("formats/format")]
    assert json.loads(requests.get(base + "discovery.json").text)["endpoints"][0]["url"].endswith("/open311/v2/")

    # One jurisdiction: jurisdiction_id may be left out.
    xml_services = ET.fromstring(requests.get(base + "services.xml").content)
    assert xml_services.tag == "services"
    codes = [s.findtext("service_code") for s in xml_services.findall("service")]
    json_services = requests.get(base + "services.json").json()
    assert codes == [s["service_code"] for s in json_services] and "ha-tang-do-thi" in codes
    for service in json_services:
        assert service["type"] in {"realtime", "batch", "blackbox"} and service["metadata"] in {True, False}
        assert set(service) >= {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
    definition = ET.fromstring(requests.get(base + "services/ha-tang-do-thi.xml").content)
    assert definition.findtext("service_code") == "ha-tang-do-thi"
    attributes = {a.findtext("code"): a for a in definition.findall("attributes/attribute")}
    for attribute in attributes.values():
        assert attribute.findtext("variable") in {"true", "false"}
        assert attribute.findtext("datatype") in {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}
    units = {v.findtext("name"): v.findtext("key") for v in attributes["don_vi"].findall("values/value")}
    unit = units["Phường Hồng Bàng"]
    assert requests.get(base + "services/khong-co.xml").status_code == 404

    # POST Service Request: form-urlencoded, API key required.
    form = {"service_code": "ha-tang-do-thi", "lat": "20.8611", "long": "106.6830", "address_string": "Số 3 Điện Biên Phủ",
            "description": "Cây đổ chắn ngang vỉa hè sau mưa bão <khẩn>", "first_name": "Minh", "last_name": "Hoàng",
            "email": "minh.hoang@example.vn", f"attribute[don_vi]": unit, "attribute[muc_do]": "nghiem_trong"}
    refused = requests.post(base + "requests.xml", data=form)
    assert refused.status_code == 403 and ET.fromstring(refused.content).tag == "errors"
    key = api_key(server)
    posted = requests.post(base + "requests.xml", data={**form, "api_key": key})
    assert posted.status_code in (200, 201), posted.text
    created = ET.fromstring(posted.content).find("request")
    request_id, token = created.findtext("service_request_id"), created.findtext("token")
    assert request_id and created.findtext("service_notice")
    missing = requests.post(base + "requests.json", data={"api_key": key, "lat": "20.8", "long": "106.7"})
    assert missing.status_code == 400 and missing.json()[0]["code"] == 400 and missing.json()[0]["description"]

    # Before the unit has looked at it, the request is not listed, and by id it shows no text or place.
    hidden = ET.fromstring(requests.get(base + f"requests/{request_id}.xml").content).find("request")
    assert hidden.findtext("status") == "open" and not hidden.findtext("description") and not hidden.findtext("lat")
    assert request_id not in [r["service_request_id"] for r in requests.get(base + "requests.json").json()]
    review(server, request_id)

    # GET Service Request, in both formats, with every field of the specification.
    one_xml = ET.fromstring(requests.get(base + f"requests/{request_id}.xml").content)
    request = one_xml.find("request")
    assert {child.tag for child in request} >= REQUEST_FIELDS - {"service_notice"}
    assert request.findtext("status") == "open" and request.findtext("service_code") == "ha-tang-do-thi"
    assert request.findtext("description") == "Cây đổ chắn ngang vỉa hè sau mưa bão <khẩn>"
    assert request.findtext("agency_responsible") == "Phường Hồng Bàng"
    assert "minh.hoang" not in ET.tostring(one_xml, encoding="unicode")
    requested, expected = iso(request.findtext("requested_datetime")), iso(request.findtext("expected_datetime"))
    assert expected > requested
    one_json = requests.get(base + f"requests/{request_id}.json").json()
    assert isinstance(one_json, list) and one_json[0]["service_request_id"] == request_id
    assert float(one_json[0]["lat"]) == 20.8611 and one_json[0]["expected_datetime"] == request.findtext("expected_datetime")

    # GET service_request_id from a token.
    assert requests.get(base + f"tokens/{token}.json").json()[0]["service_request_id"] == request_id

    # GET Service Requests with the specification's filters.
    listed = requests.get(base + "requests.json", params={"service_code": "ha-tang-do-thi", "status": "open"}).json()
    assert request_id in [r["service_request_id"] for r in listed]
    assert request_id not in [r["service_request_id"] for r in requests.get(base + "requests.json", params={"status": "closed"}).json()]
    start = (requested - datetime.timedelta(minutes=1)).isoformat()
    end = (requested + datetime.timedelta(minutes=1)).isoformat()
    window = requests.get(base + "requests.xml", params={"start_date": start, "end_date": end})
    assert request_id in [r.findtext("service_request_id") for r in ET.fromstring(window.content).findall("request")]
    too_long = requests.get(base + "requests.json", params={"start_date": "2026-01-01T00:00:00+07:00", "end_date": "2026-12-31T00:00:00+07:00"})
    assert too_long.status_code == 400
    by_ids = requests.get(base + "requests.json", params={"service_request_id": f"{request_id},KHONG-CO", "status": "closed"}).json()
    assert [r["service_request_id"] for r in by_ids] == [request_id]

    # mySociety's update history extension.
    updates = requests.get(base + "servicerequestupdates.json", params={"start_date": start}).json()
    mine = [u for u in updates if u["service_request_id"] == request_id]
    assert mine and mine[0]["status"] == "open" and iso(mine[0]["updated_datetime"])
    assert set(mine[0]) >= {"update_id", "service_request_id", "status", "updated_datetime", "description", "media_url"}
