import { definitions, el, fill, formatNumber, formatTime } from './dom.js';
import { HistoryChart, Ranges } from './history.js';
import { KindNames, lookOf, lookText } from './status.js';

// One asset's twin: latest values with units and times, its derived status, its alerts, and its
// history chart with a range picker. Live twin events of the asset update it in place.

export class AssetPanel {
  constructor(api, alerts, container, empty) {
    this.api = api;
    this.alerts = alerts;
    this.container = container;
    this.empty = empty;
    this.twin = null;
    this.range = Ranges[0];
    this.onBand = () => {};
  }

  get assetId() { return this.twin?.asset.id; }

  async show(assetId) {
    const twin = await this.api.get(`/api/assets/${encodeURIComponent(assetId)}/twin`);
    const another = twin.asset.id !== this.assetId;
    this.twin = twin;
    this.empty.hidden = true;
    this.container.hidden = false;
    if (another) this.layOut();
    this.render();
    if (twin.airQuality?.band) this.onBand(assetId, twin.airQuality.band);
    if (another) await this.showHistory();
  }

  /** Shows why an asset could not be shown (not found, or outside the key's areas). */
  fail(message) {
    this.twin = null;
    this.chart?.destroy();
    this.empty.hidden = true;
    this.container.hidden = false;
    fill(this.container, el('p', { className: 'error', role: 'alert' }, message));
  }

  /** The panel's two parts: the twin (redrawn on every change) and its history (on request). */
  layOut() {
    this.info = el('div', { className: 'twin' });
    this.ranges = el('div', { className: 'ranges', role: 'group', 'aria-label': 'History range' });
    const chart = el('div', { className: 'chart', role: 'img' });
    this.chart?.destroy();
    this.chart = new HistoryChart(this.api, chart);
    fill(this.container, this.info, el('h3', {}, 'History'), this.ranges, chart);
  }

  async showHistory() {
    fill(this.ranges, Ranges.map((range) => el('button', {
      type: 'button',
      'aria-pressed': String(range === this.range),
      onclick: () => {
        this.range = range;
        this.showHistory().catch(() => {});
      },
    }, range.text)));
    await this.chart.show(this.twin.asset.id, this.range);
  }

  /** A live twin event of the shown asset: merge its values and status. */
  apply(event) {
    if (!this.twin || event.asset !== this.assetId) return;
    this.twin.latest = { ...this.twin.latest, ...event.latest };
    this.twin.asset.status = event.status;
    this.twin.lastSeen = new Date().toISOString();
    this.render();
  }

  /** Alerts changed: re-read the twin's derived status (the DAQI may have moved) and redraw. */
  async refresh() {
    if (this.twin) await this.show(this.twin.asset.id);
  }

  render() {
    const twin = this.twin;
    const asset = twin.asset;
    const alerts = this.alerts.of(asset.id);
    const look = lookOf(asset.status, alerts, twin.airQuality?.band);
    const values = Object.entries(twin.latest ?? {});
    fill(this.info,
      el('h2', {}, asset.name ?? asset.id),
      el('p', { className: `status look-${look}`, 'data-look': look }, el('span', { className: 'swatch', 'aria-hidden': 'true' }), ` ${lookText(look)}`),
      definitions([
        ['Id', asset.id],
        ['Kind', KindNames[asset.kind] ?? asset.kind],
        ['Area', asset.area ?? '—'],
        ['Status', asset.status],
        ['Online', twin.online ? 'yes' : 'no'],
        ['Last seen', formatTime(twin.lastSeen)],
        ...(twin.firmware ? [['Firmware', twin.firmware]] : []),
      ], 'facts'),
      el('h3', {}, 'Latest values'),
      values.length === 0
        ? el('p', { className: 'hint' }, 'No reading yet.')
        : el('table', { className: 'values' },
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Field'), el('th', { scope: 'col' }, 'Value'), el('th', { scope: 'col' }, 'Taken'))),
          el('tbody', {}, values.map(([field, value]) => el('tr', { 'data-field': field },
            el('th', { scope: 'row' }, field),
            el('td', { className: 'value' }, `${formatNumber(value.value, 2)} ${value.unit ?? ''}`.trim()),
            el('td', {}, formatTime(value.at)))))),
      this.derived(twin),
      el('h3', {}, 'Alerts'),
      alerts.length === 0
        ? el('p', { className: 'hint' }, 'No active alert.')
        : el('ul', { className: 'asset-alerts' }, alerts.map((alert) => el('li', { className: `severity-${alert.severity}` }, `${alert.severity}: ${alert.kind} — ${alert.reason ?? ''} (since ${formatTime(alert.raisedAt)})`))));
  }

  derived(twin) {
    if (twin.airQuality) {
      return definitions([['Air quality index', `${twin.airQuality.index ?? '—'} (${twin.airQuality.band ?? 'no band yet'})`], ['Worst pollutant', twin.airQuality.worstPollutant ?? '—']], 'facts');
    }
    if (twin.footfall) {
      const f = twin.footfall;
      return definitions([['This hour in / out', `${formatNumber(f.hourIn, 0)} / ${formatNumber(f.hourOut, 0)}`], [`Today (${f.day}) in / out`, `${formatNumber(f.dayIn, 0)} / ${formatNumber(f.dayOut, 0)}`]], 'facts');
    }
    if (twin.busPriority) {
      const p = twin.busPriority;
      return definitions([['Priority requests', formatNumber(p.requests, 0)], ['Granted / denied', `${formatNumber(p.granted, 0)} / ${formatNumber(p.denied, 0)}`]], 'facts');
    }
    return null;
  }
}
