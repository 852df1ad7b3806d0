"""Administrators on a phone: the province administrator edits a procedure (a new version the
public page shows at once), a unit administrator chooses the procedures the unit receives."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import present, shot
from test_sign_in_and_admin import click_and_wait, sign_in, submit


def test_province_administrator_edits_a_procedure(server, browser):
    sign_in(browser, server, "tinh.quantri")
    browser.get(server.url + "/quan-tri/thu-tuc?q=xac+nhan+tinh+trang+hon+nhan")
    assert browser.find_element(By.ID, "tom-tat").text.startswith("186 thủ tục:")
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Giấy xác nhận tình trạng hôn nhân"))
    assert "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân" in browser.find_element(By.TAG_NAME, "h1").text
    deadline = browser.find_element(By.ID, "deadlineValue")
    deadline.clear()
    deadline.send_keys("2")
    Select(browser.find_element(By.ID, "level")).select_by_value("full")
    browser.find_element(By.ID, "note").send_keys("Theo Quyết định rút ngắn thời hạn (thử nghiệm)")
    shot(browser, "30-sua-thu-tuc")
    submit(browser)
    assert "Đã công bố phiên bản mới" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    versions = browser.find_element(By.ID, "phien-ban").text
    assert "Theo Quyết định rút ngắn thời hạn" in versions
    browser.get(server.url + "/thu-tuc/1.004873")
    assert browser.find_element(By.ID, "thoi-han").text == "02 ngày làm việc"
    browser.get(server.url + "/thu-tuc/1.004873?phien-ban=1")
    assert browser.find_element(By.ID, "thoi-han").text == "03 ngày làm việc"
    assert "phiên bản hiện hành là 2" in browser.find_element(By.CSS_SELECTOR, ".note").text
    shot(browser, "31-phien-ban-cu")
    browser.get(server.url + "/quan-tri/linh-vuc")
    rows = browser.find_elements(By.CSS_SELECTOR, "#linh-vuc tbody tr")
    assert len(rows) == 38
    shot(browser, "33-linh-vuc")


def test_unit_administrator_chooses_procedures(server, browser):
    sign_in(browser, server, "vinhbao.quantri")
    browser.get(server.url + "/quan-tri/don-vi")
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Vĩnh Bảo"))
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Thủ tục đơn vị tiếp nhận"))
    boxes = browser.find_elements(By.CSS_SELECTOR, "#linh-vuc-thuy-san input[type=checkbox]")
    assert boxes and all(box.is_selected() for box in boxes)
    for box in boxes:
        browser.execute_script("arguments[0].click()", box)
    shot(browser, "32-chon-thu-tuc")
    submit(browser)
    assert "Đã lưu: Xã Vĩnh Bảo tiếp nhận" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    browser.get(server.url + "/don-vi/10321041/thu-tuc?linh-vuc=thuy-san")
    assert present(browser, By.CSS_SELECTOR, "#danh-sach li") == []
