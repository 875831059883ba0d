import L from './leaflet-global.js';
import { definitions, download, el, fill, formatNumber } from './dom.js';
import { assetsCsv, assetsGeoJson } from './export.js';
import { drawnSummary } from './drawnSummary.js';
import { KindNames } from './status.js';

// An area (a borough, or a polygon drawn on the map): how its assets are now (counts by status,
// mean PM2.5 now, footfall this hour, from the area summaries; a drawn polygon has counts only),
// the assets in it, and the list to export as CSV or GeoJSON.

const Kinds = ['air-quality', 'footfall', 'bus-priority'];
const Listed = 100;

export class AreaView {
  constructor(api, map, container, onSelect) {
    this.api = api;
    this.map = map;
    this.container = container;
    this.onSelect = onSelect;
    this.drawing = null;
    this.outline = null;
  }

  async showArea(area) {
    const summaries = await Promise.all(Kinds.map((kind) => this.api.get(`/api/areas/${encodeURIComponent(area.id)}/summary?kind=${kind}`)));
    const assets = [];
    await this.api.pages(`/api/areas/${encodeURIComponent(area.id)}/assets?limit=1000`, (items) => assets.push(...items));
    this.render(area.name, summaries, assets);
  }

  /** Starts drawing: each click on the map adds a corner. */
  startDrawing() {
    this.cancelDrawing();
    this.drawing = { points: [], line: L.polyline([], { className: 'drawn-area' }).addTo(this.map) };
    this.map.getContainer().classList.add('drawing');
    this.onClick = (event) => {
      this.drawing.points.push(event.latlng);
      this.drawing.line.setLatLngs(this.drawing.points);
    };
    this.map.on('click', this.onClick);
  }

  cancelDrawing() {
    if (!this.drawing) return;
    this.map.off('click', this.onClick);
    this.drawing.line.remove();
    this.drawing = null;
    this.map.getContainer().classList.remove('drawing');
  }

  /** Finishes the polygon and shows the assets inside it. */
  async finishDrawing() {
    const points = this.drawing?.points ?? [];
    this.cancelDrawing();
    if (points.length < 3) {
      fill(this.container, el('p', { className: 'error', role: 'alert' }, 'A polygon needs at least three corners.'));
      return;
    }
    const ring = [...points, points[0]].map((p) => [Number(p.lng.toFixed(6)), Number(p.lat.toFixed(6))]);
    const polygon = { type: 'Polygon', coordinates: [ring] };
    this.outline?.remove();
    this.outline = L.polygon(points, { className: 'drawn-area' }).addTo(this.map);
    const assets = [];
    await this.api.pages('/api/assets/search?limit=1000', (items) => assets.push(...items), 'POST', JSON.stringify(polygon));
    const summary = await drawnSummary(this.api, assets);
    this.render('Drawn polygon', toSummaries(summary), assets, summary.skipped);
  }

  render(title, summaries, assets, skipped) {
    const byStatus = { ok: 0, alert: 0, offline: 0 };
    for (const asset of assets) byStatus[asset.status] = (byStatus[asset.status] ?? 0) + 1;
    const air = summaries?.find((s) => s.kind === 'air-quality');
    const footfall = summaries?.find((s) => s.kind === 'footfall');
    const stem = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    fill(this.container,
      el('h2', {}, title),
      definitions([
        ['Assets', formatNumber(assets.length, 0)],
        ['OK', formatNumber(byStatus.ok, 0)],
        ['In alert', formatNumber(byStatus.alert, 0)],
        ['Offline', formatNumber(byStatus.offline, 0)],
        ...(summaries ? [
          ['Mean PM2.5 now', air?.fields?.pm2_5?.mean === undefined ? '—' : `${formatNumber(air.fields.pm2_5.mean)} ${air.fields.pm2_5.unit}`],
          ['Worst DAQI band', air?.airQuality?.worstBand ?? '—'],
          ['Footfall this hour (in / out)', footfall?.footfall ? `${formatNumber(footfall.footfall.in, 0)} / ${formatNumber(footfall.footfall.out, 0)}` : '—'],
        ] : []),
      ], 'facts area-summary'),
      skipped ? el('p', { className: 'hint' }, `Mean PM2.5 and footfall are worked out for polygons of up to 300 stations and counters (this one has ${skipped}).`) : null,
      el('p', {},
        el('button', { type: 'button', onclick: () => download(`${stem}-assets.csv`, 'text/csv', assetsCsv(assets)) }, 'Export CSV'),
        ' ',
        el('button', { type: 'button', onclick: () => download(`${stem}-assets.geojson`, 'application/geo+json', assetsGeoJson(assets)) }, 'Export GeoJSON')),
      el('h3', {}, `Assets${assets.length > Listed ? ` (the first ${Listed})` : ''}`),
      el('ul', { className: 'asset-list' }, assets.slice(0, Listed).map((asset) => el('li', {},
        el('button', { type: 'button', className: 'link', onclick: () => this.onSelect(asset.id) }, asset.id),
        ` ${asset.name ?? ''} (${KindNames[asset.kind] ?? asset.kind}, ${asset.status})`))));
  }
}

/** A drawn polygon's figures in the shape of the area summaries. */
function toSummaries(summary) {
  return [
    { kind: 'air-quality', fields: summary.pm25 ? { pm2_5: summary.pm25 } : {} },
    { kind: 'footfall', footfall: summary.footfall },
  ];
}
