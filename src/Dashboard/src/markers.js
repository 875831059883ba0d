import L from './leaflet-global.js';
import 'leaflet.markercluster';
import { KindLetters, KindNames, lookOf, lookText, worse } from './status.js';

// The assets on the map: one marker each, clustered when zoomed out (a cluster shows its count
// and its worst look). Live changes are queued and applied once per animation frame; clusters
// are redrawn at most once a second, so a thousand changes a second cost a few milliseconds a
// frame.

const ClusterRefresh = 1000;

export class AssetMarkers {
  constructor(map, onSelect) {
    this.map = map;
    this.onSelect = onSelect;
    this.assets = new Map();
    this.icons = new Map();
    this.pending = new Map();
    this.stale = new Set();
    this.lastClusterRefresh = 0;
    this.frame = 0;
    this.onChange = () => {};
    this.alertsOf = () => [];
    this.cluster = L.markerClusterGroup({
      chunkedLoading: true,
      chunkInterval: 100,
      chunkDelay: 10,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      disableClusteringAtZoom: 17,
      maxClusterRadius: 60,
      iconCreateFunction: (cluster) => this.clusterIcon(cluster),
    });
    this.cluster.on('click', (event) => this.onSelect(event.layer.options.assetId));
    map.addLayer(this.cluster);
  }

  get count() { return this.assets.size; }

  /** Adds the assets of one page of a map query. */
  add(hits) {
    const added = [];
    for (const hit of hits) {
      if (this.assets.has(hit.id)) continue;
      const asset = { id: hit.id, kind: hit.kind, name: hit.name ?? hit.id, area: hit.area, status: hit.status, location: hit.location, alerts: this.alertsOf(hit.id), band: hit.band, look: 'ok' };
      asset.look = lookOf(asset.status, asset.alerts, asset.band);
      asset.marker = L.marker([hit.location.lat, hit.location.lon], {
        icon: this.icon(asset.kind, asset.look),
        title: this.title(asset),
        alt: this.title(asset),
        keyboard: true,
        assetId: asset.id,
        look: asset.look,
      });
      this.assets.set(asset.id, asset);
      added.push(asset.marker);
    }
    this.cluster.addLayers(added);
    this.onChange();
  }

  clear() {
    this.cluster.clearLayers();
    this.assets.clear();
    this.pending.clear();
    this.onChange();
  }

  get(id) { return this.assets.get(id); }

  /** A change of an asset's status, alerts or band: applied at the next frame. */
  change(id, change) {
    const asset = this.assets.get(id);
    if (!asset) return;
    this.pending.set(id, { ...this.pending.get(id), ...change });
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  flush() {
    this.frame = 0;
    let changed = false;
    for (const [id, change] of this.pending) {
      const asset = this.assets.get(id);
      if (!asset) continue;
      Object.assign(asset, change);
      if (asset.status === 'decommissioned') {
        this.cluster.removeLayer(asset.marker);
        this.assets.delete(id);
        changed = true;
        continue;
      }
      const look = lookOf(asset.status, asset.alerts, asset.band);
      if (look !== asset.look) {
        asset.look = look;
        asset.marker.options.look = look;
        asset.marker.options.title = this.title(asset);
        asset.marker.setIcon(this.icon(asset.kind, look));
        if (asset.marker._icon) asset.marker._icon.title = asset.marker.options.title;
        this.stale.add(asset.marker);
        changed = true;
      }
    }
    this.pending.clear();
    const now = performance.now();
    if (this.stale.size > 0 && now - this.lastClusterRefresh >= ClusterRefresh) {
      this.cluster.refreshClusters([...this.stale]);
      this.stale.clear();
      this.lastClusterRefresh = now;
    } else if (this.stale.size > 0 && !this.frame) {
      this.frame = requestAnimationFrame(() => this.flush());
    }
    if (changed) this.onChange();
  }

  /** How many assets have each look. */
  tally() {
    const counts = new Map();
    for (const asset of this.assets.values()) counts.set(asset.look, (counts.get(asset.look) ?? 0) + 1);
    return counts;
  }

  show(id) {
    const asset = this.assets.get(id);
    if (!asset) return;
    this.cluster.zoomToShowLayer(asset.marker, () => asset.marker.openTooltip?.());
  }

  title(asset) {
    return `${asset.name} (${KindNames[asset.kind] ?? asset.kind}): ${lookText(asset.look)}`;
  }

  icon(kind, look) {
    const key = `${kind}|${look}`;
    let icon = this.icons.get(key);
    if (!icon) {
      icon = L.divIcon({ className: `asset-marker look-${look}`, html: `<span>${KindLetters[kind] ?? '?'}</span>`, iconSize: [20, 20] });
      this.icons.set(key, icon);
    }
    return icon;
  }

  clusterIcon(cluster) {
    let look = 'ok';
    for (const marker of cluster.getAllChildMarkers()) look = worse(look, marker.options.look);
    const count = cluster.getChildCount();
    const size = count < 100 ? 30 : count < 1000 ? 36 : 44;
    return L.divIcon({
      className: `asset-cluster look-${look}`,
      html: `<span title="${count} assets, the worst: ${lookText(look)}">${count}</span>`,
      iconSize: [size, size],
    });
  }
}
