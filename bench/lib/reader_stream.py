"""Streams comments and newsletter sign-ups at a running Depesche, as readers' browsers send them.

Each worker opens the article page (comment form) and the newsletter page (sign-up form) to get their
signed single-use tokens, keeps them until they are older than the forms' minimum fill-in time, then
posts them with a unique marker (the comment text, the sign-up address). Every request is logged with
its outcome: one line "kind<TAB>marker<TAB>status" (status "error" when no answer came, e.g. because
the server was killed). Runs until the deadline, or until the server has refused connections for
three seconds (it was killed).

    python3 reader_stream.py BASE_URL ARTICLE_PATH RUN_ID SECONDS WORKERS OUT_FILE
"""
import collections
import http.client
import re
import sys
import threading
import time
import urllib.parse

BASE, ARTICLE, RUN, SECONDS, WORKERS, OUT = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
FILL = 3.5  # above the comment form's and the sign-up form's minimum fill-in time (2 s and 3 s by default)
TOKEN = re.compile(rb'name="token" value="([^"]+)"')
ARTICLE_ID = re.compile(rb'name="article" value="(\d+)"')
parts = urllib.parse.urlsplit(BASE)
deadline = time.monotonic() + SECONDS
log_lock = threading.Lock()
refused_since = [None]  # when the server began refusing connections (None while it answers)
out = open(OUT, "w", buffering=1)


class Browser:
    def __init__(self):
        self.connection = None

    def request(self, method, path, body=None):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            answer = response.status, response.read()
            refused_since[0] = None
            return answer
        except ConnectionRefusedError:
            if refused_since[0] is None:
                refused_since[0] = time.monotonic()
            self.connection.close()
            self.connection = None
            return None, b""
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            return None, b""


def record(kind, marker, status):
    with log_lock:
        out.write(f"{kind}\t{marker}\t{status if status is not None else 'error'}\n")


def worker(number):
    browser = Browser()
    waiting = {"comment": collections.deque(), "signup": collections.deque()}
    pages = {"comment": ARTICLE, "signup": "/newsletter"}
    article_id = None
    n = 0
    while time.monotonic() < deadline and (refused_since[0] is None or time.monotonic() - refused_since[0] < 3):
        for kind in ("comment", "signup"):
            queue = waiting[kind]
            if not queue or time.monotonic() - queue[0][1] < FILL:
                status, body = browser.request("GET", pages[kind])
                match = TOKEN.search(body) if status == 200 else None
                if match:
                    queue.append((match.group(1).decode(), time.monotonic()))
                    if kind == "comment" and article_id is None:
                        article_id = ARTICLE_ID.search(body).group(1).decode()
                elif status is None:
                    time.sleep(0.05)  # the server is away (killed): try again shortly
                continue
            token = queue.popleft()[0]
            n += 1
            marker = f"crash-{RUN}-{number}-{n}"
            if kind == "comment":
                form = {"article": article_id, "token": token, "name": "Leser " + marker, "email": marker + "@example.org",
                        "consent": "true", "website": "", "text": "Kommentar " + marker + " zum Thema der Meldung"}
                status, _ = browser.request("POST", "/kommentare", urllib.parse.urlencode(form))
            else:
                form = {"kind": "newsletter", "target": "weekly", "channel": "email", "token": token,
                        "email": marker + "@example.org", "consent": "true", "website": ""}
                status, _ = browser.request("POST", "/abo", urllib.parse.urlencode(form))
            record(kind, marker, status)


threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
out.close()
