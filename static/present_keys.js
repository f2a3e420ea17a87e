// Presenting mode's keys (pages/present.py). They press the strip's own buttons, so a key
// does exactly what its button does. A select box gives the focus back once a value is
// chosen, so keys work again at once; while a list is open it keeps its own keys.
if (!window.__countylinesPresentKeys) {
  window.__countylinesPresentKeys = true;
  const strip = () => document.querySelector(".st-key-present_strip");
  const press = (name) => {
    const button = document.querySelector(`.st-key-present_${name} button`);
    if (button && !button.disabled) button.click();
  };
  const leave = () => {
    const link = [...(strip()?.querySelectorAll("a") || [])].find((a) => a.textContent.includes("Leave presenting mode"));
    if (link) link.click();
  };
  const ACTIONS = {
    ArrowRight: () => press("next"), PageDown: () => press("next"), " ": () => press("next"),
    ArrowLeft: () => press("previous"), PageUp: () => press("previous"),
    Home: () => press("first"), End: () => press("last"), Escape: leave,
  };
  // Keys a closed select box keeps (they open its list), and an open list keeps all.
  const OPENS_LIST = new Set([" ", "Enter", "ArrowDown", "ArrowUp"]);
  let swallowed = null;
  const listOpen = () => document.querySelector('[role="listbox"]');
  const popoverOpen = () => document.querySelector('[data-testid="stPopoverButton"][aria-expanded="true"]');
  window.addEventListener("keydown", (event) => {
    if (!strip() || event.altKey || event.ctrlKey || event.metaKey || !(event.key in ACTIONS)) return;
    if (listOpen()) return;
    if (popoverOpen()) {
      // Esc closes the slide picker; then the strip leaves the picture again.
      if (event.key === "Escape") setTimeout(() => document.activeElement?.blur(), 50);
      return;
    }
    const active = document.activeElement;
    if (active && active.matches('[role="combobox"]')) {
      if (OPENS_LIST.has(event.key)) return;
      active.blur();
    } else if (active && active.closest('textarea, input:not([role="combobox"]), [contenteditable="true"]')) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    swallowed = event.key;  // a focused button would otherwise take Space as a click on keyup
    ACTIONS[event.key]();
  }, true);
  window.addEventListener("keyup", (event) => {
    if (event.key === swallowed) { event.preventDefault(); event.stopPropagation(); swallowed = null; }
  }, true);
  // Choosing from a select box (by pointer or Enter) hands the focus back to the page.
  const handBack = () => setTimeout(() => {
    const active = document.activeElement;
    if (active && active.closest('[data-testid="stSelectbox"]')) active.blur();
  }, 0);
  document.addEventListener("click", (event) => {
    if (strip() && event.target.closest('[role="option"]')) handBack();
  }, true);
  document.addEventListener("keydown", (event) => {
    if (strip() && event.key === "Enter" && document.querySelector('[role="listbox"]')) handBack();
  }, true);
}
