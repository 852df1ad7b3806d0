"""Main journeys of the foundation in headless Chromium on a phone-sized window."""
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
import requests

from conftest import DEMO_PASSWORD, shot


def click_and_wait(driver, element):
    """Clicks something that loads a new page and waits until the new page is there."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait_replaced(driver, old)


def wait_replaced(driver, old):
    """Waits until the page whose root element was `old` has been replaced by a new one."""

    def replaced(_):
        try:
            old.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            # chromedriver sometimes reports a replaced page's node this way instead of "stale".
            if "does not belong to the document" in str(error):
                return True
            raise

    WebDriverWait(driver, 15, poll_frequency=0.05).until(replaced)


def submit(driver):
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))


def sign_in(driver, server, login, password=DEMO_PASSWORD):
    driver.get(server.url + "/dang-nhap")
    driver.find_element(By.ID, "identifier").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(password)
    submit(driver)


def test_home_and_wrong_password(server, browser):
    browser.get(server.url + "/")
    assert "Một cửa điện tử" in browser.page_source
    assert "Thành phố Hải Phòng" in browser.page_source
    shot(browser, "01-trang-chu")
    sign_in(browser, server, "hongbang.tiepnhan1", "sai-mat-khau")
    error = browser.find_element(By.ID, "loi-dang-nhap").text
    assert error == "Tên đăng nhập hoặc mật khẩu không đúng."
    shot(browser, "02-dang-nhap-sai")


def test_province_administrator_manages_units_staff_and_reads_audit(server, browser):
    sign_in(browser, server, "tinh.quantri")
    # An administrator lands on administration, the place of their work.
    assert "Xin chào Nguyễn Văn Quản!" in browser.page_source
    assert browser.current_url.endswith("/quan-tri")
    browser.get(server.url + "/tai-khoan")
    shot(browser, "03-tai-khoan-quan-tri")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Trang quản trị"))
    stats = browser.find_element(By.CSS_SELECTOR, ".stats").text
    assert "45\nphường" in stats and "67\nxã" in stats and "2\nđặc khu" in stats
    shot(browser, "04-quan-tri-tong-quan")

    browser.get(server.url + "/quan-tri/don-vi?q=hong+bang")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.list tbody tr")
    assert any("Phường Hồng Bàng" in row.text for row in rows)
    shot(browser, "05-don-vi-tim-khong-dau")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Phường Hồng Bàng"))
    page = browser.page_source
    assert "Trung tâm Phục vụ hành chính công" in page and "Cán bộ (10)" in page
    shot(browser, "06-don-vi-hong-bang")

    # Add a department.
    new_department = browser.find_element(By.CSS_SELECTOR, "input[placeholder='Tên phòng ban mới']")
    new_department.send_keys("Phòng Thử nghiệm")
    click_and_wait(browser, new_department.find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, "button"))
    assert "Đã thêm phòng ban." in browser.find_element(By.CSS_SELECTOR, ".flash").text

    # Add an officer, with a mistake first.
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Thêm cán bộ"))
    browser.find_element(By.ID, "fullName").send_keys("Trần Thị Thử")
    browser.find_element(By.ID, "username").send_keys("Trần Thử")
    browser.find_element(By.ID, "password").send_keys("mat-khau-ban-dau-2026")
    browser.find_element(By.CSS_SELECTOR, "input[name=roles][value=reception]").click()
    submit(browser)
    assert "Tên đăng nhập gồm 3–40 chữ cái không dấu" in browser.page_source
    shot(browser, "07-them-can-bo-loi")
    username = browser.find_element(By.ID, "username")
    username.clear()
    username.send_keys("hongbang.thu")
    browser.find_element(By.ID, "password").send_keys("mat-khau-ban-dau-2026")
    submit(browser)
    assert "Đã thêm cán bộ Trần Thị Thử." in browser.page_source

    browser.get(server.url + "/quan-tri/nhat-ky")
    text = browser.find_element(By.CSS_SELECTOR, "table.list").text
    assert "Thêm cán bộ" in text and "Thêm phòng ban" in text and "Đăng nhập" in text
    shot(browser, "08-nhat-ky")

    # A token acting as a one-stop officer is not the administrator's to make: only roles they hold.
    browser.get(server.url + "/quan-tri/khoa-api")
    browser.find_element(By.ID, "name").send_keys("Đồng bộ thử nghiệm")
    Select(browser.find_element(By.ID, "userID")).select_by_visible_text("Lê Minh Tuấn — Phường Hồng Bàng")
    browser.find_element(By.ID, "validDays").send_keys("30")
    browser.find_element(By.CSS_SELECTOR, "input[name=scope][value=administrator]").click()
    submit(browser)
    assert "Lê Minh Tuấn không có vai trò “Quản trị hệ thống”" in browser.page_source
    shot(browser, "12-khoa-api-tu-choi")
    # Their own token, scoped to administration, from the account page.
    browser.get(server.url + "/tai-khoan")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Khóa API của tôi"))
    browser.find_element(By.ID, "name").send_keys("Báo cáo tự động")
    browser.find_element(By.CSS_SELECTOR, "input[name=scope][value=administrator]").click()
    submit(browser)
    token = browser.find_element(By.ID, "khoa-moi").text
    shot(browser, "12-khoa-api")
    me = requests.get(server.url + "/api/v1/me", headers={"Authorization": "Bearer " + token}).json()
    assert me["fullName"] == "Nguyễn Văn Quản" and me["authenticatedBy"] == "apiToken" and me["roles"] == ["administrator"]


def test_citizen_registers_and_changes_password(server, browser):
    browser.get(server.url + "/dang-ky")
    browser.find_element(By.ID, "fullName").send_keys("Lê Văn Dân")
    browser.find_element(By.ID, "citizenIDNumber").send_keys("031095001234")
    browser.find_element(By.ID, "phone").send_keys("0934 567 890")
    browser.find_element(By.ID, "password").send_keys("dan-mat-khau-2026")
    browser.find_element(By.ID, "passwordConfirmation").send_keys("khac")
    submit(browser)
    assert "Mật khẩu nhập lại không khớp." in browser.page_source
    shot(browser, "09-dang-ky-loi")
    browser.find_element(By.ID, "password").send_keys("dan-mat-khau-2026")
    browser.find_element(By.ID, "passwordConfirmation").send_keys("dan-mat-khau-2026")
    submit(browser)
    assert "Đăng ký thành công" in browser.page_source
    assert "••••••••1234" in browser.page_source
    shot(browser, "10-tai-khoan-cong-dan")
    # Verifying the phone: a code is sent; a wrong one is refused.
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[contains(., 'Gửi mã tới số 0934567890')]"))
    assert "Đã gửi mã xác minh gồm 6 chữ số" in browser.page_source
    browser.find_element(By.ID, "ma-sms").send_keys("000000")
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[contains(., 'Xác minh số điện thoại')]"))
    assert "Mã xác minh không đúng." in browser.page_source or "nhập sai" in browser.page_source
    shot(browser, "10b-xac-minh-sai-ma")
    browser.get(server.url + "/quan-tri")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Lỗi 403"
    browser.get(server.url + "/tai-khoan/doi-mat-khau")
    browser.find_element(By.ID, "current").send_keys("dan-mat-khau-2026")
    browser.find_element(By.ID, "new").send_keys("mat-khau-moi-cua-dan")
    browser.find_element(By.ID, "confirmation").send_keys("mat-khau-moi-cua-dan")
    submit(browser)
    assert "Đã đổi mật khẩu" in browser.page_source
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "header button.link"))
    sign_in(browser, server, "0934567890", "mat-khau-moi-cua-dan")
    assert "Lê Văn Dân" in browser.page_source


def test_unit_administrator_sees_only_their_unit(server, browser):
    sign_in(browser, server, "vinhbao.quantri")
    browser.get(server.url + "/quan-tri/don-vi")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.list tbody tr")
    assert len(rows) == 1 and "Xã Vĩnh Bảo" in rows[0].text
    shot(browser, "11-quan-tri-xa")
    browser.get(server.url + "/quan-tri/can-bo")
    names = browser.find_element(By.CSS_SELECTOR, "table.list").text
    assert "Phan Văn Khải" in names and "Nguyễn Thị Lan" not in names
