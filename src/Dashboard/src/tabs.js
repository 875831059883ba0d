// The side panel's tabs, as the WAI-ARIA tabs pattern has them: arrow keys, Home and End move
// between the visible tabs; the chosen tab's panel is shown, the others hidden.

export class Tabs {
  constructor(tablist, onShow) {
    this.tabs = [...tablist.querySelectorAll('[role="tab"]')];
    this.onShow = onShow;
    for (const tab of this.tabs) {
      tab.addEventListener('click', () => this.select(tab.id));
      tab.addEventListener('keydown', (event) => this.key(event, tab));
    }
  }

  select(id) {
    for (const tab of this.tabs) {
      const chosen = tab.id === id;
      tab.setAttribute('aria-selected', String(chosen));
      tab.tabIndex = chosen ? 0 : -1;
      document.getElementById(tab.getAttribute('aria-controls')).hidden = !chosen;
    }
    this.onShow(id);
  }

  key(event, tab) {
    const visible = this.tabs.filter((t) => !t.hidden);
    const at = visible.indexOf(tab);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: visible.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = visible[(to + visible.length) % visible.length];
    next.focus();
    this.select(next.id);
  }
}
