#!/usr/bin/env python3
"""Fills a MotCua database (SQLite file or PostgreSQL URL) with generated feedback: N items over the
past year across the demo province's commune-level units and categories, 60% answered and published
(with folded search text, as the server writes it), 10% refused, the rest open.

Usage: bench/voice_data.py (--sqlite PATH | --pg URL) [--count 100000]"""
import argparse
import csv
import datetime
import io
import random
import subprocess
import sqlite3
import unicodedata
import uuid

STREETS = ["Hoàng Văn Thụ", "Điện Biên Phủ", "Trần Phú", "Lê Lợi", "Lạch Tray", "Tô Hiệu", "Cầu Đất", "Lê Thánh Tông", "Nguyễn Đức Cảnh",
           "Hai Bà Trưng", "Quang Trung", "Minh Khai"]
ISSUES = {
    "ha-tang-do-thi": ["Đèn chiếu sáng ngõ {n} phố {s} hỏng", "Mặt đường {s} có ổ gà lớn trước số {n}", "Cống thoát nước phố {s} bị tắc, ngập khi mưa"],
    "moi-truong": ["Rác thải tập kết sai giờ tại ngõ {n} {s}", "Xưởng gỗ số {n} {s} gây tiếng ồn ban đêm", "Khói đốt rác gần số {n} {s}"],
    "trat-tu-do-thi": ["Lấn chiếm vỉa hè trước số {n} {s}", "Xây dựng không phép tại số {n} ngõ {s}", "Quán karaoke số {n} {s} hoạt động quá giờ"],
    "thu-tuc-hanh-chinh": ["Hồ sơ đăng ký khai sinh nộp ngày {n}/11 chưa có kết quả", "Đề nghị hướng dẫn thủ tục chứng thực bản sao tại phường",
                           "Thủ tục đăng ký hộ kinh doanh yêu cầu giấy tờ không có trong quy định"],
    "thai-do-can-bo": ["Cán bộ một cửa hướng dẫn chưa rõ ràng ngày {n}/10", "Đề nghị bố trí thêm cán bộ tiếp nhận buổi sáng"],
}
ANSWERS = ["Phường đã kiểm tra và xử lý xong ngày {d}. Cảm ơn ông/bà đã phản ánh.",
           "UBND phường đã giao đơn vị chức năng khắc phục; dự kiến hoàn thành trước ngày {d}.",
           "Nội dung phản ánh đã được xác minh; phường đã nhắc nhở và yêu cầu chấm dứt vi phạm ngày {d}."]


def fold(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sqlite")
    parser.add_argument("--pg")
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()
    random.seed(7)

    if args.sqlite:
        db = sqlite3.connect(args.sqlite, timeout=60)
        query = lambda sql: db.execute(sql).fetchall()
    else:
        def query(sql):
            out = subprocess.run(["psql", "-qAt", "-F", "\t", args.pg, "-c", sql], check=True, capture_output=True, text=True).stdout
            return [tuple(line.split("\t")) for line in out.splitlines() if line]
    province_id, province_code = query("SELECT id, code FROM provinces ORDER BY code LIMIT 1")[0]
    units = query(f"SELECT id FROM units WHERE province_id = '{province_id}' AND kind IN ('ward', 'commune', 'special_zone')")
    categories = query(f"SELECT id, code, name FROM feedback_categories WHERE province_id = '{province_id}'")
    now = datetime.datetime.now(datetime.timezone.utc)
    rows, per_day = [], {}
    for i in range(args.count):
        submitted = now - datetime.timedelta(seconds=random.randint(3600, 365 * 86400))
        local = submitted + datetime.timedelta(hours=7)
        day = local.strftime("%y%m%d")
        per_day[day] = per_day.get(day, 0) + 1
        code = f"PA{province_code}-{day}-{per_day[day]:04d}"
        category_id, category_code, category_name = random.choice(categories)
        text = random.choice(ISSUES.get(category_code, ["Phản ánh số {n} về {s}"])).format(n=random.randint(1, 200), s=random.choice(STREETS))
        roll = random.random()
        status = "published" if roll < 0.6 else "refused" if roll < 0.7 else random.choice(["submitted", "received", "processing", "awaiting_approval"])
        answered = submitted + datetime.timedelta(days=random.randint(1, 20))
        answer = random.choice(ANSWERS).format(d=(answered + datetime.timedelta(hours=7)).strftime("%d/%m/%Y")) if status == "published" else None
        published = answered + datetime.timedelta(hours=random.randint(1, 40)) if status == "published" else None
        if published and published > now:
            published = answered = now - datetime.timedelta(minutes=1)
        closed = published if status == "published" else (submitted + datetime.timedelta(days=1) if status == "refused" else None)
        useful = random.randint(0, 5) if published else 0
        rows.append({
            "id": str(uuid.uuid4()).upper(), "province_id": province_id, "unit_id": random.choice(units)[0], "category_id": category_id,
            "category_code": category_code, "category_name": category_name, "code": code, "token": str(uuid.uuid4()),
            "secret_hash": "0" * 64, "channel": random.choice(["web", "web", "hotline", "open311"]), "status": status,
            "urgent": False, "description": text + ".", "public_description": text + ".", "attributes": "{}", "pauses": "[]",
            "submitted_at": submitted, "decided_at": submitted + datetime.timedelta(hours=4) if status != "submitted" else None,
            "reception_due_at": submitted + datetime.timedelta(days=2), "first_info_due_at": submitted + datetime.timedelta(days=7),
            "answer_due_at": submitted + datetime.timedelta(days=21), "approved_at": answered if published else None,
            "published_at": published, "closed_at": closed, "answer": answer, "public_question": text + "." if published else None,
            "public_answer": answer, "search_text": fold(f"{text}. {answer} {category_name}") if published else None,
            "useful_count": useful, "not_useful_count": random.randint(0, 2) if published else 0,
            "updated_at": closed or submitted, "version": 3,
        })
    columns = list(rows[0].keys())
    if args.sqlite:
        def value(v):
            if isinstance(v, datetime.datetime):
                return v.timestamp()
            if isinstance(v, bool):
                return int(v)
            return v
        db.executemany(f"INSERT INTO feedback_items ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                       [[value(r[c]) for c in columns] for r in rows])
        db.commit()
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for r in rows:
            writer.writerow(["" if r[c] is None else (r[c].isoformat() if isinstance(r[c], datetime.datetime) else
                                                      ("true" if r[c] is True else "false" if r[c] is False else r[c])) for c in columns])
        subprocess.run(["psql", "-q", args.pg, "-c", f"\\copy feedback_items ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"],
                       input=buffer.getvalue(), text=True, check=True)
        subprocess.run(["psql", "-q", args.pg, "-c", "ANALYZE feedback_items"], check=True)
    print(f"{len(rows)} feedback items, {sum(r['status'] == 'published' for r in rows)} published")


if __name__ == "__main__":
    main()
