"""The external tools the tests drive: the W3C Nu Html Checker (vnu.jar on the system java) and Debian's
Chromium through Playwright.

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
    """The Nu Html Checker's jar in .tools/ (and a java to run it on), or a RuntimeError saying how to install them."""
    jar = ROOT / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"
    if not jar.is_file():
        raise RuntimeError(f"The Nu Html Checker is not installed: {jar} is missing. {INSTALL}")
    if not shutil.which("java"):
        raise RuntimeError(f"No `java` on PATH to run the Nu Html Checker. {INSTALL}")
    return jar


def chromium_path() -> str:
    """Debian's chromium, or a RuntimeError saying how to install it."""
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        raise RuntimeError(f"Debian's chromium is not installed ({path} is missing). {INSTALL}")
    return path


def run_vnu(paths) -> list[str]:
    """Every error the Nu Html Checker finds in `paths` (HTML files, or folders whose .html files it checks),
    as "file:line: message". A missing path, or a folder without any HTML file, is an error of the caller:
    the checker would pass it without a word."""
    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    if not paths:
        raise ValueError("run_vnu: no files to check")
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(f"run_vnu: {path} does not exist")
        if path.is_dir() and not any(path.rglob("*.html")):
            raise FileNotFoundError(f"run_vnu: no .html file under {path}")
    command = ["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json"]
    if any(path.is_dir() for path in paths):
        command.append("--skip-non-html")
    run = subprocess.run(command + [str(path) for path in paths], capture_output=True, text=True,
                         stdin=subprocess.DEVNULL, timeout=900)
    # The JSON report goes to stderr; the JVM may write other lines there too.
    report_lines = [line for line in (run.stderr + "\n" + run.stdout).splitlines() if line.startswith("{")]
    if run.returncode not in (0, 1) or not report_lines:
        raise RuntimeError(f"The Nu Html Checker failed (exit {run.returncode}):\n{run.stderr[-2000:]}{run.stdout[-2000:]}")
    report = json.loads(report_lines[-1])
    errors = [f"{m.get('url', '?').removeprefix('file:')}:{m.get('lastLine', '?')}: {m.get('message', '')}"
              for m in report.get("messages", []) if m.get("type") in ("error", "non-document-error")]
    if run.returncode == 1 and not errors:
        raise RuntimeError(f"The Nu Html Checker exited 1 but reported no error:\n{report_lines[-1][:2000]}")
    return errors


def vnu_errors(folder: Path) -> list[str]:
    """Every error the Nu Html Checker finds in the HTML files under `folder`, as "file:line: message"."""
    return run_vnu([folder])


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
