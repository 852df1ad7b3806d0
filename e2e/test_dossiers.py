"""The dossier journey on a phone: a citizen registers and submits online with a file, the
one-stop officer accepts and prints the receipt slip (its QR decoded by zbarimg), the specialist
transfers it to the province's Department of Justice (liên thông), which answers and sends it back,
the specialist submits for approval, the leader approves, the officer returns the result, and
anyone tracks it."""
import datetime
import pathlib
import re
import subprocess
import tempfile

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import present, server_now, shot
from test_processes import sign_in as sign_in_session
from test_sign_in_and_admin import click_and_wait, sign_in, submit

UNIT = "10301008"  # Phường Hồng Bàng in the demo
PROCEDURE = "1.001612"  # Đăng ký thành lập hộ kinh doanh: full online, 3 working days


def act(browser, action, **fields):
    for folded in present(browser, By.ID, f"mo-{action}"):  # actions asking for a reason open on demand
        folded.find_element(By.TAG_NAME, "summary").click()
    for name, value in fields.items():
        field = browser.find_element(By.CSS_SELECTOR, f"#form-{action} [name={name}]")
        if field.tag_name == "select":
            Select(field).select_by_visible_text(value)
        else:
            field.send_keys(value)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, f"#form-{action} button"))
    assert "flash error" not in browser.page_source, browser.find_element(By.CSS_SELECTOR, ".flash").text


def switch(browser, server, login, password=None):
    browser.delete_all_cookies()
    if password:
        sign_in(browser, server, login, password)
    else:
        sign_in(browser, server, login)


