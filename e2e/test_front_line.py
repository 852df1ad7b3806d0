"""A citizen's first minute and a director's morning, at phone and desktop sizes: the home page's
search leads to the procedure, its tiles to the queue and tracking; the monitoring pages fit a phone
(no sideways scrolling) and their charts have readable labels."""
import datetime

import requests
from selenium.webdriver.common.by import By

from conftest import fits_width, phone, server_now, shot
from test_sign_in_and_admin import click_and_wait, sign_in

UNIT = "10301008"


def test_home_page_leads_to_procedures_queue_and_tracking(server, browser):
    phone(browser)
    browser.get(server.url + "/")
    assert fits_width(browser)
    popular = browser.find_elements(By.CSS_SELECTOR, "#thu-tuc-pho-bien li a")
    assert len(popular) >= 5, "the demo's most filed procedures"
    shot(browser, "80-trang-chu-dien-thoai")
    box = browser.find_element(By.ID, "q")
    box.send_keys("dang ki ket hon")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#tim-thu-tuc button"))
    assert browser.find_element(By.CSS_SELECTOR, "#danh-sach li > a").text == "Thủ tục đăng ký kết hôn"
    for tile, expected in [("o-lay-so", "Lấy số thứ tự"), ("o-tra-cuu", "Tra cứu"), ("o-thu-tuc", "Thủ tục hành chính")]:
        browser.get(server.url + "/")
        click_and_wait(browser, browser.find_element(By.ID, tile))
        assert expected in browser.find_element(By.TAG_NAME, "h1").text, tile
        assert fits_width(browser), tile
    browser.get(server.url + "/xep-hang")
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Phường Hồng Bàng"))
    assert "Lấy số thứ tự" in browser.find_element(By.TAG_NAME, "h1").text
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def planned_day(server, browser):
    """The latest day up to today whose weekday has a queue history (not a weekend's, not a holiday's)."""
    session = requests.Session()
    session.cookies.update({c["name"]: c["value"] for c in browser.get_cookies()})
    today = (server_now(server) + datetime.timedelta(hours=7)).date()
    for back in range(7):
        day = (today - datetime.timedelta(days=back)).isoformat()
        if session.get(f"{server.url}/api/v1/queue/units/{UNIT}/plan", params={"date": day}).json()["historyDays"]:
            return day
    raise AssertionError("no weekday with a queue history")


def test_monitoring_pages_fit_a_phone_with_readable_charts(server, browser):
    sign_in(browser, server, "hongbang.giamdoc")
    assert browser.current_url.endswith("/ho-so"), "a center director's work is the dossiers"
    day = planned_day(server, browser)
    pages = ["/giam-sat", f"/xep-hang/{UNIT}/thong-ke", "/giam-sat/chi-so-766", "/danh-gia/thong-ke", "/quan-tri"]
    for size in ["desktop", "phone"]:
        if size == "phone":
            phone(browser)
        else:
            browser.set_window_size(1280, 900)
        for path in pages:
            browser.get(server.url + path)
            assert "Lỗi" not in browser.title, path
            assert fits_width(browser), f"{path} scrolls sideways on a {size}"
        browser.get(server.url + "/giam-sat")
        # Chart text at least 11 px on the screen.
        sizes = browser.execute_script("""return Array.from(document.querySelectorAll('svg.chart text')).map(t => t.getBoundingClientRect().height)""")
        assert sizes and min(sizes) >= 11, f"{size}: chart labels {min(sizes) if sizes else None}px"
        shot(browser, f"81-giam-sat-{size}")
        browser.get(server.url + f"/xep-hang/{UNIT}/thong-ke?ngay={day}")
        assert browser.find_elements(By.CSS_SELECTOR, "#bieu-do rect"), "the counters-needed chart has the demo's queue history"
        shot(browser, f"82-so-lieu-hang-doi-{size}")
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    # The director's administration menu has only pages that open.
    browser.get(server.url + "/quan-tri")
    for link in [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#menu-quan-tri a")]:
        session = requests.Session()
        session.cookies.update({c["name"]: c["value"] for c in browser.get_cookies()})
        assert session.get(link).status_code == 200, link
