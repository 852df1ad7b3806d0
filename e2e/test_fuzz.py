"""Bounded fuzzing, on a server of its own:
- schemathesis against /api/v1/openapi.json (fixed seed, a time budget), signed in as the province
  administrator, on SQLite and on PostgreSQL: no 5xx, and every answer matches the document
  (status code, content type, headers, body schema);
- seeded random hostile requests (bodies, headers, paths, encodings) to the public HTML pages
  over a raw socket: every one answered below 500, and the process still answers at the end."""
import os
import random
import subprocess
import sys
import tempfile
import uuid

import pytest
import requests

from conftest import Server
from test_hostile import alive, raw
from test_processes import sign_in

ADMIN_URL = os.environ.get("MOTCUA_TEST_POSTGRES_URL")
SEED = int(os.environ.get("MOTCUA_FUZZ_SEED", "20261207"))
BUDGET = os.environ.get("MOTCUA_FUZZ_SECONDS", "120")
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance"


def fuzz_server(env, directory):
    return Server({**env, "MOTCUA_DEMO": "1", "MOTCUA_DEMO_HISTORY": "100", "MOTCUA_FILES_PATH": os.path.join(directory, "files")},
                  os.path.join(directory, "server.log")).wait_ready()


def run_schemathesis(server, directory):
    session = requests.Session()
    sign_in(session, server.url, "tinh.quantri")
    token = session.get(server.url + "/tai-khoan").text.split('name="_csrf" value="')[1].split('"')[0]
    command = [sys.executable, "-m", "schemathesis.cli", "run", server.url + "/api/v1/openapi.json", "--url", server.url,
               "-H", "Cookie: motcua-session=" + session.cookies.get("motcua-session"), "-H", "X-CSRF-Token: " + token,
               "--checks", CHECKS, "--seed", str(SEED), "--max-examples", "25", "--max-time", BUDGET, "--workers", "2",
               "--no-color", "--report", "junit", "--report-junit-path", os.path.join(directory, "schemathesis.xml")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=int(BUDGET) + 300)
    summary = result.stdout[-6000:]
    assert result.returncode == 0, summary
    assert " generated" in summary
    alive(server)


def test_schemathesis_sqlite():
    directory = tempfile.mkdtemp(prefix="motcua-fuzz-")
    server = fuzz_server({"MOTCUA_SQLITE_PATH": os.path.join(directory, "motcua.sqlite")}, directory)
    try:
        run_schemathesis(server, directory)
    finally:
        server.stop()


@pytest.mark.skipif(not ADMIN_URL, reason="needs MOTCUA_TEST_POSTGRES_URL (scripts/test sets it)")
def test_schemathesis_postgres():
    directory = tempfile.mkdtemp(prefix="motcua-fuzz-pg-")
    name = "motcua_fuzz_" + uuid.uuid4().hex[:10]
    subprocess.run(["psql", "-q", ADMIN_URL, "-c", f"CREATE DATABASE {name}"], check=True)
    server = fuzz_server({"DATABASE_URL": ADMIN_URL.rsplit("/", 1)[0] + "/" + name}, directory)
    try:
        run_schemathesis(server, directory)
    finally:
        server.stop()
        subprocess.run(["psql", "-q", ADMIN_URL, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)


PAGES = ["/", "/thu-tuc", "/thu-tuc/1.001612", "/tra-cuu", "/phan-anh", "/phan-anh/tra-loi", "/dang-nhap", "/dang-ky",
         "/xep-hang/10301008", "/xep-hang/10301008/bang", "/xep-hang/10301008/lay-so", "/phan-anh/PA-1/bo-sung", "/danh-gia"]
METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "PROPFIND", "G\x00T"]
CONTENT_TYPES = ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=latin1", "multipart/form-data; boundary=x",
                 'multipart/form-data; boundary="a b"', "multipart/form-data; boundary=" + "b" * 71, "application/json", "text/plain",
                 "application/xml", "*/*", ";;;", "multipart/mixed", "application/x-www-form-urlencoded" + "; a=b" * 200]


