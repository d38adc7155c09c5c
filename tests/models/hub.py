"""A stand-in model hub on 127.0.0.1 for the download tests: nothing here reaches a real hub.

It implements the few endpoints huggingface_hub's snapshot_download (via faster-whisper's
download_model) uses, and serves the embedded tiny.en model's files under any repo name:

- GET  /api/models/{repo}[/revision/{rev}]      model info, siblings with size / sha256
- GET  /api/models/{repo}/tree/{rev}            the file listing
- HEAD /{repo}/resolve/{rev}/{file}             ETag, X-Repo-Commit, size
- GET  /{repo}/resolve/{rev}/{file}             the bytes, honouring Range

Faults the tests switch on: `drop_after` (close the connection after N bytes of model.bin, up
to `drops` times, then answer 503 while `fail_after_drop`), `corrupt` (serve model.bin with its
bytes changed, the metadata unchanged), `delay_s` (a slow line, for Cancel).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMMIT = "0123456789abcdef0123456789abcdef01234567"
LFS = {"model.bin"}


def blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class StandInHub:
    def __init__(self, model_dir: Path) -> None:
        self.files = {p.name: p.read_bytes() for p in sorted(Path(model_dir).iterdir())
                      if p.is_file()}
        self.requests: list[tuple[str, str, str | None, str]] = []  # method, path, Range, host
        self.drop_after: int | None = None
        self.drops = 0
        self.fail_after_drop = False
        self.corrupt = False
        self.delay_s = 0.0  # pause between 64 KB chunks of model.bin (a slow line)
        self.served = 0  # bytes of file bodies sent
        self._lock = threading.Lock()
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_HEAD(self) -> None:
                hub._handle(self, head=True)

            def do_GET(self) -> None:
                hub._handle(self, head=False)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> StandInHub:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- answers -------------------------------------------------------------------------------

    def _siblings(self) -> list[dict]:
        out = []
        for name, data in self.files.items():
            entry = {"rfilename": name, "size": len(data), "blobId": blob_id(data)}
            if name in LFS:
                entry["lfs"] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                                "pointerSize": 134}
            out.append(entry)
        return out

    def _tree(self) -> list[dict]:
        out = []
        for s in self._siblings():
            entry = {"type": "file", "path": s["rfilename"], "size": s["size"], "oid": s["blobId"]}
            if "lfs" in s:
                entry["lfs"] = {"oid": s["lfs"]["sha256"], "size": s["size"], "pointerSize": 134}
            out.append(entry)
        return out

    def _body(self, name: str) -> bytes:
        data = self.files[name]
        if self.corrupt and name in LFS:
            mid = len(data) // 2
            data = data[:mid] + bytes(b ^ 0xFF for b in data[mid:mid + 64]) + data[mid + 64:]
        return data

    def _handle(self, req: BaseHTTPRequestHandler, *, head: bool) -> None:
        path = req.path.split("?", 1)[0]
        with self._lock:
            self.requests.append((req.command, path, req.headers.get("Range"),
                                  req.headers.get("Host", "")))
        if m := re.fullmatch(r"/api/models/([^/]+/[^/]+)/tree/[^/]+(?:/.*)?", path):
            return self._json(req, self._tree())
        if m := re.fullmatch(r"/api/models/([^/]+/[^/]+)(?:/revision/[^/]+)?", path):
            return self._json(req, {"id": m.group(1), "modelId": m.group(1), "sha": COMMIT,
                                    "private": False, "siblings": self._siblings()})
        m = re.fullmatch(r"/([^/]+/[^/]+)/resolve/[^/]+/(.+)", path)
        if not m or m.group(2) not in self.files:
            return self._send(req, 404, b'{"error": "not found"}',
                              {"X-Error-Code": "EntryNotFound"})
        name = m.group(2)
        data = self._body(name)
        real = self.files[name]
        etag = (hashlib.sha256(real).hexdigest() if name in LFS else blob_id(real))
        headers = {"ETag": f'"{etag}"', "X-Repo-Commit": COMMIT, "Accept-Ranges": "bytes"}
        if head:
            headers["Content-Length"] = str(len(data))
            return self._send(req, 200, b"", headers, head=True)
        with self._lock:
            dropping = name in LFS and self.drop_after is not None
            if dropping and self.drops <= 0 and self.fail_after_drop:
                return self._send(req, 503, b'{"error": "busy"}', {})
        start = 0
        rng = req.headers.get("Range")
        if rng and (r := re.fullmatch(r"bytes=(\d+)-", rng.strip())):
            start = int(r.group(1))
        part = data[start:]
        status = 206 if start else 200
        if start:
            headers["Content-Range"] = f"bytes {start}-{len(data) - 1}/{len(data)}"
        headers["Content-Length"] = str(len(part))
        req.send_response(status)
        for k, v in headers.items():
            req.send_header(k, v)
        req.end_headers()
        limit = len(part)
        with self._lock:
            if dropping and self.drops > 0:
                self.drops -= 1
                limit = min(limit, max(0, self.drop_after - start))
        sent = 0
        try:
            while sent < limit:
                n = req.wfile.write(part[sent:min(limit, sent + 65536)])
                sent += n
                if self.delay_s and name in LFS:
                    time.sleep(self.delay_s)
        except (BrokenPipeError, ConnectionResetError):
            pass
        with self._lock:
            self.served += sent
        if limit < len(part):  # the connection drops mid-file
            req.close_connection = True
            try:
                req.wfile.flush()
                req.connection.shutdown(2)
            except OSError:
                pass

    def _json(self, req, obj) -> None:
        self._send(req, 200, json.dumps(obj).encode(), {"Content-Type": "application/json"})

    def _send(self, req, status: int, body: bytes, headers: dict, *, head: bool = False) -> None:
        req.send_response(status)
        for k, v in headers.items():
            req.send_header(k, v)
        if "Content-Length" not in headers:
            req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        if not head:
            req.wfile.write(body)
