"""`python build.py serve`: build, serve the site on 127.0.0.1, and rebuild when the inputs change.

For previewing on the clerk's own machine only. Changes are noticed by polling modification times once a
second, which needs nothing installed and works the same everywhere.
"""
from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host would: the site's own 404 page for anything missing, and no listing
    of a folder without an index.html (`/data/`, `/assets/`)."""

    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        translated = super().translate_path(path)
        # An address with a NUL in it ("/%00") names no file; the file system would raise on it.
        return translated if "\x00" not in translated else str(Path(self.directory) / "\ufffdnot-a-file")

    def list_directory(self, path):
        self.send_site_404()
        return None

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            self.send_site_404()
        else:
            super().send_error(code, message, explain)

    def send_site_404(self) -> None:
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else b"<!DOCTYPE html><title>Not found</title><p>Not found.</p>"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def snapshot(paths: list[Path]) -> dict[str, float]:
    """Every file under `paths` with its modification time."""
    seen = {}
    for path in paths:
        files = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
        for file in files:
            if file.is_file():
                seen[str(file)] = file.stat().st_mtime_ns
    return seen


def serve(args, rebuild: Callable[[], int], poll_seconds: float = 1.0) -> int:
    rebuild()
    out = args.out.resolve()
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop). "
          "Rebuilding when content/, templates/, assets/ or site_config.yaml change.", flush=True)
    watched = [args.content, ROOT / "templates", ROOT / "assets", args.config]
    before = snapshot(watched)
    try:
        while True:
            time.sleep(poll_seconds)
            now = snapshot(watched)
            if now != before:
                before = now
                print("Change seen: rebuilding.", flush=True)
                rebuild()
                sys.stdout.flush()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        server.shutdown()
    return 0
