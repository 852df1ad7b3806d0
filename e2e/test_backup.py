"""`motcua backup` and `motcua restore`, round trip on both databases: a backup taken while the
server runs restores to a database whose every table, row by row, and every stored file equal the
original's; the audit chain verifies; a damaged backup or a non-empty target is refused."""
import hashlib
import os
import pathlib
import sqlite3
import subprocess
import tempfile
import uuid

import pytest
import requests

from conftest import BINARY, ROOT, Server, clock_env
from test_processes import sign_in

ADMIN_URL = os.environ.get("MOTCUA_TEST_POSTGRES_URL")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def motcua(env, *arguments):
    full = {**os.environ, **clock_env(), **env}
    full.pop("MOTCUA_TEST_POSTGRES_URL", None)
    return subprocess.run([BINARY, *arguments], cwd=ROOT, env=full, capture_output=True, text=True, timeout=300)


def file_dossier(server, note):
    """A dossier received at the counter with an uploaded PDF: rows in several tables, audit lines and one stored file."""
    officer = requests.Session()
    sign_in(officer, server.url, "hongbang.tiepnhan1")
    token = officer.get(server.url + "/ho-so").text.split('name="_csrf" value="')[1].split('"')[0]
    response = officer.post(server.url + "/api/v1/dossiers", headers={"X-CSRF-Token": token}, json={
        "unitCode": "10301008", "procedureCode": "1.001612", "applicantName": "Lê Văn Sao Lưu",
        "applicantIDNumber": "031190000003", "applicantPhone": "0912000222", "applicantAddress": "Số 3 phố Thử",
        "requestSummary": note, "accept": True})
    assert response.status_code == 201, response.text
    code = response.json()["code"]
    upload = officer.post(f"{server.url}/api/v1/dossiers/{code}/files?name=don.pdf&document=Đơn", data=PDF + note.encode(),
                          headers={"X-CSRF-Token": token, "Content-Type": "application/pdf"})
    assert upload.status_code == 201, upload.text
    return code


def stored_files(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in pathlib.Path(folder).rglob("*") if p.is_file()}


def sqlite_tables(path):
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {name: sorted(db.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in names}


def postgres_tables(url):
    names = subprocess.run(["psql", "-qAt", url, "-c", "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"],
                           check=True, capture_output=True, text=True).stdout.split()
    return {name: subprocess.run(["psql", "-qAt", url, "-c", f'COPY (SELECT * FROM "{name}" t ORDER BY t::text) TO STDOUT'],
                                 check=True, capture_output=True, text=True).stdout for name in names}


def only_backup(folder):
    backups = [p for p in pathlib.Path(folder).iterdir() if p.name.startswith("motcua-")]
    assert len(backups) == 1 and not backups[0].name.endswith(".partial"), backups
    return backups[0]


def round_trip(original_env, restored_env, tables, workdir):
    """Backs up while the server runs, then again once it has stopped; restores the second and
    compares everything with the original."""
    server = Server({**original_env, "MOTCUA_DEMO": "1"}, os.path.join(workdir, "server.log")).wait_ready()
    try:
        file_dossier(server, "Hồ sơ trước khi sao lưu")
        online = motcua(original_env, "backup", "--to", os.path.join(workdir, "online"))
        assert online.returncode == 0, online.stderr + online.stdout
        assert "Đã sao lưu" in online.stdout
        file_dossier(server, "Hồ sơ sau lần sao lưu thứ nhất")
    finally:
        server.stop()
    # The online backup restores whole (its own checks: rows, files, audit chain).
    first = motcua(restored_env["online"], "restore", str(only_backup(os.path.join(workdir, "online"))))
    assert first.returncode == 0, first.stderr + first.stdout
    assert "khớp bản sao lưu" in first.stdout

    backups = os.path.join(workdir, "backups")
    for _ in range(2):
        made = motcua(original_env, "backup", "--to", backups, "--keep", "1")
        assert made.returncode == 0, made.stderr + made.stdout
    folder = only_backup(backups)  # --keep 1 left the newest
    restored = motcua(restored_env["offline"], "restore", str(folder))
    assert restored.returncode == 0, restored.stderr + restored.stdout

    # check: every table row by row, every file, and the audit chain of the copy
    assert tables(original_env) == tables(restored_env["offline"])
    original_files = stored_files(original_env["MOTCUA_FILES_PATH"])
    assert len(original_files) >= 2
    assert stored_files(restored_env["offline"]["MOTCUA_FILES_PATH"]) == original_files
    assert all(name == digest for name, digest in original_files.items())
    verified = motcua(restored_env["offline"], "audit", "verify")
    assert verified.returncode == 0 and "nguyên vẹn" in verified.stdout, verified.stdout + verified.stderr

    # A database that holds data is not overwritten unless asked.
    again = motcua(restored_env["offline"], "restore", str(folder))
    assert again.returncode != 0 and "--replace" in again.stdout + again.stderr
    replaced = motcua(restored_env["offline"], "restore", str(folder), "--replace")
    assert replaced.returncode == 0, replaced.stderr + replaced.stdout
    assert tables(original_env) == tables(restored_env["offline"])

    # A damaged file in the backup is refused before anything is replaced.
    stored = next(p for p in (folder / "files").rglob("*") if p.is_file())
    stored.write_bytes(stored.read_bytes() + b"x")
    damaged = motcua(restored_env["offline"], "restore", str(folder), "--replace")
    assert damaged.returncode != 0 and "hỏng" in damaged.stdout + damaged.stderr


def test_sqlite_round_trip():
    workdir = tempfile.mkdtemp(prefix="motcua-backup-")
    def env(name):
        return {"MOTCUA_SQLITE_PATH": os.path.join(workdir, name, "motcua.sqlite"), "MOTCUA_FILES_PATH": os.path.join(workdir, name, "files")}
    round_trip(env("original"), {"online": env("online-copy"), "offline": env("copy")},
               lambda e: sqlite_tables(e["MOTCUA_SQLITE_PATH"]), workdir)


@pytest.mark.skipif(not ADMIN_URL, reason="needs MOTCUA_TEST_POSTGRES_URL (scripts/test sets it)")
def test_postgres_round_trip():
    workdir = tempfile.mkdtemp(prefix="motcua-pg-backup-")
    names = {role: "motcua_bk_" + uuid.uuid4().hex[:10] for role in ["original", "online", "offline"]}
    for name in names.values():
        subprocess.run(["psql", "-q", ADMIN_URL, "-c", f"CREATE DATABASE {name}"], check=True)
    def env(role):
        return {"DATABASE_URL": ADMIN_URL.rsplit("/", 1)[0] + "/" + names[role], "MOTCUA_FILES_PATH": os.path.join(workdir, role, "files")}
    try:
        round_trip(env("original"), {"online": env("online"), "offline": env("offline")},
                   lambda e: postgres_tables(e["DATABASE_URL"]), workdir)
    finally:
        for name in names.values():
            subprocess.run(["psql", "-q", ADMIN_URL, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)
