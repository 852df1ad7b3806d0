"""The queue at Phường Hồng Bàng: the display board is open on a TV; a citizen takes a ticket at
the kiosk (and follows it on a phone); the one-stop officer takes counter 1 and calls it; the board
shows the call within moments, without reloading; the phone says where to go. Outside working hours
the kiosk says when the center opens and a phone takes a number for that opening; the journey then
goes on at the opening (a second server whose clock starts there)."""
import re
import time

import requests

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import open_center, present, shot
from test_sign_in_and_admin import click_and_wait, sign_in

UNIT = "10301008"


def test_kiosk_counter_and_live_board(server, browser):
    closed = requests.get(f"{server.url}/api/v1/queue/units/{UNIT}").json().get("closedText")
    if closed:
        browser.get(f"{server.url}/xep-hang/{UNIT}?ki-ot=1")
        assert closed in browser.find_element(By.ID, "ngoai-gio").text and not present(browser, By.ID, "lay-so")
        shot(browser, "49-ki-ot-ngoai-gio")
        browser.get(f"{server.url}/xep-hang/{UNIT}")
        click_and_wait(browser, browser.find_element(By.ID, "nhom-A"))
        assert closed in browser.find_element(By.ID, "ve-cho").text
        shot(browser, "49-so-cho-lan-mo-cua-toi")
    with open_center(server, UNIT) as open_server:
        journey(open_server, browser)


def journey(server, browser):
    # The board on the TV (a wide window), before anything happens.
    browser.set_window_size(1280, 720)
    browser.get(f"{server.url}/xep-hang/{UNIT}/bang")
    board = browser.current_window_handle
    assert "Phường Hồng Bàng" in browser.find_element(By.TAG_NAME, "h1").text
    WebDriverWait(browser, 5).until(lambda d: d.find_element(By.ID, "bang").get_attribute("data-updated"))

    # A citizen at the kiosk, in another window: group A (civil status), elderly.
    browser.switch_to.new_window("window")
    kiosk = browser.current_window_handle
    browser.set_window_size(1024, 768)
    browser.get(f"{server.url}/xep-hang/{UNIT}?ki-ot=1")
    shot(browser, "50-ki-ot-lay-so")
    browser.find_element(By.CSS_SELECTOR, "input[name=priority][value=elderly]").click()
    click_and_wait(browser, browser.find_element(By.ID, "nhom-A"))
    code = browser.find_element(By.ID, "ve-so").text
    assert re.fullmatch(r"A\d{3}", code), code
    assert "Ưu tiên: Người cao tuổi" in browser.page_source
    assert browser.find_element(By.ID, "ve-truoc").text == "0"
    ticket_url = browser.current_url.split("?")[0]
    shot(browser, "51-phieu-so-thu-tu")

    # The officer takes counter 1 and calls the next number.
    browser.delete_all_cookies()
    sign_in(browser, server, "hongbang.tiepnhan1")
    browser.get(server.url + "/quay")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#nhan-1 button"))
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#form-call_next button"))
    assert f"mời số {code} đến quầy 1" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    assert browser.find_element(By.ID, "so-hien-tai").text == code
    shot(browser, "52-quay-goi-so")

    # The board shows it without being reloaded (live event from the server).
    browser.switch_to.window(board)
    WebDriverWait(browser, 5).until(lambda d: code in d.find_element(By.ID, "dang-goi").text)
    row = browser.find_element(By.CSS_SELECTOR, "#dang-goi tr")
    assert row.find_element(By.CSS_SELECTOR, ".counter").text == "1"
    shot(browser, "53-bang-goi-so")

    # The citizen's phone says where to go.
    browser.switch_to.window(kiosk)
    browser.set_window_size(390, 844)
    browser.get(ticket_url)
    assert "Đã gọi – mời đến quầy – quầy 1" in browser.find_element(By.ID, "ve-trang-thai").text
    shot(browser, "54-so-tren-dien-thoai")

    # The officer serves and finishes; the board dims the number while it is served.
    browser.get(server.url + "/quay")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#form-start button"))
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#form-finish button"))
    assert "Chưa gọi số nào" in browser.find_element(By.ID, "so-hien-tai").text

    # The TV is switched off: the server notices the closed event stream at its next writes and
    # goes on serving (a stream must be ended properly even when its client has gone).
    browser.switch_to.window(board)
    browser.close()
    browser.switch_to.window(kiosk)
    group = requests.get(f"{server.url}/api/v1/queue/units/{UNIT}").json()["lines"][1]["groupID"]
    for _ in range(3):
        assert requests.post(f"{server.url}/api/v1/queue/tickets", json={"groupID": group}).status_code == 201
        time.sleep(0.3)
    assert server.process.poll() is None
    assert requests.get(f"{server.url}/api/v1/health").status_code == 200
