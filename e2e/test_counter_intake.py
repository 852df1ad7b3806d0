"""A reception officer's intake at Phường Hồng Bàng, by keyboard alone: calls ticket B at counter 3,
opens intake with the ticket linked, finds "dang ki khai sinh" without diacritics, types a new
applicant, ticks the checklist, saves and prints the receipt (Mẫu 01, print invoked through the
page's own script); the same person comes back and is found by ID number; a missing document
gives the supplement request (Mẫu 02). Keystrokes are counted from the ticket call to the print.
At desktop and phone sizes; finally the officer leaves the counter."""
import re

import requests
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import fits_width, open_center, phone, shot
from test_sign_in_and_admin import click_and_wait, sign_in, wait_replaced

UNIT = "10301008"
ID_NUMBER = "031190001234"


class Keyboard:
    """Types into whatever has the focus, as a person would, and counts the keys pressed."""

    def __init__(self, browser):
        self.browser = browser
        self.count = 0

    def focused(self):
        return self.browser.switch_to.active_element

    def type(self, text):
        ActionChains(self.browser).send_keys(text).perform()
        self.count += len(text)

    def press(self, key, times=1, loads=False):
        for _ in range(times):
            if loads:
                old = self.browser.find_element(By.TAG_NAME, "html")
                ActionChains(self.browser).send_keys(key).perform()
                wait_replaced(self.browser, old)
            else:
                ActionChains(self.browser).send_keys(key).perform()
            self.count += 1

    def tab_to(self, element_id, limit=12):
        """Tabs forward until the element has the focus; the tabs count."""
        for _ in range(limit):
            if self.focused().get_attribute("id") == element_id:
                return
            self.press(Keys.TAB)
        raise AssertionError(f"{element_id} not reached by Tab")


def intake(browser, server, keyboard, query, fill, tick, label):
    """From the intake page's first step to the printed slip; returns the slip page's flash."""
    assert keyboard.focused().get_attribute("id") == "q", "the search field takes the keyboard"
    keyboard.type(query)
    keyboard.press(Keys.ENTER, loads=True)
    shot(browser, f"{label}-1-chon-thu-tuc")
    first = keyboard.focused()
    assert "choice" in first.get_attribute("class") and "khai sinh" in first.text.lower(), first.text
    keyboard.press(Keys.ENTER, loads=True)
    assert "Bước 2/2" in browser.page_source and "Thủ tục đăng ký khai sinh" in browser.find_element(By.ID, "thu-tuc-da-chon").text
    assert keyboard.focused().get_attribute("id") == "cccd"
    keyboard.type(ID_NUMBER)
    keyboard.press(Keys.ENTER, loads=True)
    fill(keyboard)
    boxes = browser.find_elements(By.CSS_SELECTOR, "#thanh-phan input[type=checkbox]")
    assert len(boxes) == 3
    keyboard.tab_to("giay-to-0")
    for position in range(len(boxes)):
        if position > 0:
            keyboard.press(Keys.TAB)
        if position in tick:
            keyboard.press(Keys.SPACE)
    shot(browser, f"{label}-2-dien-phieu")
    keyboard.tab_to("luu-ho-so")
    keyboard.press(Keys.ENTER, loads=True)
    return browser.find_element(By.CSS_SELECTOR, ".flash").text


def test_counter_intake_by_keyboard_from_ticket_to_receipt(server, browser):
    with open_center(server, UNIT) as open_server:
        journey(open_server, browser)


