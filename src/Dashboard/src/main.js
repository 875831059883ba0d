import { AlertList } from './alerts.js';
import { Api } from './api.js';
import { AreaView } from './areaView.js';
import { AssetPanel } from './assetPanel.js';
import { byId, el, fill, formatNumber } from './dom.js';
import { FleetPanel } from './fleet.js';
import { LiveFeed } from './live.js';
import { CityMap } from './map.js';
import { AssetMarkers } from './markers.js';
import { NodePanel } from './nodePanel.js';
import { Session } from './session.js';
import { Looks, lookText } from './status.js';
import { Tabs } from './tabs.js';
import { loadAssets } from './loading.js';

// The operations dashboard: sign in with an API key, then the city map with the live twins,
// the alert list, an asset's twin and history, areas, the fleet and the node. Everything is
// served by the node itself; the page sees what the key may see and nothing else.

const ResyncDelay = 2000;
// A feed that keeps lagging (a slow machine under a flood of changes) re-reads the map at most this often.
const FeedResyncSpacing = 30000;

class Dashboard {
  constructor() {
    this.session = new Session();
    this.api = new Api(this.session);
    this.session.onEnded = () => this.showSignIn('The session ended: sign in again.');
    byId('sign-in-form').addEventListener('submit', (event) => this.submitKey(event));
    byId('sign-out').addEventListener('click', () => this.signOut());
  }

  async start() {
    const key = this.session.storedKey;
    if (!key) {
      this.showSignIn();
      return;
    }
    try {
      await this.session.signIn(key);
      await this.open();
    } catch (error) {
      this.showSignIn(error.message);
    }
  }

  async submitKey(event) {
    event.preventDefault();
    const input = byId('api-key');
    try {
      await this.session.signIn(input.value.trim());
      input.value = '';
      await this.open();
    } catch (error) {
      byId('sign-in-error').textContent = error.message;
    }
  }

  showSignIn(message = '') {
    this.live?.close();
    this.node?.stop();
    byId('workspace').hidden = true;
    byId('sign-out').hidden = true;
    byId('who').hidden = true;
    byId('sign-in').hidden = false;
    byId('sign-in-error').textContent = message;
    byId('api-key').focus();
  }

  async signOut() {
    await this.session.signOut();
    window.location.reload();
  }

  /** Builds the workspace for the signed-in key. */
  async open() {
    const view = this.session.view;
    byId('sign-in').hidden = true;
    byId('workspace').hidden = false;
    byId('sign-out').hidden = false;
    const who = byId('who');
    who.hidden = false;
    who.textContent = `${view.name}: ${view.role}, ${view.areas ? `areas ${view.areas.join(', ')}` : 'every area'}`;
    byId('tab-fleet').hidden = !this.session.canManageFleet;
    byId('tab-node').hidden = !this.session.isAdmin;

    if (!this.map) this.build();
    this.areas = await this.api.get('/api/areas');
    this.fillAreas();
    this.loadBoundaries().catch((error) => console.error('boundaries', error));
    this.live.open();
    await this.resync();
  }

