import { el, fill, formatTime } from './dom.js';
import { KindNames } from './status.js';

// The city's active alerts: read once (GET /api/alerts), then kept current by the live feed's
// alert events. Each alert's asset is a button that opens it.

const Shown = 200;

export class AlertList {
  constructor(api, list, badge, onSelect) {
    this.api = api;
    this.list = list;
    this.badge = badge;
    this.onSelect = onSelect;
    this.active = new Map();
    this.byAsset = new Map();
    this.frame = 0;
    this.onChange = () => {};
  }

  async load() {
    const answer = await this.api.get('/api/alerts?limit=1000');
    this.active.clear();
    for (const alert of answer.alerts) this.active.set(alert.alertId, alert);
    this.index();
    this.render();
    return [...this.active.values()];
  }

  /** An alert event: raised (active) or cleared. */
  apply(alert) {
    if (alert.isActive) this.active.set(alert.alertId, alert);
    else this.active.delete(alert.alertId);
    this.index();
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  /** The asset's active alerts. */
  of(assetId) {
    return this.byAsset.get(assetId) ?? [];
  }

  index() {
    this.byAsset.clear();
    for (const alert of this.active.values()) {
      const list = this.byAsset.get(alert.assetId);
      if (list) list.push(alert);
      else this.byAsset.set(alert.assetId, [alert]);
    }
  }

  render() {
    this.frame = 0;
    const newest = [...this.active.values()].sort((a, b) => (a.raisedAt < b.raisedAt ? 1 : -1));
    this.badge.textContent = String(newest.length);
    this.badge.dataset.count = String(newest.length);
    fill(this.list, newest.slice(0, Shown).map((alert) => el('li', { className: `alert severity-${alert.severity}`, 'data-alert': alert.alertId },
      el('span', { className: 'severity' }, alert.severity),
      ' ',
      el('button', { type: 'button', className: 'link', onclick: () => this.onSelect(alert.assetId) }, alert.assetId),
      ` ${KindNames[alert.assetKind] ?? ''}: ${alert.kind} — ${alert.reason ?? ''}`,
      el('time', { datetime: alert.raisedAt }, ` since ${formatTime(alert.raisedAt)}`))));
    if (newest.length > Shown) this.list.append(el('li', {}, `… and ${newest.length - Shown} more`));
    this.onChange();
  }
}
