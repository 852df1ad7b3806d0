"""A real SMTP server (aiosmtpd) and an HTTP SMS endpoint for tests: every message received is
parsed with Python's own e-mail package (an independent reader of our MIME) and appended to a
JSON-lines file. The ports are chosen by the system and written in the first line,
`{"kind": "ready", "smtpPort": …, "httpPort": …}`.

    python3 notification_sink.py OUT_FILE
"""
import json
import socket
import sys
import threading
import time
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

out_path = sys.argv[1]
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


http = ThreadingHTTPServer(("127.0.0.1", 0), SMS)
threading.Thread(target=http.serve_forever, daemon=True).start()
# aiosmtpd checks that its server is up by connecting to the port, so it needs a number: one the
# system has just given out, tried again if another process takes it first. A loaded machine may
# take a while to start the server thread.
for attempt in range(5):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        smtp_port = probe.getsockname()[1]
    controller = Controller(Mail(), hostname="127.0.0.1", port=smtp_port, ready_timeout=30)
    try:
        controller.start()
        break
    except OSError:
        if attempt == 4:
            raise
record({"kind": "ready", "smtpPort": smtp_port, "httpPort": http.server_address[1]})
while True:
    time.sleep(3600)
