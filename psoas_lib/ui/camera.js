// Psoas Coach "Check my form": the camera and the pose model, both in this browser page.
// The camera is asked for only when the person turns the check on. Frames go from the camera
// to MediaPipe Pose (WASM, CPU inference) inside the page; the kernel receives only the 33
// landmark points with their visibility, at most `rate` times a second. Never a pixel.
// The model's files come from the page's own server (Jupyter's labextensions handler, see
// docs/camera.md): no request goes to another host.

const POSE_DIR = "psoas-pose/npm/node_modules/@mediapipe/pose/";
// The bones drawn over the video (MediaPipe's numbering: 11/12 shoulders ... 31/32 feet).
const BONES = [[11, 12], [11, 13], [13, 15], [12, 14], [14, 16], [11, 23], [12, 24], [23, 24],
  [23, 25], [25, 27], [27, 29], [29, 31], [27, 31], [24, 26], [26, 28], [28, 30], [30, 32], [28, 32], [0, 7], [0, 8]];

// Landmarks go to the kernel at once when the body moved (any of these points by more than
// MOVED of the picture since the last sent), at most every MIN_GAP_MS; a still body is sent
// `rate` times a second. (With `eager` off: only `rate` times a second, the old way.)
const KEY_POINTS = [0, 7, 8, 11, 12, 23, 24, 25, 26, 27, 28];
const MOVED = 0.01;
const MIN_GAP_MS = 33;

function movedMuch(points, last) {
  if (!points || !last) return points !== last;   // a person found or lost
  return KEY_POINTS.some((i) => Math.abs(points[i][0] - last[i][0]) > MOVED ||
    Math.abs(points[i][1] - last[i][1]) > MOVED);
}

function pageBase() {
  const data = document.getElementById("jupyter-config-data");
  try {
    const base = data ? JSON.parse(data.textContent).baseUrl : null;
    if (base) return base.endsWith("/") ? base : base + "/";
  } catch (err) { /* fall through: the root */ }
  return "/";
}

// Where this server serves the files: JupyterLab at lab/extensions/, Voila at voila/labextensions/.
async function findPoseFiles() {
  const base = pageBase();
  for (const prefix of ["lab/extensions/", "voila/labextensions/"]) {
    const url = new URL(base + prefix + POSE_DIR, window.location.href).href;
    try {
      const response = await fetch(url + "pose.js", { method: "HEAD", credentials: "same-origin" });
      if (response.ok) return url;
    } catch (err) { /* try the next */ }
  }
  return null;
}

// A benchmark's probe (benchmarks/bench_camera.py): when the page defines
// globalThis.psoasCameraTrace, each step of the pipeline calls it with its time; otherwise nothing.
function trace(step, detail) {
  const probe = globalThis.psoasCameraTrace;
  if (typeof probe === "function") probe(step, performance.now(), detail);
}

let loading = null;   // one pose.js per page, shared by every widget

// One camera per page. Each widget's module may be loaded on its own, so the page-wide owner
// lives on globalThis: the view that has the camera, and the other views of the same check
// that show its picture (a second view never opens a second stream).
const CAMERA = globalThis.__psoasCamera || (globalThis.__psoasCamera = { owner: null });
const IN_USE = "The camera is in use by another Check my form on this page. Turn that one " +
  "off first, then this one on.";
const MIRRORED = "This check is also shown in another view, which has the camera: this view " +
  "shows the same picture.";
function loadPoseScript(url) {
  if (globalThis.Pose) return Promise.resolve();
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url + "pose.js";
      script.crossOrigin = "anonymous";
      script.onload = () => resolve();
      script.onerror = () => { loading = null; reject(new Error("pose.js did not load")); };
      document.head.appendChild(script);
    });
  }
  return loading;
}

