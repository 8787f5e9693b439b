"""The player's focus view: only what matters from three metres away, large.

A *Focus view* button (:class:`FocusToggle`, a small anywidget) puts the player in the
browser's full screen when it can, and always into a page-filling layout (the CSS class
``psoas-focus-on`` on the player), which is the fallback where full screen is refused. The
view shows the figure, the countdown large and centred (a quarter of the screen's height or
more), the exercise and which leg does what ("Left knee down, right foot forward", from
:func:`psoas_lib.coaching.legs.segment_leg_words`), the current cue, next up and large
Pause / Skip / Back / Stop / Sharp-pain buttons, and the warm-up choices whenever the player
asks for them (*Warm up first*, *I have already warmed up*); the rest of the player is
hidden. Esc leaves the focus view (as the toggle does) and never stops the session: Stop
has its own key (S) and button. It fits
a phone held either way, a tablet and a laptop: everything wraps, nothing passes the right
edge, every control is at least 44 px each way.

:data:`PLAYER_LAYOUT_CSS` also fixes the ordinary player on a phone: its rows of buttons
wrap instead of cutting their labels, and lists and fields keep within the screen.

>>> import ipywidgets as widgets
>>> focus = FocusMode(widgets.VBox())
>>> focus.toggle.active, focus.legs.value
(False, '')
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import ipywidgets as widgets
import traitlets

from psoas_lib.coaching.legs import segment_leg_words
from psoas_lib.coaching.timer import TimerState
from psoas_lib.ui.figure import figures
from psoas_lib.ui.kit import label

__all__ = ["FOCUS_HIDDEN", "PLAYER_LAYOUT_CSS", "FocusMode", "FocusToggle"]

#: The parts of the player hidden in the focus view (their CSS classes).
FOCUS_HIDDEN = (
    "psoas-routine-picker",
    "psoas-plan",
    "psoas-total",
    "psoas-routine-progress",
    "psoas-routine-time",
    "psoas-steps",
    "psoas-voice-box",
    "psoas-mute",
)

_HIDE = ", ".join(f".psoas-player.psoas-focus-on .{css}" for css in FOCUS_HIDDEN)

#: The player's layout on small screens and in the focus view (one <style>, page-wide but
#: scoped to the player).
PLAYER_LAYOUT_CSS = f"""<style>
.psoas-player {{ max-width: 100%; box-sizing: border-box; }}
.psoas-player .widget-hbox {{ flex-wrap: wrap; max-width: 100%; }}
.psoas-player .widget-dropdown, .psoas-player .widget-slider, .psoas-player .widget-textarea,
.psoas-player .widget-html, .psoas-player .widget-label {{ max-width: 100%; }}
.psoas-player .widget-dropdown select {{ min-width: 0; }}
.psoas-player .widget-dropdown, .psoas-player .widget-slider {{ height: auto; }}
.psoas-player select, .psoas-player input {{ min-height: 44px; min-width: 44px; }}
.psoas-player .psoas-voice-select {{ max-width: 100%; font-size: 16px; }}
.psoas-player .widget-slider .noUi-horizontal .noUi-handle {{
  width: 44px; height: 44px; top: -20px; right: -22px; border-radius: 50%;
}}
.psoas-player .widget-slider .slider-container {{ padding: 20px 22px; }}
.psoas-player .psoas-plan {{ overflow-x: auto; }}
.psoas-player .psoas-stage-text, .psoas-player .psoas-stage {{ overflow: visible; }}
.psoas-sr-label > .widget-label {{
  position: absolute !important; width: 1px !important; height: 1px !important;
  overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}}
.psoas-player button.jupyter-button {{ max-width: 100%; min-height: 44px; min-width: 44px; }}
.psoas-player .psoas-figure-view svg {{ max-width: 100%; height: auto; }}
.psoas-player :focus-visible {{
  outline: 3px solid var(--psoas-focus-ring, #1565c0) !important; outline-offset: 2px;
}}
.psoas-player.psoas-focus-on {{
  position: fixed; inset: 0; z-index: 10000; margin: 0; padding: 12px;
  box-sizing: border-box; width: 100vw; height: 100vh; max-width: none;
  overflow-y: auto; overflow-x: hidden;
  background: var(--jp-layout-color0, #fff); color: var(--jp-ui-font-color0, #000);
}}
{_HIDE} {{ display: none !important; }}
.psoas-player.psoas-focus-on > * {{ flex-shrink: 0; }}
.psoas-player.psoas-focus-on > .psoas-warm-up-box,
.psoas-player.psoas-focus-on > .psoas-controls, .psoas-player.psoas-focus-on > .psoas-safety,
.psoas-player.psoas-focus-on > .psoas-pain-form,
.psoas-player.psoas-focus-on > .psoas-log {{ order: 1; }}
.psoas-player.psoas-focus-on > .psoas-warm-up-box {{ justify-content: center; gap: 8px; }}
.psoas-player.psoas-focus-on .psoas-stage {{
  flex-flow: row wrap !important; justify-content: center; align-items: center !important;
}}
.psoas-player.psoas-focus-on .psoas-stage-text {{
  /* never narrower than its countdown needs (two digits at the countdown's size): past that
     the figure wraps below instead of squeezing the digits */
  flex: 1 1 calc(max(26vh, 48px) * 1.4); min-width: 0; align-items: center; text-align: center;
}}
.psoas-player.psoas-focus-on .psoas-stage-text .widget-label {{ justify-content: center; }}
.psoas-player.psoas-focus-on .psoas-countdown {{
  font-size: max(26vh, 48px) !important; line-height: 1 !important; text-align: center;
}}
.psoas-player.psoas-focus-on .psoas-exercise {{ font-size: clamp(24px, 5vmin, 44px) !important; }}
.psoas-player.psoas-focus-on .psoas-legs {{ font-size: clamp(22px, 4.5vmin, 40px) !important; }}
.psoas-player.psoas-focus-on .psoas-side {{ display: none !important; }}
.psoas-player.psoas-focus-on .psoas-player-figure {{ flex: 0 1 auto; max-width: 100%; }}
.psoas-player.psoas-focus-on .psoas-player-figure svg {{ max-height: 40vh; width: auto; }}
.psoas-player.psoas-focus-on .psoas-controls .widget-hbox {{ justify-content: center; }}
.psoas-player.psoas-focus-on .psoas-controls button.jupyter-button {{
  flex: 1 1 9em; width: auto !important; height: auto !important; min-height: 64px;
  white-space: normal; overflow-wrap: anywhere; font-size: 22px !important;
}}
.psoas-player.psoas-focus-on .psoas-focus-toggle {{ align-self: flex-end; }}
.psoas-focus-button {{ min-height: 44px; min-width: 44px; padding: 0 1em; font-size: 16px; }}
</style>"""


class FocusToggle(anywidget.AnyWidget):
    """The *Focus view* button; ``active`` tells Python whether the view is on."""

    _esm = Path(__file__).with_name("focus.js")

    active = traitlets.Bool(False).tag(sync=True)
    use_fullscreen = traitlets.Bool(True).tag(sync=True)


class FocusMode:
    """The focus view's parts for a player: its toggle and the leg line, kept up to date."""

    def __init__(self, player: widgets.Box) -> None:
        self.player = player
        self.toggle = FocusToggle()
        self.legs = label("psoas-legs", "30px", "bold")

    def render(self, state: TimerState) -> None:
        """The leg line for the step shown (a pause shows the coming one)."""
        self.legs.value = segment_leg_words(state.segment, state.next_segment, figures())