def test_online_dossier_from_submission_to_tracking(server, browser):
    # A citizen registers and submits online from the procedure page, with a PDF.
    browser.get(server.url + "/dang-ky")
    browser.find_element(By.ID, "fullName").send_keys("Phạm Thị Hồ Sơ")
    browser.find_element(By.ID, "citizenIDNumber").send_keys("031196007788")
    browser.find_element(By.ID, "phone").send_keys("0977 112 233")
    browser.find_element(By.ID, "password").send_keys("ho-so-mat-khau-2026")
    browser.find_element(By.ID, "passwordConfirmation").send_keys("ho-so-mat-khau-2026")
    submit(browser)
    assert "Đăng ký thành công" in browser.page_source
    browser.get(f"{server.url}/thu-tuc/{PROCEDURE}?don-vi={UNIT}")
    click_and_wait(browser, browser.find_element(By.ID, "nop-truc-tuyen"))
    assert browser.find_element(By.ID, "applicantName").get_attribute("value") == "Phạm Thị Hồ Sơ"
    browser.find_element(By.ID, "applicantAddress").send_keys("Số 8 phố Hoàng Văn Thụ, phường Hồng Bàng")
    browser.find_element(By.ID, "requestSummary").send_keys("Đăng ký hộ kinh doanh quán phở")
    pdf = pathlib.Path(tempfile.mkdtemp()) / "giay-de-nghi.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    browser.find_element(By.ID, "files").send_keys(str(pdf))
    shot(browser, "40-nop-ho-so")
    submit(browser)
    flash = browser.find_element(By.CSS_SELECTOR, ".flash").text
    code = re.search(r"Đã nộp hồ sơ (\S+)\.", flash).group(1)
    assert code.startswith(UNIT + "-")
    assert "giay-de-nghi.pdf" in browser.page_source and "Mới đăng ký" in browser.page_source
    shot(browser, "41-ho-so-cong-dan")

    # The one-stop officer accepts it and prints the receipt slip.
    switch(browser, server, "hongbang.tiepnhan2")
    browser.get(server.url + "/ho-so")
    assert code in browser.find_element(By.ID, "hop-to-receive").text
    shot(browser, "42-hop-viec-mot-cua")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, code))
    act(browser, "accept")
    assert "Đã tiếp nhận hồ sơ" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    assert "Đang xử lý" in browser.page_source
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Mẫu 01"))
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in browser.find_element(By.TAG_NAME, "h1").text.upper()
    assert "Phạm Thị Hồ Sơ" in browser.page_source
    shot(browser, "43-mau-01-giay-tiep-nhan")
    # The QR at the top left opens the tracking page (decoded by an independent reader).
    svg = requests.get(f"{server.url}/tra-cuu/qr.svg", params={"ma": code}).content
    work = pathlib.Path(tempfile.mkdtemp())
    (work / "qr.svg").write_bytes(svg)
    subprocess.run(["rsvg-convert", "-w", "400", "-b", "white", str(work / "qr.svg"), "-o", str(work / "qr.png")], check=True)
    decoded = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", str(work / "qr.png")], capture_output=True, text=True).stdout.strip()
    assert decoded.endswith(f"/tra-cuu?ma={code}"), decoded

    # The specialist (routed by field) asks the Department of Justice (liên thông) first.
    switch(browser, server, "hongbang.diachinh")
    browser.get(server.url + "/ho-so")
    assert code in browser.find_element(By.ID, "hop-to-process").text
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, code))
    shot(browser, "44-ho-so-chuyen-vien")
    act(browser, "transfer", transferUnitCode="Sở Tư pháp", note="Đề nghị xác minh thông tin hộ tịch của chủ hộ")
    assert "Đang chuyển cơ quan phối hợp" in browser.page_source and "Sở Tư pháp" in browser.page_source
    switch(browser, server, "stp.chuyenvien")
    browser.get(server.url + "/ho-so")
    assert code in browser.find_element(By.ID, "hop-transferred-in").text
    shot(browser, "47-lien-thong-den")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, code))
    act(browser, "transfer_returned", note="Đã xác minh: thông tin hộ tịch đúng")
    shot(browser, "48-lien-thong-tra-lai")
    switch(browser, server, "hongbang.diachinh")
    browser.get(f"{server.url}/ho-so/{code}")
    assert "Đã xác minh: thông tin hộ tịch đúng" in browser.page_source
    act(browser, "submit_for_approval")
    switch(browser, server, "hongbang.giamdoc")
    browser.get(server.url + "/ho-so")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, code))
    act(browser, "approve")
    assert "Đã xử lý xong" in browser.page_source

    # The officer returns the result; the control slip shows every hand-over.
    switch(browser, server, "hongbang.tiepnhan2")
    browser.get(server.url + "/ho-so")
    assert code in browser.find_element(By.ID, "hop-to-return").text
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, code))
    act(browser, "return_result")
    assert "Đã trả kết quả" in browser.page_source
    browser.get(f"{server.url}/ho-so/{code}/mau/06")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.grid-table tbody tr")
    assert len(rows) == 6  # routing, transfer, its return, submission, approval, return of the result
    shot(browser, "45-mau-06-phieu-kiem-soat")

    # Anyone tracks it with the code; nothing personal shows.
    browser.delete_all_cookies()
    browser.get(server.url + "/tra-cuu")
    browser.find_element(By.ID, "ma").send_keys(code)
    submit(browser)
    assert "Đã trả kết quả" in browser.find_element(By.CSS_SELECTOR, ".result").text
    assert "Phạm Thị Hồ Sơ" not in browser.page_source
    shot(browser, "46-tra-cuu")

    # The month's survey figures of the ward before the rating (the demo's generated history
    # already holds ratings of this month, as many as the day of the month gives).
    month = server_now(server).astimezone(datetime.timezone(datetime.timedelta(hours=7))).strftime("%Y-%m")
    director = requests.Session()
    sign_in_session(director, server.url, "hongbang.giamdoc")
    before = director.get(server.url + "/api/v1/satisfaction/summary", params={"month": month}).json()["overall"]

    # The applicant rates it from the receipt's QR: the tracking page, then the rating form.
    browser.get(decoded.replace("/tra-cuu?", "/tra-cuu?so=2233&"))
    click_and_wait(browser, browser.find_element(By.ID, "danh-gia-ho-so"))
    assert f"Hồ sơ {code}" in browser.page_source
    browser.find_element(By.CSS_SELECTOR, "input[name=level][value='3']").click()
    browser.find_element(By.CSS_SELECTOR, "#danh-gia details summary").click()
    Select(browser.find_element(By.NAME, "criterion-attitude")).select_by_visible_text("Rất hài lòng")
    browser.find_element(By.ID, "comment").send_keys("Cán bộ hướng dẫn tận tình")
    shot(browser, "49-danh-gia-hai-long")
    submit(browser)
    assert "Cảm ơn ông/bà đã đánh giá" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    assert "Rất hài lòng" in browser.page_source  # the saved rating, changeable for a while

    # The center's director reads the month's survey summary: one more form, very satisfied, and
    # the share of satisfied forms computed here from the counts.
    after = director.get(server.url + "/api/v1/satisfaction/summary", params={"month": month}).json()["overall"]
    assert (after["forms"], after["verySatisfied"], after["satisfied"], after["unsatisfied"]) == \
        (before["forms"] + 1, before["verySatisfied"] + 1, before["satisfied"], before["unsatisfied"]), (before, after)
    switch(browser, server, "hongbang.giamdoc")
    browser.get(f"{server.url}/danh-gia/thong-ke?thang={month}")
    shown = browser.find_element(By.ID, "ty-le-hai-long").text
    assert shown.endswith("% hài lòng trở lên"), shown
    expected = 100 * (after["satisfied"] + after["verySatisfied"]) / after["forms"]
    assert abs(float(shown.split("%")[0].replace(",", ".")) - expected) <= 0.05, (shown, expected)
    assert "hongbang.tiepnhan2" not in browser.page_source
    shot(browser, "4a-khao-sat-hai-long")
