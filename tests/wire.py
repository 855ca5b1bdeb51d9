"""What a reader's browser transfers: a static server that serves a built site the way GitHub Pages
does (gzip, ``Cache-Control: max-age=600``, ETag revalidation) and counts every byte it sends, and
a Chromium probe that sums DevTools' ``encodedDataLength`` of every response a page receives.

Used by ``tests/bench.py`` (the figures) and by the browser tests (what is fetched, and when).
"""

from __future__ import annotations

import gzip
import json
import hashlib
import mimetypes
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".ipynb", ".csv", ".webmanifest")
MAX_AGE = 600


class _Counter:
    """Wraps the socket file a handler writes to, counting what goes out."""

    def __init__(self, raw, log: list, key: str):
        self.raw, self.log, self.key = raw, log, key

    def write(self, data):
        self.log.append((self.key, len(data)))
        return self.raw.write(data)

    def flush(self):
        return self.raw.flush()

    def __getattr__(self, name):
        return getattr(self.raw, name)


@dataclass
class Served:
    """A running server: ``url`` is the site's root; ``sent`` lists (path, bytes) as sent."""

    url: str
    server: ThreadingHTTPServer
    sent: list = field(default_factory=list)
    requests: list = field(default_factory=list)  # the path of every GET, in order

    def mark(self) -> int:
        return len(self.sent)

    def since(self, mark: int) -> dict[str, int]:
        out: dict[str, int] = {}
        for path, n in self.sent[mark:]:
            out[path] = out.get(path, 0) + n
        return out

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def serve_like_pages(root: Path) -> Served:
    """Serve ``root`` on 127.0.0.1 (a free port) with gzip, caching and revalidation."""
    root = root.resolve()
    cache: dict[Path, tuple[bytes, bytes, str]] = {}
    served: Served

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet
            pass

        def _file(self) -> Path | None:
            rel = unquote(urlsplit(self.path).path).lstrip("/")
            p = (root / rel).resolve()
            if root not in p.parents and p != root:
                return None
            if p.is_dir():
                p = p / "index.html"
            return p if p.is_file() else None

        def do_GET(self):  # noqa: N802
            # one counter per request, around the socket file (not around the last request's counter:
            # on a kept-alive connection that would count this request under every earlier path too)
            raw = self.wfile.raw if isinstance(self.wfile, _Counter) else self.wfile
            self.wfile = _Counter(raw, served.sent, urlsplit(self.path).path)
            served.requests.append(urlsplit(self.path).path)
            p = self._file()
            status = 200
            if p is None:
                status, p = 404, root / "404.html"
                if not p.is_file():
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            if p not in cache:
                raw = p.read_bytes()
                cache[p] = (raw, gzip.compress(raw, compresslevel=6), '"' + hashlib.sha1(raw).hexdigest()[:16] + '"')
            raw, packed, etag = cache[p]
            if status == 200 and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Cache-Control", f"max-age={MAX_AGE}")
                self.end_headers()
                return
            use_gzip = p.suffix.lower() in COMPRESSIBLE and "gzip" in (self.headers.get("Accept-Encoding") or "")
            body = packed if use_gzip else raw
            self.send_response(status)
            ctype = mimetypes.guess_type(p.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
                ctype += "; charset=utf-8"
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if use_gzip:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Cache-Control", f"max-age={MAX_AGE}")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", formatdate(p.stat().st_mtime, usegmt=True))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served = Served(url=f"http://127.0.0.1:{server.server_port}/", server=server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return served


class Probe:
    """DevTools' view of one page's network: every response's encodedDataLength (bytes on the wire,
    headers included), by URL. Attach it before navigating.

    A page that a service worker controls gets its responses from the worker (encodedDataLength
    0 in the page's view); the worker's own fetches are what goes on the wire. Given the
    ``browser``, the probe also attaches to every service worker (a browser-level DevTools
    session; the worker's session is not flattened, so its messages come wrapped) and counts
    their responses too, under the key ``"sw " + url``."""

    def __init__(self, page, browser=None):
        self.cdp = page.context.new_cdp_session(page)
        self.urls: dict[str, str] = {}
        self.bytes: dict[str, int] = {}
        self.cdp.on("Network.requestWillBeSent", lambda e: self.urls.__setitem__(e["requestId"], e["request"]["url"]))
        self.cdp.on("Network.loadingFinished", self._done)
        self.cdp.send("Network.enable")
        self.browser_cdp = None
        if browser is not None:
            self._sw_urls: dict[str, str] = {}
            self._attached: set[str] = set()
            b = self.browser_cdp = browser.new_browser_cdp_session()
            b.on("Target.targetCreated", self._target)
            b.on("Target.receivedMessageFromTarget", self._sw_message)
            b.send("Target.setDiscoverTargets", {"discover": True})

    def _done(self, e) -> None:
        url = self.urls.get(e["requestId"], "?")
        if url.startswith("data:"):  # decoded in the browser (the icons of the stylesheet): never on the wire
            return
        self.bytes[url] = self.bytes.get(url, 0) + int(e.get("encodedDataLength") or 0)

    def _target(self, e) -> None:
        info = e["targetInfo"]
        if info["type"] != "service_worker" or info["targetId"] in self._attached:
            return
        self._attached.add(info["targetId"])
        session = self.browser_cdp.send("Target.attachToTarget", {"targetId": info["targetId"], "flatten": False})["sessionId"]
        self.browser_cdp.send("Target.sendMessageToTarget",
                              {"sessionId": session, "message": json.dumps({"id": 1, "method": "Network.enable"})})

    def _sw_message(self, e) -> None:
        m = json.loads(e["message"])
        params = m.get("params") or {}
        if m.get("method") == "Network.requestWillBeSent":
            self._sw_urls[params["requestId"]] = params["request"]["url"]
        elif m.get("method") == "Network.loadingFinished":
            url = "sw " + self._sw_urls.get(params["requestId"], "?")
            self.bytes[url] = self.bytes.get(url, 0) + int(params.get("encodedDataLength") or 0)

    def reset(self) -> None:
        self.bytes = {}

    def total(self) -> int:
        return sum(self.bytes.values())

    def throttle(self, down_kbit: float, up_kbit: float, latency_ms: float) -> None:
        self.cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": latency_ms,
            "downloadThroughput": down_kbit * 1000 / 8, "uploadThroughput": up_kbit * 1000 / 8})

    def close(self) -> None:
        if self.browser_cdp is not None:
            self.browser_cdp.detach()
            self.browser_cdp = None


def settle(page, quiet_ms: int = 800, timeout_ms: int = 30000) -> None:
    """Wait until the page has loaded and nothing more was requested for ``quiet_ms``."""
    page.wait_for_load_state("load")
    try:
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
    except Exception:  # a page that keeps a request open still gets measured
        pass
    page.wait_for_timeout(quiet_ms)


def now() -> float:
    return time.perf_counter()