function render({ model, el }) {
  el.classList.add("psoas-camera");
  const bar = document.createElement("div");
  bar.className = "psoas-camera-bar";
  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "psoas-camera-toggle";
  toggle.style.cssText = "min-height:44px;min-width:44px;padding:0 1em;font-size:16px";
  const light = document.createElement("span");
  light.className = "psoas-camera-light";
  light.setAttribute("role", "status");
  light.style.cssText = "margin-left:0.6em;font-weight:600";
  bar.append(toggle, light);
  const message = document.createElement("div");
  message.className = "psoas-camera-message";
  message.setAttribute("aria-live", "polite");
  const verdict = document.createElement("div");
  verdict.className = "psoas-camera-verdict";
  verdict.setAttribute("aria-live", "polite");
  verdict.style.cssText = "font-size:1.1em;font-weight:600;margin:0.3em 0";
  const canvas = document.createElement("canvas");
  canvas.className = "psoas-camera-view";
  canvas.width = 640;
  canvas.height = 480;
  canvas.setAttribute("aria-label", "Your camera picture, mirrored, with the points the model found");
  canvas.style.cssText = "max-width:100%;display:none;border-radius:6px;background:#222";
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  el.append(bar, message, verdict, canvas);
  const ctx = canvas.getContext("2d");

  let stream = null;
  let pose = null;
  let running = false;
  let lastSent = 0;
  let lastPoints = null;   // the landmarks last sent to the kernel
  let mirror = null;       // while another view of this check has the camera: our entry there
  let frames = 0;
  let generation = 0;

  function show(state, text) {
    el.dataset.state = state;
    model.set("status", state);
    model.set("message", text || "");
    model.save_changes();
    message.textContent = text || "";
  }
  function paint() {
    const on = model.get("on");
    toggle.textContent = on ? "Turn off Check my form" : "Turn on Check my form";
    toggle.setAttribute("aria-pressed", String(on));
    const live = (running && stream) || mirror;
    light.textContent = live ? "● Camera on" : "Camera off";
    // theme-aware (psoas_lib/ui/theme.py THEME_CSS gives the dark theme's): 4.5:1 or more
    light.style.color = live ? "var(--psoas-camera-live, #b00020)" : "var(--psoas-camera-idle, #555)";
    el.dataset.camera = running && stream ? "on" : (mirror ? "mirror" : "off");
    canvas.style.display = live ? "block" : "none";
  }
  toggle.addEventListener("click", () => { model.set("on", !model.get("on")); model.save_changes(); });
  model.on("change:verdict", () => {
    verdict.textContent = model.get("verdict");
    trace("verdict", { words: model.get("verdict"), from: model.get("verdict_t") * 1000 });
  });
  verdict.textContent = model.get("verdict");

  function draw(results) {
    ctx.save();
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.translate(canvas.width, 0);
    ctx.scale(-1, 1);   // mirrored, as a person expects to see themself
    ctx.drawImage(results.image, 0, 0, canvas.width, canvas.height);
    const lm = results.poseLandmarks;
    if (lm) {
      ctx.lineWidth = 4;
      ctx.strokeStyle = "#00e0a0";
      for (const [a, b] of BONES) {
        if (lm[a].visibility < 0.5 || lm[b].visibility < 0.5) continue;
        ctx.beginPath();
        ctx.moveTo(lm[a].x * canvas.width, lm[a].y * canvas.height);
        ctx.lineTo(lm[b].x * canvas.width, lm[b].y * canvas.height);
        ctx.stroke();
      }
      ctx.fillStyle = "#ffd400";
      for (const p of lm) {
        if (p.visibility < 0.5) continue;
        ctx.beginPath();
        ctx.arc(p.x * canvas.width, p.y * canvas.height, 4, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.restore();
    if (CAMERA.owner && CAMERA.owner.el === el) for (const m of CAMERA.owner.mirrors) m.draw(canvas);
  }

  // The camera, page-wide: claim it, give it back, or show the view that has it.
  function claim() {
    const owner = CAMERA.owner;
    if (owner && owner.el !== el && owner.el.isConnected) {
      if (owner.instance === model.get("instance")) {   // the same check shown twice
        mirror = {
          draw: (source) => ctx.drawImage(source, 0, 0, canvas.width, canvas.height),
          gone: () => { mirror = null; message.textContent = ""; if (model.get("on")) start(); else paint(); },
        };
        owner.mirrors.add(mirror);
        el.dataset.state = "mirror";
        message.textContent = MIRRORED;
        paint();
        return false;
      }
      model.set("on", false);   // another check has it: this one stays off and says why
      model.save_changes();
      show("busy", IN_USE);
      return false;
    }
    CAMERA.owner = { el, instance: model.get("instance"), mirrors: new Set() };
    return true;
  }
  function release() {
    if (mirror && CAMERA.owner) CAMERA.owner.mirrors.delete(mirror);
    mirror = null;
    if (!CAMERA.owner || CAMERA.owner.el !== el) return;
    const left = [...CAMERA.owner.mirrors];
    CAMERA.owner = null;
    for (const m of left) m.gone();   // a view still on takes the camera over
  }
  function onResults(results) {
    frames += 1;
    el.dataset.frames = String(frames);
    if (!running) return;
    draw(results);
    trace("result", { canvas });
    const now = performance.now();
    const lm = results.poseLandmarks;
    // Only numbers: x, y (0..1 of the picture, not mirrored), z and visibility per point.
    const points = lm ? lm.map((p) => [p.x, p.y, p.z, p.visibility ?? 0]) : null;
    const since = now - lastSent;
    const due = since >= 1000 / Math.max(model.get("rate"), 0.1);
    const moved = model.get("eager") && since >= MIN_GAP_MS && movedMuch(points, lastPoints);
    if (!due && !moved) { trace("held", {}); return; }
    lastSent = now;
    lastPoints = points;
    const aspect = video.videoWidth && video.videoHeight ? video.videoWidth / video.videoHeight : 4 / 3;
    model.send({ kind: "landmarks", t: now / 1000, points, aspect });
    trace("sent", { t: now });
  }

  async function start() {
    const mine = ++generation;
    if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      show("insecure", `The browser offers the camera only on a secure page: http://localhost, ` +
        `http://127.0.0.1 or https://. This page is ${window.location.protocol}//${window.location.host}, ` +
        "so Check my form cannot run here. Open the workbook through localhost or https to use it.");
      return;
    }
    const probe = document.createElement("canvas");
    if (!(probe.getContext("webgl2") || probe.getContext("webgl"))) {
      show("error", "This browser has WebGL turned off (or no graphics support), and the pose " +
        "model needs it to read the camera. Turn on hardware acceleration or use another browser.");
      return;
    }
    if (!claim()) return;
    show("starting", "Loading the pose model from this computer…");
    const url = await findPoseFiles();
    if (mine !== generation) return;
    if (!url) {
      release();
      show("error", "The pose model's files are not installed on this server (run make install). " +
        "Check my form is off.");
      return;
    }
    try {
      await loadPoseScript(url);
      if (!pose) {
        pose = new globalThis.Pose({ locateFile: (file) => url + file });
        pose.onResults(onResults);
      }
      pose.setOptions({ modelComplexity: model.get("complexity"), smoothLandmarks: false,
        minDetectionConfidence: 0.5, minTrackingConfidence: 0.5, useCpuInference: true });
      stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
    } catch (err) {
      stopTracks();
      release();
      show("error", `The camera or the model could not start (${err.name || "error"}: ${err.message}). ` +
        "Check that no other program uses the camera and that the browser may use it.");
      return;
    }
    if (mine !== generation || !model.get("on")) { stopTracks(); release(); return; }
    video.srcObject = stream;
    await video.play();
    running = true;
    show("on", "");
    paint();
    trace("video", { video, canvas });
    while (running && mine === generation) {
      try {
        trace("infer", {});
        await pose.send({ image: video });
      } catch (err) {
        running = false;
        stopTracks();
        release();
        show("error", `The pose model stopped (${err.message}).`);
        paint();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  function stopTracks() {
    if (stream) for (const track of stream.getTracks()) track.stop();
    stream = null;
    video.srcObject = null;
  }
  function stop(reason) {
    generation += 1;
    running = false;
    stopTracks();
    release();
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (model.get("status") !== "insecure") show("off", reason || "");
    paint();
    model.send({ kind: "stopped", reason: reason || "" });
  }
  function follow() {
    if (model.get("on")) { if (!running && !mirror && el.dataset.state !== "starting") start(); }
    else stop("");
    paint();
  }
  model.on("change:on", follow);
  const onHidden = () => {
    if (document.visibilityState === "hidden" && model.get("on")) {
      model.set("on", false);
      model.save_changes();
      stop("The camera stopped because the page was hidden. Turn the check on again when you are back.");
    }
  };
  document.addEventListener("visibilitychange", onHidden);
  paint();
  if (model.get("on")) start();
  return () => {
    document.removeEventListener("visibilitychange", onHidden);
    generation += 1;
    running = false;
    stopTracks();
    release();
  };
}

export default { render };