  build() {
    this.map = new CityMap(byId('map'));
    this.markers = new AssetMarkers(this.map.map, (id) => this.select(id));
    this.alerts = new AlertList(this.api, byId('alerts'), byId('alert-count'), (id) => this.select(id));
    this.markers.alertsOf = (id) => this.alerts.of(id);
    this.markers.onChange = () => this.scheduleCounters();
    this.panel = new AssetPanel(this.api, this.alerts, byId('asset'), byId('asset-empty'));
    this.panel.onBand = (id, band) => this.markers.change(id, { band });
    this.area = new AreaView(this.api, this.map.map, byId('area'), (id) => this.select(id));
    this.fleet = new FleetPanel(this.api, byId('panel-fleet'), () => this.scheduleResync());
    this.node = new NodePanel(this.api, byId('panel-node'));
    this.live = new LiveFeed(this.session, byId('feed'), {
      twin: (event) => this.twinChanged(event),
      alert: (alert) => this.alertChanged(alert),
      resync: () => this.feedResync(),
    });
    this.tabs = new Tabs(document.querySelector('[role="tablist"]'), (id) => this.tabShown(id));
    this.tabs.select('tab-overview');
    byId('find-asset').addEventListener('submit', (event) => {
      event.preventDefault();
      this.select(byId('find-asset-id').value.trim());
    });
    byId('area-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const area = this.areas.find((a) => a.id === byId('area-select').value);
      if (area) this.area.showArea(area).catch((error) => this.problem(byId('area'), error));
    });
    byId('area-draw').addEventListener('click', () => {
      byId('area-draw-hint').hidden = false;
      this.area.startDrawing();
    });
    byId('area-draw-finish').addEventListener('click', () => {
      byId('area-draw-hint').hidden = true;
      this.area.finishDrawing().catch((error) => this.problem(byId('area'), error));
    });
    byId('area-draw-cancel').addEventListener('click', () => {
      byId('area-draw-hint').hidden = true;
      this.area.cancelDrawing();
    });
    fill(byId('legend'), Looks.map((look) => el('li', {}, el('span', { className: `swatch look-${look.id}`, 'aria-hidden': 'true' }), ` ${look.text}`)));
  }

  fillAreas() {
    fill(byId('area-select'), this.areas.map((area) => el('option', { value: area.id }, `${area.name} (${area.id})`)));
  }

  async loadBoundaries() {
    const features = await Promise.all(this.areas.map((area) => this.api.get(`/api/areas/${encodeURIComponent(area.id)}`, 'application/geo+json')));
    this.map.setAreas(features);
    this.map.wardsOf(this.session.areas);
  }

  /** Reads the alerts and the assets on the map again (at start, and when the feed missed events). */
  async resync() {
    this.loading = true;
    try {
      this.markers.clear();
      // Alerts and assets are read at once; the alerts then reach the markers already added.
      const alerts = this.alerts.load().then((active) => {
        for (const alert of active) this.markers.change(alert.assetId, { alerts: this.alerts.of(alert.assetId) });
      });
      await Promise.all([alerts, loadAssets(this.api, this.areas, this.session.areas !== null, (hits) => this.markers.add(hits))]);
    } finally {
      this.loading = false;
    }
    performance.mark('urbantwin:assets-loaded');
    this.fillAssetIds();
  }

  scheduleResync() {
    clearTimeout(this.resyncTimer);
    this.resyncTimer = setTimeout(() => this.resync().catch(() => {}), ResyncDelay);
  }

  /** The feed missed events (lagged, reset, reconnected): re-read, but not more than twice a minute. */
  feedResync() {
    const wait = Math.max(ResyncDelay, (this.lastFeedResync ?? -Infinity) + FeedResyncSpacing - performance.now());
    clearTimeout(this.feedResyncTimer);
    this.feedResyncTimer = setTimeout(() => {
      this.lastFeedResync = performance.now();
      this.resync().catch(() => {});
    }, wait);
  }

  twinChanged(event) {
    if (this.markers.get(event.asset)) this.markers.change(event.asset, event.band ? { status: event.status, band: event.band } : { status: event.status });
    else if (!this.loading && event.status !== 'decommissioned') this.addUnknown(event.asset);
    if (event.asset === this.panel.assetId) this.panel.apply(event);
  }

  alertChanged(alert) {
    this.alerts.apply(alert);
    this.markers.change(alert.assetId, { alerts: this.alerts.of(alert.assetId) });
    if (alert.assetId === this.panel.assetId) this.panel.refresh().catch(() => {});
  }

  /** An asset the map does not list yet (registered since): read it once and add it. */
  addUnknown(id) {
    this.fetching ??= new Set();
    if (this.fetching.has(id)) return;
    this.fetching.add(id);
    this.api.get(`/api/assets/${encodeURIComponent(id)}`)
      .then((asset) => this.markers.add([asset]))
      .catch(() => {})
      .finally(() => this.fetching.delete(id));
  }

  async select(id) {
    if (!id) return;
    this.tabs.select('tab-asset');
    this.markers.show(id);
    try {
      await this.panel.show(id);
    } catch (error) {
      this.panel.fail(error.message);
    }
  }

  tabShown(id) {
    if (id === 'tab-fleet' && !this.fleet.output) this.fleet.render();
    if (id === 'tab-node') this.node.start();
    else this.node.stop();
  }

  scheduleCounters() {
    if (this.countersFrame) return;
    this.countersFrame = requestAnimationFrame(() => {
      this.countersFrame = 0;
      const tally = this.markers.tally();
      const counters = byId('counters');
      counters.dataset.total = String(this.markers.count);
      fill(counters,
        el('dt', {}, 'Assets'), el('dd', { id: 'count-total' }, formatNumber(this.markers.count, 0)),
        Looks.filter((look) => tally.get(look.id)).flatMap((look) => [
          el('dt', {}, el('span', { className: `swatch look-${look.id}`, 'aria-hidden': 'true' }), ` ${lookText(look.id)}`),
          el('dd', { 'data-look': look.id }, formatNumber(tally.get(look.id), 0))]));
    });
  }

  fillAssetIds() {
    const ids = this.markers.count <= 2000 ? [...this.markers.assets.keys()] : [];
    fill(byId('asset-ids'), ids.map((id) => el('option', { value: id })));
  }

  problem(container, error) {
    fill(container, el('p', { className: 'error', role: 'alert' }, error.message));
  }
}

new Dashboard().start();
