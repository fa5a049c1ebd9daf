"""The dashboard as a person uses it: Chromium driving JupyterLab and Voila, started by the test.

Each test copies notebook 05 into a temporary project (``notebooks/`` + a link to ``data/``), starts
the server on 127.0.0.1 with a random token on a free port, runs the notebook, changes the
speaker selection, checks that the chart image changed and the quote table shrank, clicks
Export and validates every written file. Screenshots go to ``reports/screenshots/``.

Needs Debian's chromium (``make browser``); never ``playwright install``. Without chromium the
tests skip, except under CI (``CI`` set), where they fail.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "05_charts_and_export.ipynb"
SHOTS = ROOT / "reports" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]
BIN = Path(sys.executable).parent  # jupyter and voila from the same environment as pytest

DASH = ".ql-dashboard"
IMAGE = f"{DASH} img.widget-image"
SELECT = f"{DASH} .widget-select-multiple select"
ROWS = f"{DASH} table.ql-quote-table tbody tr"
EXPORT_STATUS = f"{DASH} .ql-export-status"
N_EXPORTED = 4 * 3 + 2  # 4 charts x (png, svg, pdf) + csv + json

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(900)]


# -- servers -----------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=3)
            return
        except urllib.error.HTTPError:  # it answered: it is up
            return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer in {timeout} s:\n{log.read_text()[-3000:]}")


class Server:
    """A server process in its own process group, stopped (with its kernels) on exit."""

    def __init__(self, cmd: list[str], cwd: Path, ready_url: str, log: Path, env: dict[str, str]):
        self.log = log
        self._fh = open(log, "w")
        self.proc = subprocess.Popen(cmd, cwd=cwd, stdout=self._fh, stderr=subprocess.STDOUT, env=env,
                                     start_new_session=True)
        try:
            _wait_http(ready_url, self.proc, log)
        except Exception:
            self.stop()
            raise

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        try:  # kernels the server started, if it left any behind (our own process group only)
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self._fh.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: run `make browser` (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must run the browser tests, not skip them
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROME_ARGS)
        yield b
        b.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throw-away project: a copy of the notebook (the browser may save it), the real inputs."""
    (tmp_path / "notebooks").mkdir()
    shutil.copy(NOTEBOOK, tmp_path / "notebooks" / NOTEBOOK.name)
    (tmp_path / "data").symlink_to(ROOT / "data", target_is_directory=True)  # only read
    return tmp_path


def _env(project: Path) -> dict[str, str]:
    return {**os.environ, "QUOTELENS_ROOT": str(project), "PYTHONUNBUFFERED": "1"}


# -- what a person does --------------------------------------------------------------------------

def _rows(page) -> int:
    return page.locator(ROWS).count()


def _use_the_dashboard(page, figures: Path) -> dict:
    """Change the speakers, see the chart and table change, export, check the files."""
    page.wait_for_function(
        "sel => { const i = document.querySelector(sel); return i && i.getAttribute('src'); }",
        arg=IMAGE, timeout=240_000)
    page.locator(SELECT).scroll_into_view_if_needed()
    labels = page.locator(f"{SELECT} option").all_inner_texts()
    assert len(labels) >= 3, labels
    rows_before = _rows(page)
    assert rows_before > 0
    old_src = page.locator(IMAGE).first.get_attribute("src")
    page.select_option(SELECT, label=labels[:2])  # fires the change event ipywidgets listens to
    chosen = [label.replace("\xa0", " ") for label in labels[:2]]  # the two most quoted speakers
    page.wait_for_function(
        "([sel, old]) => { const i = document.querySelector(sel); return i && i.getAttribute('src') !== old; }",
        arg=[IMAGE, old_src], timeout=120_000)
    page.wait_for_function(f"n => document.querySelectorAll({ROWS!r}).length < n", arg=rows_before,
                           timeout=60_000)
    rows_after = _rows(page)
    assert 0 < rows_after < rows_before
    # updated in place: still one dashboard, four chart images, one table (no stacked outputs)
    assert page.locator(DASH).count() == 1 and page.locator(IMAGE).count() == 4
    assert page.locator(f"{DASH} table.ql-quote-table").count() == 1
    shown_speakers = set(page.locator(f"{ROWS} td:nth-child(2)").all_inner_texts())
    assert shown_speakers == set(chosen)

    status = page.locator(EXPORT_STATUS)
    before = status.inner_text() if status.count() else ""  # a headless export may have run already
    page.locator(f"{DASH} button", has_text="Export").click()
    page.wait_for_function(
        "([sel, old]) => { const s = document.querySelector(sel);"
        " return s && s.innerText.includes('Wrote') && s.innerText !== old; }",
        arg=[EXPORT_STATUS, before], timeout=180_000)
    listed = [Path(t) for t in page.locator(f"{EXPORT_STATUS} code").all_inner_texts()]
    assert len(listed) == N_EXPORTED
    for path in listed:
        assert path.parent == figures and path.is_file(), path
        _assert_valid(path)
    table = pd.read_csv(next(p for p in listed if p.suffix == ".csv"))
    assert len(table) == rows_after and set(table["speaker"]) == set(chosen)
    sidecar = json.loads(next(p for p in listed if p.suffix == ".json").read_text())
    assert sidecar["filters"]["speakers"] == chosen
    assert len(sidecar["article_sha256"]) == 64
    return {"chosen": chosen, "rows": (rows_before, rows_after), "files": listed}


