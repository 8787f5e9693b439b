// Psoas Coach: the answer to a press, in view. Scrolls the player's part named by `target`
// (a CSS class) into view once it is shown, focuses it (or its control matching `focus`),
// and says `text` in a visually hidden live region (role=alert when `urgent`).

function region(role, live) {
  const div = document.createElement("div");
  div.className = `psoas-reveal-${role}`;
  div.setAttribute("role", role);
  div.setAttribute("aria-live", live);
  div.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap";
  return div;
}

function render({ model, el }) {
  el.classList.add("psoas-reveal");
  const polite = region("status", "polite");
  const urgent = region("alert", "assertive");
  el.append(polite, urgent);

  function say() {
    const live = model.get("urgent") ? urgent : polite;
    (model.get("urgent") ? polite : urgent).textContent = "";
    live.textContent = "";
    setTimeout(() => { live.textContent = model.get("text"); }, 60);  // a change readers notice
  }
  function reveal() {
    say();
    const id = model.get("reveal_id");
    let tries = 0;
    const go = () => {
      if (model.get("reveal_id") !== id) return;   // a newer answer came
      const root = el.closest(".psoas-player") || document;
      const target = root.querySelector(`.${CSS.escape(model.get("target"))}`);
      // shown only once its display change has landed: wait for it (about a second at most)
      if (!target || target.getClientRects().length === 0) {
        if (tries++ < 60) requestAnimationFrame(go);
        return;
      }
      target.scrollIntoView({ block: model.get("block") === "start" ? "start" : "nearest", inline: "nearest" });
      const wanted = model.get("focus");
      let spot = wanted ? [...target.querySelectorAll(wanted)].find((e) => e.getClientRects().length > 0 && !e.disabled) : null;
      if (!spot) {
        spot = target;
        if (!spot.hasAttribute("tabindex")) spot.tabIndex = -1;
      }
      spot.focus({ preventScroll: true });
      el.dataset.revealed = `${model.get("target")}#${id}`;
    };
    requestAnimationFrame(go);
  }
  model.on("change:reveal_id", reveal);
  // drawn just after the answer was asked (a player opened and started at once): reveal it
  if (model.get("reveal_id") > 0 && Date.now() - model.get("at_ms") < 3000) reveal();
}

export default { render };
