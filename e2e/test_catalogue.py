"""The public catalogue on a phone: browse a unit's procedures by field and level, search without
diacritics, open a procedure page and scan its QR code."""
import subprocess
import tempfile

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import fits_width, phone, shot
from test_sign_in_and_admin import click_and_wait

HONG_BANG = "10301008"


def test_browse_a_unit_catalogue_by_field_and_level(server, browser):
    browser.get(server.url + "/thu-tuc")
    assert "Thủ tục hành chính · Thành phố Hải Phòng" in browser.find_element(By.TAG_NAME, "h1").text
    browser.find_element(By.CSS_SELECTOR, f"#chon-don-vi option[value='{HONG_BANG}']").click()
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#chon-don-vi button"))
    assert browser.current_url.endswith(f"/don-vi/{HONG_BANG}/thu-tuc")
    summary = browser.find_element(By.ID, "tom-tat").text
    assert summary.startswith("186 thủ tục:") and "toàn trình" in summary
    # On a phone the field filter comes first, as a drop-down; the list comes in pages.
    phone(browser)
    browser.refresh()
    assert fits_width(browser)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    assert height < 6000, f"the first page is {height} px high"
    assert browser.find_element(By.ID, "loc-linh-vuc").location["y"] < browser.find_element(By.ID, "danh-sach").location["y"]
    assert "trang 1/" in browser.find_element(By.ID, "ket-qua").text
    shot(browser, "20-danh-muc-don-vi")
    click_and_wait(browser, browser.find_element(By.ID, "trang-sau"))
    assert "trang 2/" in browser.find_element(By.ID, "ket-qua").text
    Select(browser.find_element(By.ID, "chon-linh-vuc")).select_by_visible_text(
        next(o.text for o in browser.find_elements(By.CSS_SELECTOR, "#chon-linh-vuc option") if o.text.startswith("Hộ tịch (")))
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#loc-linh-vuc button"))
    assert "trong lĩnh vực Hộ tịch" in browser.find_element(By.ID, "ket-qua").text
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Toàn trình"))
    result = browser.find_element(By.ID, "ket-qua").text
    assert "trong lĩnh vực Hộ tịch, mức độ toàn trình" in result
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#danh-sach li > a")]
    assert "Thủ tục đăng ký khai tử" in names
    shot(browser, "21-ho-tich-toan-trinh")


def test_search_without_diacritics_then_open_the_procedure(server, browser):
    browser.get(server.url + f"/don-vi/{HONG_BANG}/thu-tuc")
    box = browser.find_element(By.ID, "q")
    box.send_keys("dang ky ket hon")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[role=search] button"))
    first = browser.find_element(By.CSS_SELECTOR, "#danh-sach li > a")
    assert first.text == "Thủ tục đăng ký kết hôn"
    shot(browser, "22-tim-ket-hon")
    click_and_wait(browser, first)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Thủ tục đăng ký kết hôn"
    assert browser.find_element(By.ID, "ma-thu-tuc").text == "1.000894"
    process = browser.find_element(By.ID, "quy-trinh-noi-bo").text
    assert "Bộ phận một cửa" in process and "Tổng thời gian" in process
    assert "minh họa" in browser.find_element(By.ID, "minh-hoa").text
    documents = browser.find_element(By.ID, "thanh-phan").text
    assert "Tờ khai đăng ký kết hôn" in documents and "Bản chính" in documents
    shot(browser, "23-thu-tuc-ket-hon")
    # The QR code on the page opens this page.
    qr = browser.find_element(By.CSS_SELECTOR, ".qr img").get_attribute("src")
    png = requests.get(qr.replace("qr.svg", "qr.png"), timeout=10)
    assert png.headers["Content-Type"] == "image/png"
    with tempfile.NamedTemporaryFile(suffix=".png") as f:
        f.write(png.content)
        f.flush()
        decoded = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", f.name], capture_output=True, text=True, check=True).stdout.strip()
    assert decoded == f"{server.url}/thu-tuc/1.000894?don-vi={HONG_BANG}"


def test_notice_board_sheet_has_a_qr_per_procedure(server, browser):
    browser.get(server.url + f"/don-vi/{HONG_BANG}/thu-tuc/niem-yet?linh-vuc=ho-tich")
    rows = browser.find_elements(By.CSS_SELECTOR, "#niem-yet tbody tr")
    images = browser.find_elements(By.CSS_SELECTOR, "#niem-yet img")
    assert len(rows) == len(images) > 10
    # The first QR images load and render (naturalWidth > 0 once the browser decoded the SVG).
    WebDriverWait(browser, 10).until(lambda b: b.execute_script(
        "return document.images.length > 0 && document.images[0].complete && document.images[0].naturalWidth > 0"))
    shot(browser, "24-niem-yet-ho-tich")
