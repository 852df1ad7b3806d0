"""Monitoring on a phone: the center's director reads the ward's dashboard (figures, the daily
trend and on-time charts, overdue dossiers, the Excel download); the province monitor starts from
the province and drills down to the ward."""
import io
import zipfile

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import present, shot
from test_dossiers import switch
from test_processes import sign_in as sign_in_session
from test_sign_in_and_admin import click_and_wait


def receive_at_counter(server, procedure):
    """A dossier received and accepted at Hồng Bàng's counter now, so that the ward's figures of the
    current period hold one of this procedure whatever the date and whichever tests ran before."""
    officer = requests.Session()
    sign_in_session(officer, server.url, "hongbang.tiepnhan1")
    token = officer.get(server.url + "/ho-so").text.split('name="_csrf" value="')[1].split('"')[0]
    response = officer.post(server.url + "/api/v1/dossiers", headers={"X-CSRF-Token": token}, json={
        "unitCode": "10301008", "procedureCode": procedure, "applicantName": "Lê Văn Giám Sát",
        "applicantIDNumber": "031190000002", "applicantPhone": "0912000111", "applicantAddress": "Số 2 phố Thử",
        "requestSummary": "Hồ sơ của phép thử giám sát", "accept": True})
    assert response.status_code == 201, response.text


def test_dashboards(server, browser):
    receive_at_counter(server, "1.001612")  # Đăng ký thành lập hộ kinh doanh
    switch(browser, server, "hongbang.giamdoc")
    browser.get(server.url + "/giam-sat")
    assert "Phường Hồng Bàng" in browser.find_element(By.CSS_SELECTOR, ".lead").text
    assert browser.find_element(By.ID, "bieu-do-ngay").tag_name == "svg"
    assert "Cần xử lý" in browser.page_source and "Đúng hạn (QĐ 766)" in browser.page_source
    shot(browser, "70-giam-sat-phuong")
    # The Excel file is a real workbook (a ZIP holding the sheet).
    cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "Tải Excel").get_attribute("href")
    workbook = requests.get(link, cookies=cookies)
    assert workbook.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(workbook.content)).namelist()
    assert "xl/worksheets/sheet1.xml" in names

    switch(browser, server, "tinh.giamsat")
    browser.get(server.url + "/giam-sat")
    assert "Thành phố Hải Phòng" in browser.find_element(By.CSS_SELECTOR, ".lead").text
    shot(browser, "71-giam-sat-tinh")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Phường Hồng Bàng"))
    assert "Phường Hồng Bàng" in browser.find_element(By.CSS_SELECTOR, ".lead").text
    assert "theo=field" in browser.current_url and "Hộ kinh doanh" in browser.find_element(By.ID, "bang-so-lieu").text
    shot(browser, "72-giam-sat-tinh-den-phuong")


def test_index_766_and_ranking(server, browser):
    """The province monitor reads the Decision 766 scorecard of the province with its chart and the
    ranking of the units (the demo's generated history gives them figures), opens one ward; the
    ward's director sees the ward's own score and rank."""
    switch(browser, server, "tinh.giamsat")
    browser.get(server.url + "/giam-sat")
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Chỉ số 766"))
    assert "Quyết định 766" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.find_element(By.ID, "bieu-do-nhom").tag_name == "svg"
    ranking = browser.find_element(By.ID, "xep-hang")
    rows = ranking.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) == 114, len(rows)
    assert rows[0].find_element(By.CSS_SELECTOR, "td").text == "1"
    # Indicators MotCua cannot compute say so; computed ones show their inputs.
    # (Each group's indicators open on demand.)
    assert "Chưa tính được" in browser.find_element(By.ID, "chi-so-1.4").get_attribute("textContent")
    progress = browser.find_element(By.ID, "chi-so-2.1")
    progress.find_element(By.XPATH, "ancestor::details/summary").click()
    assert "/" in progress.find_elements(By.CSS_SELECTOR, "td")[1].text
    browser.execute_script("window.scrollTo(0, 0)")
    shot(browser, "73-chi-so-766-tinh")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Phường Hồng Bàng"))
    assert "Phường Hồng Bàng" in browser.find_element(By.CSS_SELECTOR, ".lead").text
    assert "Xếp hạng" in browser.find_element(By.ID, "diem-766").text
    shot(browser, "74-chi-so-766-phuong-tu-tinh")
    # Another period from the list.
    Select(browser.find_element(By.ID, "ky")).select_by_index(12)  # this quarter
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button"))
    assert "Quý" in browser.find_element(By.CSS_SELECTOR, ".lead").text

    switch(browser, server, "hongbang.giamdoc")
    browser.get(server.url + "/giam-sat/chi-so-766")
    assert "Phường Hồng Bàng" in browser.find_element(By.CSS_SELECTOR, ".lead").text
    own = browser.find_element(By.CSS_SELECTOR, "#xep-hang tr.own")
    assert "Phường Hồng Bàng" in own.text
    assert not present(browser, By.CSS_SELECTOR, "#xep-hang a")  # other units' details are the province's
    shot(browser, "75-chi-so-766-phuong")
    # The ward's dashboard drills down from a field to a procedure, an officer and their dossiers.
    browser.get(server.url + "/giam-sat?theo=officer")
    links = browser.find_elements(By.CSS_SELECTOR, "#bang-so-lieu a")
    assert links, "no officer rows"
    click_and_wait(browser, links[0])
    assert browser.find_element(By.ID, "ho-so-nhom").find_elements(By.CSS_SELECTOR, "tbody tr")
    shot(browser, "76-giam-sat-ho-so-can-bo")
