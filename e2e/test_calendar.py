"""The public working calendar on a phone, and `motcua calendar` on the command line."""
import os
import subprocess
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BINARY, ROOT, shot
from test_sign_in_and_admin import submit


def test_public_calendar_computes_an_appointment(server, browser):
    browser.get(server.url + "/lich-lam-viec?nam=2026")
    table = browser.find_element(By.ID, "ngay-dac-biet").text
    assert "Tết Nguyên đán (mùng 1)" in table and "Làm bù" in table and "Ngày Văn hóa Việt Nam" in table
    received = browser.find_element(By.ID, "nhan")
    # A datetime-local field is filled as the phone's picker would.
    browser.execute_script("arguments[0].value = '2026-02-13T10:00'", received)
    browser.find_element(By.ID, "thoi-han").send_keys("5")
    Select(browser.find_element(By.ID, "don-vi-tinh")).select_by_value("working_days")
    submit(browser)
    assert "17:00 ngày 27/02/2026" in browser.find_element(By.ID, "ngay-hen").text
    shot(browser, "13-lich-lam-viec")


def test_calendar_command_prints_the_year():
    directory = tempfile.mkdtemp(prefix="motcua-cli-")
    env = {**os.environ, "MOTCUA_SQLITE_PATH": os.path.join(directory, "cli.sqlite")}
    env.pop("DATABASE_URL", None)
    output = subprocess.run([BINARY, "calendar", "2026"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert output.returncode == 0, output.stderr
    lines = [line for line in output.stdout.splitlines() if line[:2] in ("  ", "* ")]
    assert "* 2026-08-22  Thứ Bảy" in output.stdout
    assert any(line.startswith("  2026-11-24") and "Ngày Văn hóa Việt Nam" in line for line in lines)
    assert len(lines) == 14
    bad = subprocess.run([BINARY, "calendar", "1800"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert bad.returncode != 0
