// Presenting mode's strip (pages/present.py): the presenter's controls, drawn as one element
// (a Streamlit component, countylines/screens/presenting.py), and the keys that press them.
// Python sends {at, total} (the slide shown, of how many); a control sends back "go" (a slide number) or
// "action" ("choose": open the set-up dialog; "leave": leave presenting mode).
// Keys: → / Page Down / Space next, ← / Page Up previous, Home / End first and last, Esc leaves.
const ICON = (name) => `<span class="cl-icon" aria-hidden="true">${name}</span>`;

function build(root) {
  const nav = document.createElement("nav");
  nav.className = "cl-strip";
  nav.setAttribute("aria-label", "Presenter's controls");
  nav.innerHTML = `
    <button type="button" data-action="choose" class="cl-choose">${ICON("checklist")}<span>Choose slides</span></button>
    <button type="button" data-go="first" class="cl-first" title="First slide (Home)">${ICON("first_page")}<span class="cl-hidden">First</span></button>
    <button type="button" data-go="previous" title="Previous slide (← or Page Up)">${ICON("arrow_back")}<span>Previous</span></button>
    <label class="cl-hidden" for="cl-slide-box">Slide</label>
    <select id="cl-slide-box" class="cl-slide"></select>
    <button type="button" data-go="next" class="cl-next" title="Next slide (→, Page Down or Space)"><span>Next</span>${ICON("arrow_forward")}</button>
    <button type="button" data-go="last" class="cl-last" title="Last slide (End)">${ICON("last_page")}<span class="cl-hidden">Last</span></button>
    <button type="button" data-action="leave" class="cl-leave" title="Leave presenting mode (Esc)">${ICON("close")}<span>Leave presenting mode</span></button>`;
  root.appendChild(nav);
  nav.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button || button.disabled) return;
    if (button.dataset.go) return go(button.dataset.go);
    // Opened with the pointer, the dialog must not hand the focus back to this button when it
    // closes (that would keep the strip on the shared screen); from the keyboard it does.
    if (event.detail > 0) button.blur();
    act(button.dataset.action);
  });
  nav.querySelector("select").addEventListener("change", (event) => {
    send("go", Number(event.target.value));
    event.target.blur(); // the keys step the slides again at once
  });
  return nav;
}

// The strip as last drawn: the keys and buttons act on it.
const strip = () => window.__countylinesStrip;

function send(name, value) {
  const current = strip();
  if (current) current.setTriggerValue(name, value);
}

function go(where) {
  const { at, total } = strip().data;
  const to = { first: 1, previous: at - 1, next: at + 1, last: total }[where];
  if (to >= 1 && to <= total && to !== at) send("go", to);
}

function act(name) {
  send("action", name);
}

function draw(nav, data) {
  const { at, total } = data;
  const box = nav.querySelector("select");
  if (box.options.length !== total) {
    box.replaceChildren(...Array.from({ length: total }, (_, i) => new Option(`Slide ${i + 1} of ${total}`, String(i + 1))));
  }
  box.value = String(at);
  box.disabled = total < 2;
  box.hidden = total < 1;
  for (const button of nav.querySelectorAll("[data-go]")) {
    const back = button.dataset.go === "first" || button.dataset.go === "previous";
    button.disabled = total < 1 || (back ? at <= 1 : at >= total);
  }
}

const ACTIONS = {
  ArrowRight: () => go("next"), PageDown: () => go("next"), " ": () => go("next"),
  ArrowLeft: () => go("previous"), PageUp: () => go("previous"),
  Home: () => go("first"), End: () => go("last"), Escape: () => act("leave"),
};

function listen() {
  let swallowed = null;
  window.addEventListener("keydown", (event) => {
    const current = strip();
    if (!current || !current.nav.isConnected || !(event.key in ACTIONS)) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (document.querySelector('[role="dialog"]')) return; // the set-up dialog keeps its keys; Esc closes it
    const active = document.activeElement;
    if (active && active.matches("select") && (event.key === "ArrowUp" || event.key === "ArrowDown" || event.key === "Enter")) return;
    if (active && active !== document.body && active.closest('textarea, input, [contenteditable="true"], [role="combobox"], [role="listbox"]')) return;
    event.preventDefault();
    event.stopPropagation();
    swallowed = event.key; // a focused button would otherwise take Space as a click on keyup
    ACTIONS[event.key]();
  }, true);
  window.addEventListener("keyup", (event) => {
    if (event.key === swallowed) { event.preventDefault(); event.stopPropagation(); swallowed = null; }
  }, true);
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const nav = parentElement.querySelector("nav.cl-strip") || build(parentElement);
  window.__countylinesStrip = { data, setTriggerValue, nav };
  if (!window.__countylinesStripKeys) {
    window.__countylinesStripKeys = true;
    listen();
  }
  draw(nav, data);
}
