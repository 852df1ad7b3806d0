"""Citizens' voice on a phone: a citizen sends feedback with a photo about Phường Hồng Bàng; the
one-stop officer classifies it and routes it to the ward's economy and infrastructure division,
whose officer drafts the answer; the chairman approves it; the officer publishes it; anyone finds it
on the public answers page (typed without diacritics), without the sender's name or phone, and
reacts to it."""
import pathlib
import re
import tempfile
import zlib
import struct

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import shot
from test_dossiers import act, switch
from test_sign_in_and_admin import click_and_wait, submit

UNIT_NAME = "Phường Hồng Bàng"


def png(path):
    """A small real PNG (a grey square), written without any imaging library."""
    width = height = 8
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def test_feedback_from_sending_to_published_answer(server, browser):
    # A citizen on a phone, not signed in.
    browser.get(server.url + "/phan-anh")
    # Only the chosen category's extra questions are shown.
    assert not browser.find_element(By.ID, "q-ha-tang-do-thi-muc_do").is_displayed()
    browser.find_element(By.CSS_SELECTOR, "label[for=cat-ha-tang-do-thi]").click()
    assert browser.find_element(By.ID, "q-ha-tang-do-thi-muc_do").is_displayed()
    assert not any(q.is_displayed() for q in browser.find_elements(By.CSS_SELECTOR, ".questions:not([data-category=ha-tang-do-thi])"))
    Select(browser.find_element(By.ID, "unitCode")).select_by_visible_text(UNIT_NAME)
    browser.find_element(By.ID, "description").send_keys(
        "Đèn chiếu sáng ngõ 12 phố Hoàng Văn Thụ hỏng ba tuần nay, buổi tối rất tối. Tôi là Vũ Thị Thanh, số 0903 456 789.")
    Select(browser.find_element(By.ID, "q-ha-tang-do-thi-muc_do")).select_by_visible_text("Nghiêm trọng, cần xử lý ngay")
    browser.find_element(By.ID, "address").send_keys("Ngõ 12 Hoàng Văn Thụ")
    # "Dùng vị trí hiện tại" fills the coordinates from the phone's location (emulated here).
    browser.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["geolocation"], "origin": server.url})
    browser.execute_cdp_cmd("Emulation.setGeolocationOverride", {"latitude": 20.8612, "longitude": 106.6795, "accuracy": 25})
    browser.find_element(By.ID, "vi-tri-hien-tai").click()
    WebDriverWait(browser, 5).until(lambda d: d.find_element(By.ID, "latitude").get_attribute("value"))
    assert browser.find_element(By.ID, "latitude").get_attribute("value") == "20.861200"
    assert browser.find_element(By.ID, "longitude").get_attribute("value") == "106.679500"
    browser.find_element(By.ID, "files").send_keys(str(png(pathlib.Path(tempfile.mkdtemp()) / "den-hong.png")))
    browser.find_element(By.ID, "senderName").send_keys("Vũ Thị Thanh")
    browser.find_element(By.ID, "senderPhone").send_keys("0903456789")
    shot(browser, "60-gui-phan-anh")
    submit(browser)
    flash = browser.find_element(By.CSS_SELECTOR, ".flash").text
    code = re.search(r"Mã theo dõi: (PA\S+)\.", flash).group(1)
    follow_url = browser.current_url
    assert "?k=" in follow_url and "Chờ tiếp nhận" in browser.find_element(By.ID, "trang-thai").text
    shot(browser, "61-theo-doi-phan-anh")

    # The one-stop officer classifies and routes it.
    switch(browser, server, "hongbang.tiepnhan1")
    browser.get(server.url + "/phan-anh/xu-ly")
    assert code in browser.find_element(By.ID, "danh-sach-phan-anh").text
    shot(browser, "62-hop-phan-anh")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, code))
    assert "den-hong.png" in browser.page_source and "Nghiêm trọng" in browser.page_source
    act(browser, "classify", kind="Nội dung khác")
    act(browser, "route", departmentID="Phòng Kinh tế, Hạ tầng và Đô thị")
    assert "Đang xử lý" in browser.find_element(By.ID, "trang-thai").text
    shot(browser, "63-phan-anh-chuyen-phong")

    # The division's officer drafts the answer; the chairman approves it.
    switch(browser, server, "hongbang.diachinh")
    browser.get(server.url + "/phan-anh/xu-ly?hop=processing")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, code))
    act(browser, "submit_answer", note="Ngày 01/12/2026 phường đã thay bóng đèn ngõ 12 Hoàng Văn Thụ. Cảm ơn bà Vũ Thị Thanh (0903 456 789).")
    switch(browser, server, "hongbang.chutich")
    browser.get(server.url + "/phan-anh/xu-ly?hop=approval")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, code))
    act(browser, "approve")
    assert "Đã duyệt trả lời" in browser.find_element(By.ID, "trang-thai").text

    # The officer publishes it; personal data is already removed from the suggested texts.
    switch(browser, server, "hongbang.tiepnhan1")
    browser.get(server.url + "/phan-anh/xu-ly?hop=publish")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, code))
    suggested = browser.find_element(By.CSS_SELECTOR, "#form-publish [name=publicAnswer]").get_attribute("value")
    assert "0903" not in suggested and "Vũ Thị Thanh" not in suggested and "[đã ẩn]" in suggested
    shot(browser, "64-cong-khai-tra-loi")
    act(browser, "publish")
    assert "Đã công khai trả lời" in browser.find_element(By.ID, "trang-thai").text

    # Anyone finds it, typing without diacritics, and reacts.
    browser.delete_all_cookies()
    browser.get(server.url + "/phan-anh/tra-loi")
    browser.find_element(By.ID, "q").send_keys("den chieu sang hoang van thu")
    submit(browser)
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Hạ tầng đô thị"))
    assert "thay bóng đèn" in browser.find_element(By.ID, "cau-tra-loi").text
    for personal in ["Vũ Thị Thanh", "0903", "456 789"]:
        assert personal not in browser.page_source
    click_and_wait(browser, browser.find_element(By.ID, "huu-ich"))
    assert "Cảm ơn" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    assert "(1 hữu ích, 0 chưa hữu ích)" in browser.page_source
    shot(browser, "65-tra-loi-cong-khai")

    # The sender's link shows the answer too.
    browser.get(follow_url)
    assert "Đã công khai trả lời" in browser.find_element(By.ID, "trang-thai").text
    assert "thay bóng đèn" in browser.find_element(By.ID, "tra-loi").text
