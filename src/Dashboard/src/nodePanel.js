import { definitions, el, fill, formatNumber } from './dom.js';
import { byLabel, parseMetrics, total } from './metrics.js';

// The node as an admin watches it: readiness of each dependency (GET /health) and, from the
// node's own metrics (GET /metrics), the ingest rate, rejections by code, how full the journal
// and the time-series spool are, and the live streams open. Refreshed every few seconds while shown.

const Every = 5000;

export class NodePanel {
  constructor(api, container) {
    this.api = api;
    this.container = container;
    this.timer = null;
    this.previous = null;
  }

  start() {
    this.stop();
    this.refresh();
    this.timer = setInterval(() => this.refresh(), Every);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
  }

  async refresh() {
    try {
      const [health, text] = await Promise.all([
        fetch('/health', { cache: 'no-store' }).then((r) => r.json()),
        this.api.text('/metrics'),
      ]);
      this.render(health, parseMetrics(text));
    } catch (error) {
      fill(this.container, el('h2', {}, 'Node'), el('p', { className: 'error', role: 'alert' }, `Could not read the node's health or metrics: ${error.message}`));
    }
  }

  render(health, samples) {
    const now = performance.now();
    const accepted = total(samples, 'urbantwin_ingest_readings_accepted');
    const rate = this.previous && accepted !== undefined ? ((accepted - this.previous.accepted) * 1000) / (now - this.previous.at) : undefined;
    this.previous = accepted === undefined ? null : { accepted, at: now };
    const rejections = [...byLabel(samples, 'urbantwin_ingest_rejections', 'code')].sort((a, b) => b[1] - a[1]);
    fill(this.container,
      el('h2', {}, 'Node'),
      el('p', { className: `status health-${health.status}` }, `Readiness: ${health.status}`),
      el('table', { className: 'values' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Check'), el('th', { scope: 'col' }, 'Status'), el('th', { scope: 'col' }, 'Note'))),
        el('tbody', {}, Object.entries(health.checks ?? {}).map(([name, check]) => el('tr', {},
          el('th', { scope: 'row' }, name), el('td', { className: `health-${check.status}` }, check.status), el('td', {}, check.description ?? ''))))),
      definitions([
        ['Readings accepted per second', rate === undefined ? 'measuring…' : formatNumber(rate, 1)],
        ['Readings accepted since start', formatNumber(accepted, 0)],
        ['Journal (bytes not yet checkpointed)', formatNumber(total(samples, 'urbantwin_journal_bytes'), 0)],
        ['Time-series spool (bytes waiting)', formatNumber(total(samples, 'urbantwin_timeseries_spool_bytes'), 0)],
        ['Live streams open', formatNumber(total(samples, 'urbantwin_live_listeners'), 0)],
      ], 'facts'),
      el('h3', {}, 'Rejections by code'),
      rejections.length === 0
        ? el('p', { className: 'hint' }, 'None since start.')
        : el('table', { className: 'values' },
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Code'), el('th', { scope: 'col' }, 'Messages'))),
          el('tbody', {}, rejections.map(([code, count]) => el('tr', {}, el('th', { scope: 'row' }, code), el('td', {}, formatNumber(count, 0)))))));
  }
}