NAMES = ["q", "ma", "tiep", "trang", "a[b][c]", "_csrf", "sdt"]
VALUES = ["%zz", "%c0%af", "%00", "%ff%fe", "..%2f..%2fetc%2fpasswd", "%E1%BA%A1", "\u1ea1", "<script>", "1e999", "-1"]


def hostile_path(rng):
    page = rng.choice(PAGES)
    kind = rng.randrange(8)
    if kind == 0:
        pairs = [(rng.choice(NAMES), rng.choice(VALUES)) for _ in range(rng.randrange(1, 40))]
        return page + "?" + "&".join(f"{name}={value}" for name, value in pairs)
    if kind == 1:
        return page + "/" + "".join(rng.choice("%/.;\\~!$&'()*+,=@") for _ in range(rng.randrange(1, 60)))
    if kind == 2:
        return page + "/" + bytes(rng.randrange(0x80, 0x100) for _ in range(rng.randrange(1, 30))).decode("latin1")
    if kind == 3:
        return page + "?q=" + "A" * rng.randrange(1, 4000)
    if kind == 4:
        return "//" + page.lstrip("/") + "/%2e%2e/%2e%2e"
    if kind == 5:
        return page + "?" + "x=1&" * rng.randrange(100, 3000)
    if kind == 6:
        return page.upper()
    return page + "#" + "x" * rng.randrange(1, 50)


def hostile_body(rng):
    kind = rng.randrange(6)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 5000)))
    if kind == 1:
        return "&".join(f"{rng.choice(['identifier', 'password', '_csrf', 'noi_dung', 'a[][]', '%', '=', 'x' * 300])}={'B' * rng.randrange(0, 900)}"
                        for _ in range(rng.randrange(1, 400))).encode()
    if kind == 2:
        return b"--x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"../../a\"\r\n\r\n" + b"\x00" * rng.randrange(0, 3000) + rng.choice([b"\r\n--x--\r\n", b"", b"--x"])
    if kind == 3:
        return ("{" * rng.randrange(1, 5000)).encode()
    if kind == 4:
        return "họ_tên=Nguyễn Văn A".encode("utf-16") * rng.randrange(1, 50)
    return b""


def hostile_request(rng, host):
    method = rng.choice(METHODS)
    path = hostile_path(rng)
    body = hostile_body(rng) if method not in ("GET", "HEAD") or rng.random() < 0.2 else b""
    headers = [f"Host: {host}"]
    if body or rng.random() < 0.3:
        headers.append("Content-Type: " + rng.choice(CONTENT_TYPES))
    length = rng.randrange(5)
    if length == 0:
        headers.append("Transfer-Encoding: chunked")
        body = b"%x\r\n" % len(body) + body + b"\r\n" + rng.choice([b"0\r\n\r\n", b"zz\r\n"])
    elif length == 1:
        headers.append(f"Content-Length: {max(0, len(body) - 3)}")
    else:
        headers.append(f"Content-Length: {len(body)}")
    for _ in range(rng.randrange(3)):
        headers.append(rng.choice(["Cookie: motcua-session=" + "x" * rng.randrange(1, 5000), "Accept-Language: " + "vi," * 500,
                                   "X-Forwarded-For: 1.2.3.4, " + "9" * 300, "Referer: javascript:alert(1)", "Accept: text/html\x7f",
                                   "X-CSRF-Token: ' OR 1=1 --", "Range: bytes=0-0,-1,5-", "Expect: 100-continue"]))
    return f"{method} {path} HTTP/1.1\r\n".encode("latin1", "replace") + "\r\n".join(headers).encode("latin1", "replace") + b"\r\n\r\n" + body


def test_random_hostile_requests_on_public_pages(server):
    rng = random.Random(SEED)
    answers = {}
    for index in range(500):
        request = hostile_request(rng, f"127.0.0.1:{server.port}")
        status = raw(server, request, timeout=3)
        answers[status] = answers.get(status, 0) + 1
        assert status is None or status < 500, f"request {index} (seed {SEED}) answered {status}: {request[:300]!r}"
    alive(server)
    assert sum(count for status, count in answers.items() if status is not None) > 250, answers
