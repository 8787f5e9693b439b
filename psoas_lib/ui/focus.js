// Psoas Coach focus view: the player alone, large, for the mat. The browser's full-screen
// API when it is there and allowed; otherwise (or as well) a page-filling layout by CSS
// (.psoas-focus-on). Leaving full screen (Esc, the browser's own control) leaves the view,
// and so does Esc in the page-filling layout: Esc never stops the session (Stop is S).

function render({ model, el }) {
  el.classList.add("psoas-focus-toggle");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "psoas-focus-button jupyter-button";
  el.appendChild(button);
  const root = () => el.closest(".psoas-player");
  const on = () => Boolean(root() && root().classList.contains("psoas-focus-on"));

  function show() {
    const active = on();
    button.textContent = active ? "Leave focus view" : "Focus view";
    button.setAttribute("aria-pressed", String(active));
    el.dataset.focus = active ? (document.fullscreenElement ? "fullscreen" : "page") : "off";
    model.set("active", active);
    model.save_changes();
  }
  async function enter() {
    const player = root();
    if (!player) return;
    player.classList.add("psoas-focus-on");
    if (model.get("use_fullscreen") && player.requestFullscreen && !document.fullscreenElement) {
      try { await player.requestFullscreen({ navigationUI: "hide" }); } catch (err) { /* the page-filling layout stays */ }
    }
    show();
    button.focus({ preventScroll: true });
  }
  async function leave() {
    const player = root();
    if (player) player.classList.remove("psoas-focus-on");
    if (document.fullscreenElement) { try { await document.exitFullscreen(); } catch (err) { /* already left */ } }
    show();
    button.focus({ preventScroll: true });
  }
  button.addEventListener("click", () => (on() ? leave() : enter()));
  const onFullscreen = () => {
    const player = root();
    if (!document.fullscreenElement && player && player.classList.contains("psoas-focus-on") && el.dataset.focus === "fullscreen") {
      player.classList.remove("psoas-focus-on");   // left with Esc or the browser's control
    }
    show();
  };
  document.addEventListener("fullscreenchange", onFullscreen);
  const onKey = (event) => {   // Esc: out of the focus view, nothing else
    if (event.key !== "Escape" || !on()) return;
    event.preventDefault();
    event.stopPropagation();
    leave();
  };
  document.addEventListener("keydown", onKey, true);
  requestAnimationFrame(show);
  return () => {
    document.removeEventListener("fullscreenchange", onFullscreen);
    document.removeEventListener("keydown", onKey, true);
  };
}

export default { render };
