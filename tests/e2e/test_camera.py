"""Check my form in JupyterLab with Chromium's fake camera, and the pose files on every server.

The fake camera plays a video rendered from the workbook's own low-lunge figure (its held
key pose, the joints painted as a person by ``pose_pictures``): 4 s in position, then 4 s
with the trunk turned 40° forward (a mistake the camera can see), looping. The model runs in
the page from the files Jupyter serves itself; the test records every request the page makes
and finds none to another host.
"""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_FLAGS,
    LabServer,
    Notebook,
    RequestLog,
    VoilaServer,
    lab_notebook_root,
)
from .pose_pictures import figure_points, key_times, lean_trunk, person_svg, to_pixels, write_y4m

POSE_PATH = "psoas-pose/npm/node_modules/@mediapipe/pose/"
JS_TYPES = ("text/javascript", "application/javascript")  # what nosniff accepts for a script
CAMERA_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": (
                "from psoas_lib.content.pose_rules import load_pose_rules\n"
                "from psoas_lib.ui.camera import CameraCheck\n"
                "camera = CameraCheck()\n"
                "camera.use_rules(load_pose_rules()['low-lunge'])\n"
                "camera"
            ),
        }
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


PLAYER_NOTEBOOK = {
    **CAMERA_NOTEBOOK,
    "cells": [
        {
            **CAMERA_NOTEBOOK["cells"][0],
            "source": (
                "import ipywidgets\n"
                "from psoas_lib import load_catalog, make_routine, save_routine\n"
                "from psoas_lib.ui.form_check import FormCheckView\n"
                "from psoas_lib.ui.player import Player\n"
                "save_routine(make_routine(load_catalog(user=False), 'Lunge', ['low-lunge']))\n"
                "player = Player('lunge', levels=None)\n"
                "player.warmed_up()\n"
                "ipywidgets.VBox([player, FormCheckView(player)])"
            ),
        }
    ],
}


TWICE_NOTEBOOK = {
    **CAMERA_NOTEBOOK,
    "cells": [
        {
            **CAMERA_NOTEBOOK["cells"][0],
            "source": (
                "from IPython.display import display\n"
                "from psoas_lib.content.pose_rules import load_pose_rules\n"
                "from psoas_lib.ui.camera import CameraCheck\n"
                "camera, other = CameraCheck(), CameraCheck()\n"
                "for widget in (camera, other):\n"
                "    widget.use_rules(load_pose_rules()['low-lunge'])\n"
                "display(camera)\n"
                "display(camera)  # the same check shown twice\n"
                "display(other)  # and another check on the same page"
            ),
        }
    ],
}
#: Counts the page's camera streams: each getUserMedia call and the tracks still live.
COUNT_STREAMS = """(() => {
  const devices = navigator.mediaDevices, ask = devices.getUserMedia.bind(devices);
  window.cameraCalls = 0;
  window.cameraStreams = [];
  devices.getUserMedia = (constraints) => {
    window.cameraCalls += 1;
    return ask(constraints).then((s) => { window.cameraStreams.push(s); return s; });
  };
  window.liveTracks = () => window.cameraStreams
    .flatMap((s) => s.getTracks()).filter((t) => t.readyState === "live").length;
})();"""


def lunge_video(page: Any, path: Path) -> Path:
    """4 s of the held low lunge, then 4 s leaning 40° forward, at 5 frames a second."""
    t = key_times("low-lunge")[-1][0]
    points, depth = figure_points("low-lunge", "left", t)
    facing = 1 if points["chin"][0] > points["neck"][0] else -1
    good, bad = to_pixels(
        page, [person_svg(points, depth), person_svg(lean_trunk(points, 40, facing), depth)]
    )
    return write_y4m(path, [good] * 20 + [bad] * 20, fps=5)


