// Psoas Coach hands-free helper: speaks cues (Web Speech API), keeps the screen awake
// (Screen Wake Lock API) and turns key presses into player actions. Nothing is downloaded
// and nothing is sent anywhere: speech and the wake lock are the browser's own.

// Esc is not here: it leaves the focus view (focus.js) and never stops a session.
const KEYS = { " ": "toggle", ArrowRight: "skip", ArrowLeft: "back", s: "stop", S: "stop", p: "pain", P: "pain" };

// Elements that need these keys themselves: text fields, lists, sliders, editable boxes.
function ownsKeys(target) {
  if (!(target instanceof Element)) return false;
  const tag = target.tagName.toLowerCase();
  if (tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable) return true;
  return Boolean(target.closest('[role="slider"], .widget-slider, .jupyter-widget-slider, .noUi-target, [contenteditable="true"]'));
}

function render({ model, el }) {
  el.classList.add("psoas-handsfree");
  const help = document.createElement("div");
  help.className = "psoas-handsfree-keys";
  help.textContent = model.get("key_help");
  el.appendChild(help);
  const status = document.createElement("div");
  status.className = "psoas-handsfree-status";
  el.appendChild(status);

  // ---- the voice: the browser's list loads late (Chromium: after voiceschanged)
  const voiceRow = document.createElement("label");
  voiceRow.className = "psoas-voice-choice";
  voiceRow.textContent = "Speaking voice ";
  const voicePick = document.createElement("select");
  voicePick.className = "psoas-voice-select";
  voiceRow.appendChild(voicePick);
  el.appendChild(voiceRow);
  const synthFor = globalThis.speechSynthesis;
  let voiceList = [];
  const label = (v) => `${v.name} (${v.lang})`;
  function listVoices() {
    voiceList = synthFor ? synthFor.getVoices() : [];
    const wanted = model.get("voice_name");
    voicePick.replaceChildren(new Option("The browser's default voice", ""));
    for (const v of voiceList) voicePick.appendChild(new Option(label(v), label(v), false, label(v) === wanted));
    voicePick.disabled = voiceList.length === 0;
    el.dataset.voices = String(voiceList.length);
    model.set("voices", voiceList.map(label));
    model.save_changes();
  }
  voicePick.addEventListener("change", () => { model.set("voice_name", voicePick.value); model.save_changes(); });
  if (synthFor) synthFor.addEventListener("voiceschanged", listVoices);
  listVoices();

  // ---- milestones for screen readers: a polite live region, never every second
  const announcer = document.createElement("div");
  announcer.className = "psoas-announcer";
  announcer.setAttribute("aria-live", "polite");
  announcer.setAttribute("role", "status");
  announcer.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap";
  el.appendChild(announcer);
  model.on("change:announce_id", () => { announcer.textContent = model.get("announce"); });

  // ---- speech: say each new phrase at once (cancel what is still queued: never lag behind)
  const synth = globalThis.speechSynthesis;
  function speak() {
    const text = model.get("say");
    if (!text) return;
    const spoken = [...model.get("spoken"), text].slice(-20);
    model.set("spoken", spoken);
    model.save_changes();
    el.dataset.spoken = JSON.stringify(spoken);
    if (!model.get("voice_on") || !synth) return;
    synth.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.volume = model.get("volume");
    const voice = voiceList.find((v) => label(v) === model.get("voice_name"));
    if (voice) { utterance.voice = voice; utterance.lang = voice.lang; }
    synth.speak(utterance);
  }
  model.on("change:say_id", speak);

  // ---- wake lock: held while a routine runs, taken again when the tab is visible again
  let lock = null;
  let told = false;
  function report(state, message) {
    el.dataset.wake = state;
    model.set("wake_status", state);
    model.save_changes();
    if (message && !told) { status.textContent = message; told = true; }
  }
  async function updateLock() {
    const want = model.get("keep_awake") && document.visibilityState === "visible";
    if (!("wakeLock" in navigator)) {
      const why = window.isSecureContext === false
        ? "Keeping the screen awake needs a secure (https) page, or this computer's own address: set your screen to stay on for the routine."
        : "This browser cannot keep the screen awake: set your screen to stay on for the routine.";
      if (model.get("keep_awake")) report(window.isSecureContext === false ? "insecure" : "unsupported", why);
      return;
    }
    if (want && !lock) {
      try {
        lock = await navigator.wakeLock.request("screen");
        lock.addEventListener("release", () => { lock = null; });
        report("held");
      } catch (err) {
        report("unavailable", `The screen may turn off: the browser refused to keep it awake (${err.name}).`);
      }
    } else if (!want && lock) {
      await lock.release();
      lock = null;
      report("released");
    }
  }
  model.on("change:keep_awake", updateLock);
  const onVisible = () => { if (document.visibilityState === "visible") updateLock(); };
  document.addEventListener("visibilitychange", onVisible);

  // ---- keys: while the focus is inside the player
  let tries = 0;
  function attach() {   // the element is put into the page after render(): wait for it
    const root = el.closest(".psoas-player");
    if (!root) { if (tries++ < 600) requestAnimationFrame(attach); return; }
    if (root.tabIndex < 0) root.tabIndex = 0;
    // Names for a screen reader: the countdown is a timer (read on demand, not every
    // second), and every slider handle is named after its widget's description.
    const timer = root.querySelector(".psoas-timer");
    if (timer) { timer.setAttribute("role", "timer"); timer.setAttribute("aria-label", "Time left in this step"); }
    for (const slider of root.querySelectorAll(".widget-slider")) {
      const name = (slider.querySelector(".widget-label") || {}).textContent || "";
      for (const handle of slider.querySelectorAll('[role="slider"], .noUi-handle')) {
        if (name.trim()) handle.setAttribute("aria-label", name.trim());
      }
    }
    root.dataset.lmSuppressShortcuts = "true";   // JupyterLab: leave these keys to the player
    // A button that gets disabled (Start, once running) drops the focus to the page: keep
    // it in the player when the person's last click was in the player.
    root.addEventListener("focusout", () => setTimeout(() => {
      if (pointerInside && (document.activeElement === document.body || !document.activeElement)) {
        root.focus({ preventScroll: true });
      }
    }, 0));
  }
  let pointerInside = false;
  const onPointer = (event) => {
    const root = el.closest(".psoas-player");
    pointerInside = Boolean(root && root.contains(event.target));
  };
  document.addEventListener("pointerdown", onPointer, true);
  attach();
  function onKey(event) {
    const root = el.closest(".psoas-player");
    // a key pressed in the player counts as being there: Enter on Start (which then gets
    // disabled) keeps the focus in the player, so Space pauses at once
    if (root && event.target instanceof Node) pointerInside = root.contains(event.target);
    const action = KEYS[event.key];
    if (!root || !root.contains(event.target) || !action) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (ownsKeys(event.target)) return;
    event.preventDefault();
    event.stopPropagation();
    model.send({ action });
  }
  document.addEventListener("keydown", onKey, true);

  return () => {
    document.removeEventListener("keydown", onKey, true);
    document.removeEventListener("pointerdown", onPointer, true);
    document.removeEventListener("visibilitychange", onVisible);
    if (synthFor) synthFor.removeEventListener("voiceschanged", listVoices);
    if (lock) lock.release();
  };
}

export default { render };
