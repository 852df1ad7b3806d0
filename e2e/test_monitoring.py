"""Monitoring on a phone: the center's director reads the ward's dashboard (figures, the daily
trend and on-time charts, overdue dossiers, the Excel download); the province monitor starts from
the province and drills down to the ward."""
import io
import zipfile

import requests
from selenium.webdriver.common.by import By

from conftest import shot
from test_dossiers import switch
from test_sign_in_and_admin import click_and_wait


def test_dashboards(server, browser):
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
