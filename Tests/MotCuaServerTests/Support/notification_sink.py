"""A real SMTP server (aiosmtpd) and an HTTP SMS endpoint for tests: every message received is
parsed with Python's own e-mail package (an independent reader of our MIME) and appended to a
JSON-lines file.

    python3 notification_sink.py OUT_FILE SMTP_PORT HTTP_PORT
"""
import json
import sys
import threading
import time
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

out_path, smtp_port, http_port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lock = threading.Lock()


def record(entry):
    with lock, open(out_path, "a", encoding="utf-8") as out:
        out.write(json.dumps(entry, ensure_ascii=False) + "\n")


class Mail:
    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        record({"kind": "email", "to": envelope.rcpt_tos, "from": envelope.mail_from,
                "subject": str(message["subject"]), "messageID": str(message["message-id"]),
                "body": message.get_content()})
        return "250 OK"


class SMS(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        record({"kind": "sms", "to": body["to"], "text": body["text"], "id": body["id"],
                "idempotencyKey": self.headers.get("Idempotency-Key")})
        self.send_response(202)
        self.end_headers()

    def log_message(self, *args):
        pass


controller = Controller(Mail(), hostname="127.0.0.1", port=smtp_port)
controller.start()
http = ThreadingHTTPServer(("127.0.0.1", http_port), SMS)
threading.Thread(target=http.serve_forever, daemon=True).start()
record({"kind": "ready"})
while True:
    time.sleep(3600)
