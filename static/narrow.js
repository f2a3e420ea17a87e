// A narrow window (under 960 px: a laptop split screen, a tablet) starts with the sidebar
// closed, so the figures get the width; Streamlit's own "auto" closes it only under 768 px.
// Once per page load, and never stored as the reader's choice: a wide window opens it again.
if (!window.__countylinesNarrow) {
  window.__countylinesNarrow = true;
  let tries = 0;
  const close = () => {
    if (window.innerWidth >= 960) return;
    const sidebar = document.querySelector('[data-testid="stSidebar"]');
    const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (!sidebar || !button) {
      if (tries++ < 40) setTimeout(close, 50);
      return;
    }
    if (sidebar.getAttribute("data-collapsed") !== "false") return;
    const ours = (key) => key.startsWith("stSidebarCollapsed-");
    const before = Object.fromEntries(Object.keys(localStorage).filter(ours).map((k) => [k, localStorage.getItem(k)]));
    button.click();
    setTimeout(() => {
      for (const key of Object.keys(localStorage).filter(ours)) {
        if (key in before) localStorage.setItem(key, before[key]);
        else localStorage.removeItem(key);
      }
    }, 0);
  };
  close();
}
