"""Presenting mode's page furniture: full screen with no navigation, and keys for presenters."""

from __future__ import annotations

import streamlit as st


def full_screen() -> None:
    """No sidebar, no Streamlit header: only the finding and the controls, in large type."""
    st.html(
        """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stToolbar"],
header { display: none; }
[data-testid="stMainBlockContainer"] { padding-top: 2rem; padding-bottom: 0.5rem; max-width: 1240px; }
.cl-band { background: #801650; color: #fff; font-weight: 700; font-size: 1.15rem;
           padding: 0.3rem 0.8rem; border-radius: 4px; }
[data-testid="stMain"] h1 { font-size: 2.3rem !important; font-weight: 700; line-height: 1.2;
                            padding: 0.4rem 0 0.2rem; color: #0b0c0c; }
.cl-number { font-size: 7rem; font-weight: 700; line-height: 1; color: #12436D; }
.cl-of { font-size: 2.1rem; line-height: 1.2; color: #0b0c0c; }
.cl-lines { font-size: 1.1rem; color: #3D3D3D; margin-top: 0.4rem; }
</style>
"""
    )


def presenter_keys() -> None:
    """→ / Page Down next, ← / Page Up previous (what presentation clickers send), Esc leaves.

    The script is this module's own constant (no user input in it). It clicks the screen's
    own buttons, so the keys do exactly what Previous, Next and Leave do; it does nothing
    while a select box or other field has the focus, or on any other screen.
    """
    st.html(
        """
<script>
if (!window.__countylinesKeys) {
  window.__countylinesKeys = true;
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const main = document.querySelector('[data-testid="stMain"]');
    const next = document.querySelector(".st-key-next button");
    if (!main || !next) return;  // not the presenting screen
    const active = document.activeElement;
    if (active && (active.closest("input, textarea, select, [role='combobox'], [role='listbox']"))) return;
    const click = (selector) => {
      const button = document.querySelector(selector);
      if (button && !button.disabled) { event.preventDefault(); button.click(); }
    };
    if (event.key === "ArrowRight" || event.key === "PageDown") click(".st-key-next button");
    else if (event.key === "ArrowLeft" || event.key === "PageUp") click(".st-key-previous button");
    else if (event.key === "Escape") {
      const leave = [...main.querySelectorAll("a")].find((a) => a.textContent.includes("Leave presenting mode"));
      if (leave) { event.preventDefault(); leave.click(); }
    }
  });
}
</script>
""",
        unsafe_allow_javascript=True,
    )
