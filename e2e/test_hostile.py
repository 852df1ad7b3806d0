"""Hostile requests to the real server, over its own HTTP parser: malformed multipart bodies,
overlong paths and headers, broken framing, bodies larger than a route takes, an open redirect
after sign-in. Each is answered below 500 (or the connection is closed), and the process goes on
answering."""
import socket

import pytest
import requests

from conftest import DEMO_PASSWORD
from test_processes import sign_in as sign_in_session


def raw(server, data, timeout=5, finished=False):
    """Sends bytes as they are and returns the status code of the answer (None: closed, or no answer
    within `timeout`). `finished`: the client then half-closes its side, which ends the exchange
    at once (the server closes a connection whose client stopped sending, without answering)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as connection:
        connection.sendall(data)
        if finished:
            try:
                connection.shutdown(socket.SHUT_WR)
            except OSError:
                pass
        answer = b""
        try:
            while len(answer) < 64 and b"\r\n" not in answer:
                chunk = connection.recv(4096)
                if not chunk:
                    break
                answer += chunk
        except (ConnectionResetError, socket.timeout):
            pass
    if not answer.startswith(b"HTTP/1.1 "):
        return None
    return int(answer[9:12])


def alive(server):
    assert server.process.poll() is None, "the server process ended"
    assert requests.get(server.url + "/api/v1/health", timeout=5).status_code == 200


MULTIPART = b"--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n"
HOSTILE = {
    "empty boundary": b"POST /phan-anh HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/form-data; boundary=\r\nContent-Length: %d\r\n\r\n" % len(MULTIPART) + MULTIPART,
    "empty boundary to the API": b"POST /api/v1/dossiers HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/form-data; boundary=\r\nContent-Length: %d\r\n\r\n" % len(MULTIPART) + MULTIPART,
    "no boundary": b"POST /dang-nhap HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/form-data\r\nContent-Length: %d\r\n\r\n" % len(MULTIPART) + MULTIPART,
    "segment of 300 bytes": b"GET /" + b"a" * 300 + b" HTTP/1.1\r\nHost: a\r\n\r\n",
    "static file name of 300 bytes": b"GET /css/" + b"a" * 300 + b".css HTTP/1.1\r\nHost: a\r\n\r\n",
    "path of 10,000 bytes": b"GET " + b"/ab" * 3400 + b" HTTP/1.1\r\nHost: a\r\n\r\n",
    "NUL in the path": b"GET /thu-tuc/%00 HTTP/1.1\r\nHost: a\r\n\r\n",
    "invalid UTF-8 in the path": b"GET /tra-cuu/%FF%FE HTTP/1.1\r\nHost: a\r\n\r\n",
    "invalid UTF-8 in the query": b"GET /thu-tuc?q=%FF%FE%C3 HTTP/1.1\r\nHost: a\r\n\r\n",
    "garbage": b"\x00\x01\x02GARBAGE\r\n\r\n",
    "unknown method": b"BREW /pot HTTP/1.1\r\nHost: a\r\n\r\n",
    "header without a colon": b"GET / HTTP/1.1\r\nHost a\r\n\r\n",
    "header of 100 KB": b"GET / HTTP/1.1\r\nHost: a\r\nX-Long: " + b"x" * 100_000 + b"\r\n\r\n",
    "both Content-Length and chunked": b"POST /dang-nhap HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "bad chunk size": b"POST /dang-nhap HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nZZ\r\nab\r\n0\r\n\r\n",
    "negative Content-Length": b"POST /dang-nhap HTTP/1.1\r\nHost: a\r\nContent-Length: -5\r\n\r\n",
    "body shorter than announced": b"POST /dang-nhap HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\na=b",
    "urlencoded form with broken escapes": b"POST /dang-nhap HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 17\r\n\r\n_csrf=%ZZ&a=%C3%2",
    "JSON that is not JSON": b"POST /api/v1/feedback HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\n{\"a\":[1,",
}


# HTTP framing so broken that the server's parser closes the connection without an answer.
UNPARSABLE = {"bad chunk size", "both Content-Length and chunked", "garbage", "header of 100 KB", "header without a colon",
              "negative Content-Length", "unknown method"}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_raw_request(server, name):
    status = raw(server, HOSTILE[name], timeout=3)
    if name in UNPARSABLE:
        assert status is None or status < 500, f"{name}: {status}"
    else:
        assert status is not None and status < 500, f"{name}: {status}"
    alive(server)


def test_upload_bodies_are_limited_before_they_are_read(server):
    # Nobody signed in: refused at once, however large the announced body.
    head = (b"POST /api/v1/dossiers/10301008-261207-0001/files?name=a.pdf HTTP/1.1\r\nHost: a\r\n"
            b"Content-Type: application/pdf\r\nContent-Length: 209715200\r\n\r\n%PDF-1.4\n")
    assert raw(server, head, finished=False) == 401
    # Signed in: no more than the largest file (10 MB by default) is read.
    officer = requests.Session()
    sign_in_session(officer, server.url, "hongbang.tiepnhan1")
    token = officer.get(server.url + "/ho-so").text.split('name="_csrf" value="')[1].split('"')[0]
    response = officer.post(server.url + "/api/v1/dossiers/10301008-261207-0001/files?name=a.pdf",
                            headers={"Content-Type": "application/pdf", "X-CSRF-Token": token},
                            data=b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024))
    assert response.status_code == 413, response.text
    assert response.headers["Content-Type"].startswith("application/problem+json")
    alive(server)


@pytest.mark.parametrize("target", ["/\t/evil.example/", "/\n/evil.example", "/\\evil.example", "//evil.example", "https://evil.example/"])
def test_no_open_redirect_after_sign_in(server, target):
    session = requests.Session()
    page = session.get(server.url + "/dang-nhap").text
    token = page.split('name="_csrf" value="')[1].split('"')[0]
    response = session.post(server.url + "/dang-nhap", allow_redirects=False,
                            data={"_csrf": token, "identifier": "hongbang.tiepnhan1", "password": DEMO_PASSWORD, "next": target})
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//") and "evil" not in location, location


def test_counter_intake_takes_hostile_multipart_bodies(server):
    """The counter intake (multipart, with scans) answers every broken or hostile form below 500,
    saves nothing from a form it cannot read, and keeps a dossier's bad scan out with a note."""
    officer = requests.Session()
    sign_in_session(officer, server.url, "hongbang.tiepnhan1")
    token = officer.get(server.url + "/ho-so/tiep-nhan").text.split('name="_csrf" value="')[1].split('"')[0]
    url = server.url + "/ho-so/tiep-nhan"
    applicant = {"_csrf": token, "procedureCode": "1.001193", "applicantName": "Nguyễn Văn Thử", "applicantIDNumber": "001099012345",
                 "applicantPhone": "0912345678", "applicantAddress": "Số 1, phường Hồng Bàng", "checklist": "1"}

    def send(fields, files=None, **headers):
        response = officer.post(url, data=fields, files=files or {"files[]": ("", b"", "application/octet-stream")},
                                headers={"X-CSRF-Token": token, **headers}, allow_redirects=False)
        assert response.status_code < 500, (fields.keys(), response.status_code, response.text[:300])
        return response

    # Checklist positions that are not numbers, or far out of range: refused or ignored, never a crash.
    assert send({**applicant, "received[]": "abc"}).status_code in (400, 422)
    send({**applicant, "received[]": ["-1", "99999999999999999999"]})
    send({**applicant, "received[]": ["0"] * 2_000})
    # Codes and names far too long, control characters, a ticket that is not an id.
    for hostile in [{"procedureCode": "1." * 5_000}, {"applicantName": "A\x00B" * 3_000}]:
        response = send({**applicant, **hostile})
        # Refused with the form again, or sent back to the intake with the reason: no dossier.
        assert response.status_code in (400, 404, 422) or response.headers["Location"] == "/ho-so/tiep-nhan", response.headers
        assert "/mau/" not in response.headers.get("Location", "")
    send({**applicant, "ticket": "../../etc/passwd"})
    # A scan that is not a PDF or an image: the dossier is saved, the file refused with a note.
    response = send(applicant, files={"files[]": ("virus.exe", b"MZ\x90\x00" * 100, "application/pdf")})
    assert response.status_code == 303, response.text[:300]
    flash_page = officer.get(server.url + response.headers["Location"]).text
    assert "virus.exe" in flash_page and "Chỉ nhận tệp PDF, JPG hoặc PNG." in flash_page
    # A body larger than the intake takes is refused before it is read.
    assert send(applicant, files={"files[]": ("big.pdf", b"%PDF-1.4\n" + b"0" * (61 * 1024 * 1024), "application/pdf")}).status_code == 413
    # Broken framing with the officer's session: empty boundary, no closing delimiter.
    cookie = "; ".join(f"{c.name}={c.value}" for c in officer.cookies)
    for body, content_type in [(MULTIPART, "multipart/form-data; boundary="),
                               (b"--x\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token.encode() + b"\r\n--x\r\nContent-Dispo",
                                "multipart/form-data; boundary=x")]:
        request = (b"POST /ho-so/tiep-nhan HTTP/1.1\r\nHost: a\r\nCookie: " + cookie.encode() + b"\r\nX-CSRF-Token: " + token.encode()
                   + b"\r\nContent-Type: " + content_type.encode() + b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        status = raw(server, request)
        assert status is not None and status < 500, status
    alive(server)
