import L from './leaflet-global.js';

// The city map with no tiles: the areas' boundaries (from the API, so a key limited to some areas
// sees only those) are the base layer, the wards (shipped with the dashboard) are drawn from
// zoom 12 on. Nothing is fetched from outside the node.

const WardZoom = 12;
const Attribution = 'Boundaries: ONS, OS © Crown copyright and database right (OGL v3.0)';

export class CityMap {
  constructor(element) {
    this.map = L.map(element, { zoomControl: true, preferCanvas: false, minZoom: 8, maxZoom: 19, keyboard: true });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution(Attribution);
    this.map.setView([51.505, -0.12], 10);
    this.areas = L.geoJSON(null, { style: { className: 'area-boundary', weight: 1.5, fillOpacity: 0.08 }, interactive: false }).addTo(this.map);
    this.wards = L.geoJSON(null, { style: { className: 'ward-boundary', weight: 0.6, fill: false }, interactive: false });
    this.map.on('zoomend', () => this.showWards());
  }

  /** Draws the areas' boundaries (GeoJSON Features) and fits the map to them. */
  setAreas(features) {
    this.areas.clearLayers();
    for (const feature of features) this.areas.addData(feature);
    const bounds = this.areas.getBounds();
    if (bounds.isValid()) this.map.fitBounds(bounds, { padding: [10, 10] });
  }

  /** The wards lying in the given areas (null: all), drawn from zoom 12 on. */
  setWards(collection, areas) {
    this.wards.clearLayers();
    const inScope = areas ? collection.features.filter((ward) => areas.includes(ward.properties.ladCode)) : collection.features;
    this.wards.addData({ type: 'FeatureCollection', features: inScope });
    this.showWards();
  }

  showWards() {
    const wanted = this.map.getZoom() >= WardZoom;
    if (wanted && !this.map.hasLayer(this.wards)) this.wards.addTo(this.map);
    else if (!wanted && this.map.hasLayer(this.wards)) this.wards.remove();
  }
}
