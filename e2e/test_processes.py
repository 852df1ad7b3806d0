"""Several server processes on one PostgreSQL behave as one system, and the README's start command
works on SQLite from nothing."""
import os
import subprocess
import tempfile
import uuid

import pytest
import requests

from conftest import DEMO_PASSWORD, Server

ADMIN_URL = os.environ.get("MOTCUA_TEST_POSTGRES_URL")


def sign_in(session, base, login):
    page = session.get(base + "/dang-nhap").text
    token = page.split('name="_csrf" value="')[1].split('"')[0]
    response = session.post(base + "/dang-nhap", data={"_csrf": token, "identifier": login, "password": DEMO_PASSWORD},
                            allow_redirects=False)
    assert response.status_code == 303, response.text


@pytest.mark.skipif(not ADMIN_URL, reason="needs MOTCUA_TEST_POSTGRES_URL (scripts/test sets it)")
def test_two_processes_share_migrations_sessions_and_data():
    name = "motcua_e2e_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", "-q", ADMIN_URL, "-c", f"CREATE DATABASE {name}"], check=True)
    url = ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    directory = tempfile.mkdtemp(prefix="motcua-pg-e2e-")
    env = {"DATABASE_URL": url, "MOTCUA_DEMO": "1"}
    # Both start at once: the advisory lock lets one migrate and seed.
    a = Server(env, os.path.join(directory, "a.log"))
    b = Server(env, os.path.join(directory, "b.log"))
    try:
        a.wait_ready()
        b.wait_ready()
        assert requests.get(a.url + "/api/v1/health").json()["database"] == "postgresql"
        units_a = requests.get(a.url + "/api/v1/units?kind=ward").json()
        units_b = requests.get(b.url + "/api/v1/units?kind=ward").json()
        assert len(units_a) == 45 and units_a == units_b
        # A session made by A is honoured by B, and a CSRF token from A's page works on B.
        session = requests.Session()
        sign_in(session, a.url, "tinh.quantri")
        me = session.get(b.url + "/api/v1/me")
        assert me.status_code == 200 and me.json()["fullName"] == "Nguyễn Văn Quản"
        page = session.get(a.url + "/quan-tri").text
        token = page.split('name="_csrf" value="')[1].split('"')[0]
        response = session.post(b.url + "/api/v1/units", json={"code": "E2E1", "name": "Xã Thử Hai Tiến Trình", "kind": "commune"},
                                headers={"X-CSRF-Token": token})
        assert response.status_code == 201, response.text
        assert any(u["code"] == "E2E1" for u in requests.get(a.url + "/api/v1/units?q=thu hai").json())
        # Signing out on B ends the session for A too.
        session.post(b.url + "/dang-xuat", data={"_csrf": token})
        assert session.get(a.url + "/api/v1/me").status_code == 401
    finally:
        a.stop()
        b.stop()
        subprocess.run(["psql", "-q", ADMIN_URL, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)


def test_openapi_document_is_valid(server):
    from openapi_spec_validator import validate
    document = requests.get(server.url + "/api/v1/openapi.json").json()
    validate(document)
    assert "/api/v1/units/{unitID}" in document["paths"]


def test_problem_details_in_vietnamese(server):
    response = requests.get(server.url + "/api/v1/units/khong-co")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["detail"] == "Không tìm thấy đơn vị."