def _assert_valid(path: Path) -> None:
    data = path.read_bytes()
    if path.suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        at = data.index(b"pHYs")
        assert int.from_bytes(data[at + 4:at + 8], "big") == 11811  # 300 dpi in px per metre
    elif path.suffix == ".svg":
        assert ET.fromstring(data).tag.endswith("svg")
    elif path.suffix == ".pdf":
        from pypdf import PdfReader

        assert len(PdfReader(path).pages) == 1
    elif path.suffix == ".csv":
        assert len(pd.read_csv(path).columns) > 3
    elif path.suffix == ".json":
        assert json.loads(data)["quotelens_version"]
    else:
        raise AssertionError(f"unexpected export {path.name}")


def _screenshot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    page.screenshot(path=str(path))  # the viewport, scrolled to the dashboard
    assert path.stat().st_size > 20_000
    return path


@contextmanager
def _dashboard_page(browser, server: Server, name: str):
    """A page on ``server`` (stopped after); on failure a full-page ``{name}_failure.png``, after
    success the dashboard screenshot ``{name}_dashboard.png``."""
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    try:
        yield page
        page.locator(DASH).scroll_into_view_if_needed()
        _screenshot(page, f"{name}_dashboard.png")
    except Exception:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}_failure.png"), full_page=True)
        raise
    finally:
        page.close()
        server.stop()


# -- the tests -------------------------------------------------------------------------------------

def test_dashboard_in_jupyterlab(browser, project):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    port, token = _free_port(), secrets.token_hex(16)
    server = Server([str(BIN / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
                     f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={project}",
                     "--LabApp.news_url=None",
                     "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
                    + (["--allow-root"] if os.geteuid() == 0 else []),
                    project, f"http://127.0.0.1:{port}/api/status?token={token}",
                    project / "lab.log", _env(project))
    with _dashboard_page(browser, server, "jupyterlab") as page:
        page.goto(f"http://127.0.0.1:{port}/lab/tree/notebooks/{NOTEBOOK.name}?token={token}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        # A fresh server may ask which kernel to use: take the notebook's own (python3).
        try:
            page.wait_for_selector(".jp-Dialog .jp-mod-accept", timeout=10_000)
            page.locator(".jp-Dialog .jp-mod-accept").click()
        except PlaywrightTimeout:
            pass
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
        # Run > Run All Cells. On a cold start the command is sometimes dropped: check that a
        # prompt turned into [n] or [*], and retry.
        for attempt in range(4):
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
            try:
                page.wait_for_function(
                    "() => [...document.querySelectorAll('.jp-InputArea-prompt')]"
                    ".some(e => /\\[(\\d+|\\*)\\]/.test(e.textContent))", timeout=15_000)
                break
            except PlaywrightTimeout:
                if attempt == 3:
                    raise
        figures = project / "reports" / "figures"
        # the headless export cell (export = True) ran at the end of Run All
        page.wait_for_function("() => document.body.innerText.includes('Wrote 14 files into')",
                               timeout=300_000)
        headless = sorted(figures.iterdir())
        assert len(headless) == N_EXPORTED and all("__all" in p.name for p in headless)
        result = _use_the_dashboard(page, figures)
        assert not set(result["files"]) & set(headless)
        assert len(list(figures.iterdir())) == 2 * N_EXPORTED  # nothing overwritten


def test_dashboard_in_voila(browser, project):
    port, token = _free_port(), secrets.token_hex(16)
    server = Server([str(BIN / "voila"), f"notebooks/{NOTEBOOK.name}", "--no-browser", f"--port={port}",
                     "--Voila.ip=127.0.0.1", f"--token={token}"],
                    project, f"http://127.0.0.1:{port}/favicon.ico",  # a GET on / runs the notebook
                    project / "voila.log", _env(project))
    with _dashboard_page(browser, server, "voila") as page:
        page.goto(f"http://127.0.0.1:{port}/?token={token}", timeout=300_000)
        figures = project / "reports" / "figures"
        page.wait_for_selector(IMAGE, timeout=300_000)
        page.wait_for_function(
            "() => document.body.innerText.includes('No headless export')", timeout=120_000)
        assert not figures.exists() or not any(figures.iterdir())  # a page view writes nothing
        assert "Traceback" not in page.inner_text("body")
        result = _use_the_dashboard(page, figures)
        assert sorted(figures.iterdir()) == sorted(result["files"])


def test_servers_refuse_requests_without_the_token(project):
    """The dashboard binds to 127.0.0.1 and needs its token (article text is untrusted)."""
    port, token = _free_port(), secrets.token_hex(16)
    server = Server([str(BIN / "voila"), f"notebooks/{NOTEBOOK.name}", "--no-browser", f"--port={port}",
                     "--Voila.ip=127.0.0.1", f"--token={token}"],
                    project, f"http://127.0.0.1:{port}/favicon.ico", project / "voila.log", _env(project))
    try:
        import http.client

        for path in ("/", f"/voila/render/notebooks/{NOTEBOOK.name}", "/api/kernels"):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", path)  # no token: refused or sent to the login page, never rendered
            reply = conn.getresponse()
            body = reply.read().decode("utf-8", "replace")
            conn.close()
            assert reply.status in (302, 401, 403, 404), (path, reply.status)
            if reply.status == 302:
                assert "/login" in reply.getheader("Location", ""), reply.getheader("Location")
            assert "ql-dashboard" not in body and "Belarus" not in body
        with socket.socket() as s:  # not reachable on another interface address
            s.settimeout(2)
            other = socket.gethostbyname(socket.gethostname())
            if not other.startswith("127."):  # a machine with only loopback has nothing to check
                assert s.connect_ex((other, port)) != 0
    finally:
        server.stop()
