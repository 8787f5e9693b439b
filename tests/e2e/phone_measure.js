// The phone check of tests/e2e/test_phone.py and test_phone_lab.py: what runs past the right
// edge, controls under 44 x 44 px, labels cut off with an ellipsis (each named by tag, classes
// and text). `scope`: a CSS selector of the parts measured (in JupyterLab, the notebook's
// outputs); without it, Voila's rendered cells or the whole page.
(scope) => {
  const W = window.innerWidth;
  const visible = el => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none';
  };
  const name = el => {
    const cls = [...el.classList].filter(c => c.startsWith('psoas') || c.startsWith('widget') || c.startsWith('jupyter')).slice(0, 3).join('.');
    return `${el.tagName.toLowerCase()}${cls ? '.' + cls : ''} "${(el.innerText || el.getAttribute('aria-label') || el.value || '').trim().slice(0, 30)}"`;
  };
  // inside a horizontally scrolling box that fits the screen: allowed
  // a wide table inside its own horizontally scrolling box that fits the screen: allowed
  const inScroller = el => {
    for (let p = el.closest('table'); p; p = p.parentElement ? p.parentElement.closest('table') : null) {
      const s = getComputedStyle(p);
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && p.getBoundingClientRect().right <= W + 1) return true;
    }
    return false;
  };
  const roots = scope ? [...document.querySelectorAll(scope)]
    : [document.querySelector('#rendered_cells') || document.body];
  const all = roots.flatMap(root => [...root.querySelectorAll('*')]).filter(visible);
  // the right edge as drawn: a shape inside an <svg> that clips (overflow not visible) is
  // drawn only inside that svg's box
  const right = el => {
    const r = el.getBoundingClientRect().right;
    const svg = el.ownerSVGElement;
    return svg && getComputedStyle(svg).overflow !== 'visible' ? Math.min(r, right(svg)) : r;
  };
  const past = all.filter(el => right(el) > W + 1 && !inScroller(el))
    .filter(el => ![...el.children].some(c => visible(c) && right(c) > W + 1));
  const controls = all.filter(el => el.matches('button, select, input:not([type=hidden]), textarea, [role=button], [role=checkbox], [role=switch], [role=slider], a[href]'));
  const small = controls.filter(el => {
    const r = el.getBoundingClientRect();
    // a checkbox inside a 44-px label counts as its label's size
    const box = el.matches('input[type=checkbox], input[type=radio]') && el.closest('label') ? el.closest('label').getBoundingClientRect() : r;
    return box.width < 44 - 0.5 || box.height < 44 - 0.5;
  }).filter(el => !el.closest('.psoas-prose, .jp-RenderedHTMLCommon a') || el.tagName !== 'A');
  const cut = all.filter(el => el.matches('.widget-label, .widget-label-basic, button, label, .widget-inline-hbox .widget-label')
      && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible');
  return {
    width: W, parts: roots.length, scrollWidth: document.documentElement.scrollWidth,
    past: past.slice(0, 12).map(name), pastCount: past.length,
    small: small.slice(0, 12).map(el => `${name(el)} ${Math.round(el.getBoundingClientRect().width)}x${Math.round(el.getBoundingClientRect().height)}`), smallCount: small.length,
    cut: cut.slice(0, 12).map(name), cutCount: cut.length,
  };
}
