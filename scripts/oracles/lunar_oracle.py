#!/usr/bin/env python3
"""Writes Tests/MotCuaCoreTests/Fixtures/lunar-oracle.csv from the `vnlunar` PyPI package (UTC+7):
every 5th day from 1900-01-31 to 2100-12-31 as solar→lunar, and for every year 1900–2100 the solar
dates of Tết (1/1) and Giỗ Tổ Hùng Vương (10/3)."""
import datetime
import pathlib

import vnlunar

root = pathlib.Path(__file__).resolve().parents[2]
out = root / "Tests/MotCuaCoreTests/Fixtures/lunar-oracle.csv"
lines = ["kind,solar,lunar_day,lunar_month,lunar_year,leap"]
day = datetime.date(1900, 1, 31)
while day <= datetime.date(2100, 12, 31):
    lunar = vnlunar.convert_solar_to_lunar(day.day, day.month, day.year, 7.0)
    lines.append(f"s2l,{day.isoformat()},{lunar['day']},{lunar['month']},{lunar['year']},{lunar['leap']}")
    day += datetime.timedelta(days=5)
for year in range(1900, 2101):
    for lunar_day, lunar_month in [(1, 1), (10, 3)]:
        d, m, y = vnlunar.convert_lunar_to_solar(lunar_day, lunar_month, year, 0, 7.0)
        lines.append(f"l2s,{datetime.date(y, m, d).isoformat()},{lunar_day},{lunar_month},{year},0")
out.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"{len(lines) - 1} rows written to {out}")
