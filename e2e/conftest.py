"""Fixtures for browser and process tests: a real MotCua server on a free port, and headless
Chromium sized like a phone. Screenshots go to e2e/screenshots/ (ignored by git)."""
import contextlib
import datetime
import os
import pathlib
import socket
import subprocess
import tempfile
import time

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCREENSHOTS = pathlib.Path(os.environ.get("MOTCUA_SCREENSHOTS") or ROOT / "e2e" / "screenshots")
BINARY = os.environ.get("MOTCUA_BINARY", str(ROOT / ".build" / "debug" / "motcua"))
DEMO_PASSWORD = "MotCua@2026"
# The moment the suite runs at (`MOTCUA_CLOCK`, ISO 8601 with an offset); unset: the real time.
CLOCK = os.environ.get("MOTCUA_CLOCK") or None
SUITE_STARTED = time.time()


def clock_env():
    """The clock of a server started now: the suite's moment plus the time the suite has run, so
    every process of the suite reads the same time."""
    if not CLOCK:
        return {}
    moment = datetime.datetime.fromisoformat(CLOCK) + datetime.timedelta(seconds=time.time() - SUITE_STARTED)
    return {"MOTCUA_CLOCK": moment.isoformat(timespec="milliseconds")}


def server_now(server):
    """The server's own time (its clock may be set to another moment)."""
    return datetime.datetime.fromisoformat(requests.get(server.url + "/api/v1/health").json()["time"].replace("Z", "+00:00"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `motcua serve` process."""

    def __init__(self, env, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path, "w")
        full_env = {**os.environ, "MOTCUA_BCRYPT_COST": "10", **clock_env(), **env}
        full_env.pop("MOTCUA_TEST_POSTGRES_URL", None)
        self.process = subprocess.Popen(
            [BINARY, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT, env=full_env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}; see {self.log.name}")
            try:
                if requests.get(self.url + "/api/v1/health", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise RuntimeError("server did not become ready")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture(scope="session")
def server():
    """The server with the demo province on a fresh SQLite file, as `swift run motcua serve` gives."""
    directory = tempfile.mkdtemp(prefix="motcua-e2e-")
    srv = Server({"MOTCUA_SQLITE_PATH": os.path.join(directory, "motcua.sqlite"), "MOTCUA_DEMO": "1"},
                 os.path.join(directory, "server.log")).wait_ready()
    yield srv
    srv.stop()


@contextlib.contextmanager
def open_center(server, unit):
    """A server whose center gives queue numbers now: `server` itself during working hours, else
    another demo server whose clock starts a minute after the center's next opening (at night, at
    weekends and on holidays the kiosk is closed)."""
    opens_at = requests.get(f"{server.url}/api/v1/queue/units/{unit}").json().get("opensAt")
    if not opens_at:
        yield server
        return
    moment = datetime.datetime.fromisoformat(opens_at.replace("Z", "+00:00")) + datetime.timedelta(minutes=1)
    directory = tempfile.mkdtemp(prefix="motcua-e2e-open-")
    srv = Server({"MOTCUA_SQLITE_PATH": os.path.join(directory, "motcua.sqlite"), "MOTCUA_DEMO": "1",
                  "MOTCUA_CLOCK": moment.isoformat()}, os.path.join(directory, "server.log")).wait_ready()
    try:
        yield srv
    finally:
        srv.stop()


IMPLICIT_WAIT = 2


def present(driver, by, value):
    """The elements there now, without waiting for one to appear (for elements that may be absent)."""
    driver.implicitly_wait(0)
    try:
        return driver.find_elements(by, value)
    finally:
        driver.implicitly_wait(IMPLICIT_WAIT)


@pytest.fixture
def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=390,844", "--lang=vi"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(IMPLICIT_WAIT)
    yield driver
    driver.quit()


def phone(driver, width=390, height=844):
    """Emulates a phone's viewport exactly (a headless window is never narrower than 500 px)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})


def fits_width(driver):
    """Whether the page needs no sideways scrolling."""
    return driver.execute_script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def shot(driver, name):
    """Saves a full-page screenshot (phone width) for a person to look at (not when
    `MOTCUA_SCREENSHOTS=off`)."""
    if str(SCREENSHOTS) == "off":
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(390, max(844, min(height + 120, 6000)))
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
    driver.set_window_size(390, 844)