def journey(server, browser):
    browser.set_window_size(1280, 900)
    group = requests.get(f"{server.url}/api/v1/queue/units/{UNIT}").json()["lines"][1]["groupID"]
    assert requests.post(f"{server.url}/api/v1/queue/tickets", json={"groupID": group}).status_code == 201

    # After sign-in the officer lands on the work, not on the account page.
    sign_in(browser, server, "hongbang.tiepnhan3")
    assert browser.current_url.endswith("/ho-so")
    browser.get(server.url + "/quay")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#nhan-3 button"))
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#form-call_next button"))
    ticket = browser.find_element(By.ID, "so-hien-tai").text
    assert re.fullmatch(r"B\d{3}", ticket), ticket

    # From the ticket call: one click opens intake with the ticket; the rest is keyboard.
    click_and_wait(browser, browser.find_element(By.ID, "mo-tiep-nhan"))
    assert browser.find_element(By.ID, "so-thu-tu").text == ticket
    keyboard = Keyboard(browser)

    def new_applicant(keys):
        assert "Chưa có hồ sơ nào" in browser.find_element(By.ID, "ket-qua-tim").text
        assert keys.focused().get_attribute("id") == "applicantName"
        keys.type("Trần Văn Bàn Phím")
        keys.press(Keys.TAB, 2)  # the ID number is already there
        keys.type("0912000111")
        keys.press(Keys.TAB)
        keys.type("Số 5 phố Quầy, phường Hồng Bàng")

    flash = intake(browser, server, keyboard, "dang ki khai sinh", new_applicant, tick={0, 1, 2}, label="70-quay")
    code = re.search(r"Đã tiếp nhận hồ sơ (\S+)\.", flash).group(1)
    assert "GIẤY TIẾP NHẬN HỒ SƠ" in browser.find_element(By.TAG_NAME, "h1").text.upper()
    slip = browser.find_element(By.ID, "mau-01").text
    for line in ["Tờ khai đăng ký khai sinh (bản chính, 1 bản)", "Giấy chứng sinh", "Trần Văn Bàn Phím"]:
        assert line in slip, line
    # The print button has the focus: Enter prints, through the site's own script (the CSP
    # forbids inline handlers).
    assert keyboard.focused().get_attribute("id") == "in-phieu"
    browser.execute_script("window.__printed = 0; window.print = function () { window.__printed += 1; };")
    keyboard.press(Keys.ENTER)
    assert browser.execute_script("return window.__printed") == 1
    shot(browser, "70-quay-3-mau-01")
    first_journey = keyboard.count
    print(f"\nintake from ticket call to print: 1 click, {first_journey} keystrokes (new applicant)")

    # The dossier keeps the ticket.
    browser.get(f"{server.url}/ho-so/{code}")
    assert ticket in browser.find_element(By.TAG_NAME, "main").text

    # The same person comes back: found by ID number; one document missing gives Mẫu 02.
    browser.get(server.url + "/ho-so/tiep-nhan")
    keyboard = Keyboard(browser)

    def returning(keys):
        assert "Đã điền thông tin người nộp" in browser.find_element(By.ID, "ket-qua-tim").text
        assert browser.find_element(By.ID, "applicantName").get_attribute("value") == "Trần Văn Bàn Phím"
        assert keys.focused().get_attribute("id") == "giay-to-0"

    flash = intake(browser, server, keyboard, "khai sinh", returning, tick={0, 2}, label="71-quay-thieu")
    assert "còn thiếu giấy tờ" in flash
    assert "PHIẾU YÊU CẦU BỔ SUNG" in browser.find_element(By.TAG_NAME, "h1").text.upper()
    assert "Nộp Giấy chứng sinh hoặc văn bản của người làm chứng xác nhận việc sinh (bản chính, 1 bản)" in browser.find_element(By.ID, "mau-02").text
    shot(browser, "71-quay-thieu-3-mau-02")
    print(f"returning applicant, one document missing: {keyboard.count} keystrokes")

    # On a phone the same pages fit the width.
    phone(browser)
    for path in ["/ho-so/tiep-nhan", "/ho-so/tiep-nhan?thu-tuc=1.001193&cccd=" + ID_NUMBER, f"/ho-so/{code}"]:
        browser.get(server.url + path)
        assert fits_width(browser), path
    shot(browser, "72-ho-so-dien-thoai")
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    # The officer leaves the counter; it is free again.
    browser.get(server.url + "/quay")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#form-finish button, #form-skip button"))
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#roi-quay button"))
    assert "Đã rời quầy" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    assert browser.find_elements(By.CSS_SELECTOR, "#nhan-3 button")
