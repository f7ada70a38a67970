"""The external checkers the tests drive: the W3C Nu Html Checker (and, from the page tests on, Chromium).

They are installed by `bash scripts/install-test-tools.sh`. A missing tool fails loudly: these tests never skip.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALL = "Run `bash scripts/install-test-tools.sh` first."


def vnu_jar() -> Path:
    jar = ROOT / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"
    if not jar.is_file() or not shutil.which("java"):
        raise RuntimeError(f"The Nu Html Checker (vnu.jar and java) is not installed. {INSTALL}")
    return jar


def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise RuntimeError(f"Debian's chromium is not installed. {INSTALL}")
    return path


def vnu_errors(folder: Path) -> list[str]:
    """Every error the Nu Html Checker finds in the HTML files under `folder`, as "file:line: message"."""
    run = subprocess.run(["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--skip-non-html",
                          str(folder)], capture_output=True, text=True, timeout=600)
    report = json.loads(run.stderr or run.stdout or '{"messages": []}')
    return [f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', '?')}: {m.get('message')}"
            for m in report.get("messages", []) if m.get("type") == "error"]


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def launch_chromium(playwright):
    """Debian's chromium, driven by Playwright; it never downloads a browser of its own."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


class SiteServer:
    """The built site on 127.0.0.1, as a browser sees it, on a free port, in a background thread."""

    def __init__(self, folder: Path):
        import functools
        import http.server
        import threading

        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _quiet_handler_base():
    import http.server
    return http.server.SimpleHTTPRequestHandler


class _QuietHandler(_quiet_handler_base()):
    def log_message(self, *args) -> None:  # keep test output readable
        pass