@pytest.fixture(scope="module")
def camera_lab(tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("camera-lab")
    (work / "psoas-home").mkdir()
    extra = {}
    for name, content in (
        ("camera_check", CAMERA_NOTEBOOK),
        ("camera_player", PLAYER_NOTEBOOK),
        ("camera_twice", TWICE_NOTEBOOK),
    ):
        extra[f"{name}.ipynb"] = work / f"{name}.ipynb"
        extra[f"{name}.ipynb"].write_text(json.dumps(content))
    server = LabServer(work, work / "psoas-home", lab_notebook_root(work, extra))
    try:
        server.start()
        yield server
    finally:
        server.stop()


POSE_JS = Path(__file__).parents[2] / "jupyter/data/labextensions" / POSE_PATH / "pose.js"


@pytest.fixture(scope="module")
def camera_browser(browser, tmp_path_factory: pytest.TempPathFactory):
    """Chromium whose camera plays the lunge video (see the module docstring), launched by
    the session's Playwright (a second sync Playwright cannot run beside it)."""
    if not POSE_JS.exists():
        raise AssertionError(f"{POSE_JS} is missing: run make install (npm ci of the pose model)")
    painter = browser.new_page()
    video = lunge_video(painter, tmp_path_factory.mktemp("video") / "lunge.y4m")
    painter.close()
    flags = [
        *CHROMIUM_FLAGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    fake = browser.browser_type.launch(executable_path=str(CHROMIUM), args=flags)
    yield fake
    fake.close()


@pytest.mark.slow
def test_check_my_form_runs_offline_and_judges_the_fake_camera(camera_lab, camera_browser):
    context = camera_browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        log = RequestLog(page, camera_lab.base)
        nb = Notebook(page, camera_lab, "camera_check.ipynb").open()
        nb.run_all()
        widget = nb.widget("psoas-camera")
        expect(widget.locator(".psoas-camera-light")).to_have_text("Camera off")
        before = list(log.urls)
        assert not any("mediapipe" in u for u in before), "the model loaded before the check"

        widget.get_by_role("button", name="Turn on Check my form").click()
        expect(widget.locator(".psoas-camera-light")).to_have_text("● Camera on", timeout=90_000)
        verdict = widget.locator(".psoas-camera-verdict")
        # the held lunge, then the leaning trunk, then the lunge again (the video loops)
        expect(verdict).to_have_text("In position", timeout=90_000)
        ARTIFACTS.mkdir(exist_ok=True)  # docs/camera.md's screenshot comes from here
        widget.screenshot(path=str(ARTIFACTS / "camera-check.png"))
        expect(verdict).to_contain_text(
            "Out of position: Lift your chest: do not lean over the front thigh.",
            timeout=30_000,
        )
        expect(verdict).to_have_text("In position", timeout=30_000)

        # hiding the page stops the camera; so does turning the check off
        page.evaluate(
            "Object.defineProperty(document, 'visibilityState', "
            "{value: 'hidden', configurable: true});"
            "document.dispatchEvent(new Event('visibilitychange'))"
        )
        expect(widget.locator(".psoas-camera-light")).to_have_text("Camera off")
        expect(widget.locator(".psoas-camera-message")).to_contain_text("page was hidden")
        page.evaluate(
            "Object.defineProperty(document, 'visibilityState', "
            "{value: 'visible', configurable: true})"
        )
        widget.get_by_role("button", name="Turn on Check my form").click()
        expect(widget.locator(".psoas-camera-light")).to_have_text("● Camera on", timeout=60_000)
        widget.get_by_role("button", name="Turn off Check my form").click()
        expect(widget.locator(".psoas-camera-light")).to_have_text("Camera off")
        assert widget.get_attribute("data-camera") == "off"
    finally:
        context.close()
        camera_lab.shut_down_kernels()

    assert dialogs == []
    assert log.foreign() == [], "requests left the machine"
    loaded = [u.split("?")[0].rsplit("/", 1)[-1] for u in log.urls if POSE_PATH in u]
    for name in ("pose.js", "pose_landmark_full.tflite", "pose_solution_simd_wasm_bin.wasm"):
        assert name in loaded, f"{name} was not loaded from the server: {loaded}"
    assert all(
        f"{camera_lab.base}/lab/extensions/{POSE_PATH}" in u for u in log.urls if POSE_PATH in u
    )


@pytest.mark.slow
def test_the_hold_pauses_out_of_position_and_resumes_in_position(camera_lab, camera_browser):
    """The player's clock pauses when the video leaves the pose and resumes when it returns."""
    context = camera_browser.new_context(viewport={"width": 1280, "height": 1400})
    try:
        page = context.new_page()
        log = RequestLog(page, camera_lab.base)
        nb = Notebook(page, camera_lab, "camera_player.ipynb").open()
        nb.run_all()
        nb.widget("psoas-start").click()
        view = nb.widget("psoas-form-check")
        view.get_by_role("button", name="Turn on Check my form").click()
        expect(view.locator(".psoas-camera-light")).to_have_text("● Camera on", timeout=90_000)
        expect(nb.widget("psoas-phase")).to_have_text("Hold", timeout=60_000)
        words = view.locator(".psoas-form-words")
        pause = nb.widget("psoas-pause")
        expect(words).to_contain_text(
            "Hold paused: out of position. Lift your chest", timeout=30_000
        )
        expect(pause).to_contain_text("Resume")
        paused_at = nb.widget("psoas-countdown").inner_text()
        expect(pause).to_contain_text("Pause", timeout=30_000)  # resumed: back in position
        expect(words).to_have_text(re.compile(r"^In position"))
        # counting again from where it paused
        expect(nb.widget("psoas-countdown")).not_to_have_text(paused_at, timeout=5_000)
        view.get_by_role("button", name="Turn off Check my form").click()
    finally:
        context.close()
        camera_lab.shut_down_kernels()
    assert log.foreign() == []


@pytest.mark.slow
def test_one_camera_for_two_views_and_a_second_check(camera_lab, camera_browser):
    """The same check shown twice opens one stream (the second view shows its picture);
    another check turned on meanwhile says the camera is in use and opens none."""
    context = camera_browser.new_context(viewport={"width": 1280, "height": 2400})
    try:
        page = context.new_page()
        page.add_init_script(COUNT_STREAMS)
        nb = Notebook(page, camera_lab, "camera_twice.ipynb").open()
        nb.run_all()
        views = page.locator(".psoas-camera")
        expect(views).to_have_count(3, timeout=60_000)
        first, second, other = views.nth(0), views.nth(1), views.nth(2)
        first.get_by_role("button", name="Turn on Check my form").click()
        for view in (first, second):
            expect(view.locator(".psoas-camera-light")).to_have_text("● Camera on", timeout=90_000)
        expect(second.locator(".psoas-camera-message")).to_contain_text("also shown in another")
        assert first.get_attribute("data-camera") == "on"
        assert second.get_attribute("data-camera") == "mirror"
        # the second view shows the first one's picture: its canvas is painted
        expect(second.locator(".psoas-camera-verdict")).to_have_text("In position", timeout=90_000)
        painted = second.locator("canvas").evaluate(
            "c => c.getContext('2d').getImageData(0, 0, c.width, c.height).data"
            ".some((v, i) => i % 4 !== 3 && v > 0)"
        )
        assert painted, "the second view shows no picture"
        assert page.evaluate("[window.cameraCalls, window.liveTracks()]") == [1, 1]

        # another check on the same page: it says why and opens nothing
        other.get_by_role("button", name="Turn on Check my form").click()
        expect(other.locator(".psoas-camera-message")).to_contain_text(
            "in use by another Check my form"
        )
        expect(other.locator(".psoas-camera-light")).to_have_text("Camera off")
        expect(other.get_by_role("button", name="Turn on Check my form")).to_be_visible()
        assert page.evaluate("[window.cameraCalls, window.liveTracks()]") == [1, 1]

        # off from the second view: both views of the check stop, the stream ends
        second.get_by_role("button", name="Turn off Check my form").click()
        for view in (first, second):
            expect(view.locator(".psoas-camera-light")).to_have_text("Camera off")
        page.wait_for_function("window.liveTracks() === 0")
        # now the other check may have it
        other.get_by_role("button", name="Turn on Check my form").click()
        expect(other.locator(".psoas-camera-light")).to_have_text("● Camera on", timeout=90_000)
        assert page.evaluate("[window.cameraCalls, window.liveTracks()]") == [2, 1]
        other.get_by_role("button", name="Turn off Check my form").click()
        expect(other.locator(".psoas-camera-light")).to_have_text("Camera off")
        page.wait_for_function("window.liveTracks() === 0")
    finally:
        context.close()
        camera_lab.shut_down_kernels()


def _get(url: str) -> tuple[int, str, int]:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.status, r.headers.get("Content-Type", ""), len(r.read())


@pytest.mark.slow
def test_voila_serves_the_pose_files_from_its_own_origin(tmp_path):
    """Voila (make app, the hub's landing page) serves both WASM builds, typed for the browser."""
    server = VoilaServer(tmp_path, tmp_path, lab_notebook_root(tmp_path) / "notebooks")
    with server:
        got = {
            name: _get(f"{server.base}/voila/labextensions/{POSE_PATH}{name}")
            for name in (
                "pose.js",
                "pose_solution_simd_wasm_bin.wasm",
                "pose_solution_wasm_bin.wasm",
            )
        }
    for name, (status, kind, size) in got.items():
        assert status == 200 and size > 40_000, (name, status, size)
        wanted = ("application/wasm",) if name.endswith(".wasm") else JS_TYPES
        assert kind.startswith(wanted), (name, kind)


FAKE_MODEL_PAGE = """<!doctype html><html><body><div id="w"></div><script type="module">
import widget from "/camera.js";
const values = {on: false, status: "off", message: "", verdict: "", rate: 12, complexity: 1};
const handlers = {};
const model = {
  get: (k) => values[k],
  set: (k, v) => { values[k] = v; (handlers["change:" + k] || []).forEach((f) => f()); },
  on: (e, f) => { (handlers[e] = handlers[e] || []).push(f); },
  save_changes: () => {}, send: () => {},
};
widget.render({model, el: document.getElementById("w")});
window.values = values;
</script></body></html>"""


@pytest.mark.slow
def test_an_insecure_page_says_why_the_camera_cannot_run(camera_browser):
    """On a plain http:// address other than localhost the browser has no camera API: the
    widget says so instead of failing silently (the page and the script come from
    Playwright's router: no request leaves the browser)."""
    context = camera_browser.new_context()  # one Playwright per module: this one
    page = context.new_page()
    script = (Path(__file__).parents[2] / "psoas_lib" / "ui" / "camera.js").read_text()
    page.route(
        "http://coach.example/", lambda r: r.fulfill(body=FAKE_MODEL_PAGE, content_type="text/html")
    )
    page.route(
        "http://coach.example/camera.js",
        lambda r: r.fulfill(body=script, content_type="text/javascript"),
    )
    try:
        page.goto("http://coach.example/")
        page.get_by_role("button", name="Turn on Check my form").click()
        message = page.locator(".psoas-camera-message")
        expect(message).to_contain_text("only on a secure page")
        expect(message).to_contain_text("http://coach.example")
        assert page.evaluate("window.values.status") == "insecure"
        expect(page.locator(".psoas-camera-light")).to_have_text("Camera off")
    finally:
        context.close()


@pytest.mark.slow
def test_without_webgl_it_says_so_instead_of_an_alert(camera_browser):
    """pose.js needs WebGL (it would alert and fail): the widget checks first and says why."""
    context = camera_browser.new_context()  # one Playwright per module: this one
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.add_init_script("HTMLCanvasElement.prototype.getContext = () => null;")
    script = (Path(__file__).parents[2] / "psoas_lib" / "ui" / "camera.js").read_text()
    page.route(
        "http://localhost/", lambda r: r.fulfill(body=FAKE_MODEL_PAGE, content_type="text/html")
    )
    page.route(
        "http://localhost/camera.js",
        lambda r: r.fulfill(body=script, content_type="text/javascript"),
    )
    try:
        page.goto("http://localhost/")
        page.get_by_role("button", name="Turn on Check my form").click()
        expect(page.locator(".psoas-camera-message")).to_contain_text("WebGL turned off")
        assert page.evaluate("window.values.status") == "error"
    finally:
        context.close()
    assert dialogs == []


@pytest.mark.slow
def test_the_app_runs_the_check_from_voilas_own_files(app, camera_browser):
    """make app (Voila): the player's Check my form loads the model from Voila's own origin."""
    from .conftest import go_to, open_app

    context = camera_browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        page = context.new_page()
        log = RequestLog(page, app.base)
        open_app(page, app)
        run = go_to(page, "run")
        view = run.locator(".psoas-form-check").first
        view.get_by_role("button", name="Turn on Check my form").click()
        expect(view.locator(".psoas-camera-light")).to_have_text("● Camera on", timeout=90_000)
        words = view.locator(".psoas-form-words")
        expect(words).not_to_have_text(
            re.compile(r"^(Starting|Check my form is off)"), timeout=60_000
        )
        view.get_by_role("button", name="Turn off Check my form").click()
        expect(view.locator(".psoas-camera-light")).to_have_text("Camera off")
    finally:
        context.close()
    assert log.foreign() == []
    assert any(f"{app.base}/voila/labextensions/{POSE_PATH}pose.js" in u for u in log.urls)
