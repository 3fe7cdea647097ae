"""The notebooks as people open them: JupyterLab from the project's environment, in Chromium.

A JupyterLab server is started on 127.0.0.1 (free port, random token) over a temporary copy
of notebooks/, so the real notebooks are never touched. Headless Chromium, driven through
Playwright, opens each notebook, runs every cell from the Run menu, and the test checks that
no cell shows an error and that the charts are displayed. A screenshot of each notebook is
kept under the test's temporary folder.

Needs Debian's chromium (``apt-get install -y chromium``); ``.ci/run`` installs it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, clean_env

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_S = 90
PAGE_LOAD_MS = 90_000
RUN_ALL_MS = 180_000
# Every cell in the page (no virtual scrolling), and no news or update checks.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"


@dataclass(frozen=True)
class Lab:
    """A running JupyterLab server."""

    url: str
    token: str
    root: Path
    log: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _processes_using(folder: Path) -> list[int]:
    """Pids whose command line names ``folder`` (kernels started by our server)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if str(folder) in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    pids.append(int(entry.name))
    return pids


def _stop(proc: subprocess.Popen[bytes], lab_url: str, token: str, runtime: Path) -> None:
    # Ask the server to shut down its kernels and itself, then make sure of it.
    request = urllib.request.Request(
        f"{lab_url}/api/shutdown", method="POST", headers={"Authorization": f"token {token}"}
    )
    with contextlib.suppress(urllib.error.URLError, OSError):
        urllib.request.urlopen(request, timeout=5).close()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    # Kernels run in their own sessions; any left behind are named by our runtime folder.
    for pid in _processes_using(runtime):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """Start JupyterLab over a copy of notebooks/; shut it down whatever happens."""
    if not CHROMIUM.exists():
        pytest.skip("chromium not installed: apt-get install -y chromium")
    base = tmp_path_factory.mktemp("lab")
    root = base / "notebooks"
    shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = base / "user-settings"
    for name, values in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values), encoding="utf-8")
    runtime = base / "runtime"
    env = clean_env(
        # The environment's own python3 kernelspec, as `make lab` uses it.
        JUPYTER_PATH=str(Path(sys.prefix) / "share" / "jupyter"),
        JUPYTER_RUNTIME_DIR=str(runtime),
        JUPYTER_CONFIG_DIR=str(base / "config"),
        JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"),
    )
    env.pop("MPLBACKEND", None)
    port, token = _free_port(), secrets.token_hex(24)
    command = [
        str(BIN / "jupyter"),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={base / 'workspaces'}",
        "--LabApp.extension_manager=readonly",
        "--ServerApp.terminals_enabled=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # CI containers run as root
    log = base / "server.log"
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            command, cwd=base, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + SERVER_START_S
        while not _answers(f"{url}/api/status?token={token}"):
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not answer in {SERVER_START_S} s:\n{log.read_text()}")
            time.sleep(0.25)
        yield Lab(url=url, token=token, root=root, log=log)
    finally:
        _stop(proc, url, token, runtime)


@pytest.fixture(scope="module")
def browser(lab: Lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _api(lab: Lab, path: str, method: str = "GET") -> object:
    request = urllib.request.Request(
        f"{lab.url}/api/{path}", method=method, headers={"Authorization": f"token {lab.token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body else None


def _session(lab: Lab, notebook: str) -> dict | None:
    sessions = _api(lab, "sessions")
    assert isinstance(sessions, list)
    return next((s for s in sessions if s["path"] == notebook and s.get("kernel")), None)


def _wait_for_kernel(page, lab: Lab, notebook: str) -> dict:
    """Wait until the notebook has a kernel; answer Lab's kernel dialog as a reader would.

    Lab normally starts the notebook's ``python3`` kernel by itself; when the page loads
    before the kernel list, it asks instead, with that kernel preselected.
    """
    deadline = time.monotonic() + PAGE_LOAD_MS / 1000
    while (session := _session(lab, notebook)) is None:
        dialog = page.locator(".jp-Dialog")
        if dialog.count() and "Select Kernel" in dialog.first.inner_text():
            chosen = dialog.locator("select").first
            label = chosen.evaluate("s => s.options[s.selectedIndex].textContent")
            assert label == "Python 3 (ipykernel)", f"Lab proposes the kernel {label!r}"
            dialog.get_by_role("button", name="Select").click()
            print(f"{notebook}: accepted Lab's kernel dialog ({label})")
        assert time.monotonic() < deadline, f"no kernel started for {notebook}"
        time.sleep(0.25)
    assert session["kernel"]["name"] == "python3"
    return session


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).click()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_in_jupyterlab(path: Path, lab: Lab, browser, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    page.set_default_timeout(60_000)  # clicks and lookups; the long waits set their own
    session: dict | None = None
    try:
        # A workspace of its own, reset, so only this notebook is open.
        page.goto(
            f"{lab.url}/lab/workspaces/{path.stem}/tree/{path.name}?reset&token={lab.token}",
            timeout=PAGE_LOAD_MS,
        )
        page.wait_for_selector(f"{NOTEBOOK} .jp-Cell", timeout=PAGE_LOAD_MS)
        session = _wait_for_kernel(page, lab, path.name)
        indicator = f"{NOTEBOOK} .jp-Notebook-ExecutionIndicator"
        page.wait_for_selector(f"{indicator}[data-status='idle']", timeout=PAGE_LOAD_MS)
        dialogs = page.locator(".jp-Dialog")
        assert dialogs.count() == 0, f"a dialog is in the way: {dialogs.first.inner_text()}"
        code_cells = page.locator(f"{NOTEBOOK} .jp-CodeCell").count()
        assert code_cells > 0

        _menu(page, "Run", "Run All Cells")
        # Done when every code cell shows its execution count and the kernel is idle again.
        page.wait_for_function(
            """([panel, expected]) => {
                const prompt = `${panel} .jp-CodeCell .jp-InputPrompt`;
                const prompts = [...document.querySelectorAll(prompt)];
                const status = document.querySelector(`${panel} .jp-Notebook-ExecutionIndicator`);
                return prompts.length === expected
                    && prompts.every(p => /^\\[\\d+\\]:$/.test(p.textContent.trim()))
                    && status && status.dataset.status === "idle";
            }""",
            arg=[NOTEBOOK, code_cells],
            timeout=RUN_ALL_MS,
        )

        errors = page.locator(
            f"{NOTEBOOK} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
            f"{NOTEBOOK} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
        )
        assert errors.count() == 0, "a cell shows an error:\n" + "\n---\n".join(
            errors.all_inner_texts()
        )

        expected_charts = sum(
            len(re.findall(r"\bfigures\.\w+\(\)", cell))
            for cell in page.locator(f"{NOTEBOOK} .jp-CodeCell .jp-InputArea").all_inner_texts()
        )
        images = page.locator(f"{NOTEBOOK} .jp-RenderedImage img")
        page.wait_for_function(
            """(selector) => [...document.querySelectorAll(selector)]
                .every(img => img.complete && img.naturalWidth > 0)""",
            arg=f"{NOTEBOOK} .jp-RenderedImage img",
            timeout=30_000,
        )
        widths = images.evaluate_all("imgs => imgs.map(img => img.naturalWidth)")
        assert expected_charts > 0
        assert len(widths) == expected_charts, f"{len(widths)} images for {expected_charts} charts"
        assert all(width > 0 for width in widths), widths

        images.first.scroll_into_view_if_needed()
        shot = tmp_path / f"{path.stem}.png"
        page.screenshot(path=shot)
        print(f"screenshot: {shot}")
    finally:
        page.close()
        if session is not None:  # free the kernel before the next notebook
            with contextlib.suppress(urllib.error.URLError, OSError):
                _api(lab, f"sessions/{session['id']}", method="DELETE")
