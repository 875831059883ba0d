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
    this.loadWards = null;
    this.map.on('zoomend', () => this.showWards());
  }

  /** Draws the areas' boundaries (GeoJSON Features) and fits the map to them. */
  setAreas(features) {
    this.areas.clearLayers();
    for (const feature of features) this.areas.addData(feature);
    const bounds = this.areas.getBounds();
    if (bounds.isValid()) this.map.fitBounds(bounds, { padding: [10, 10] });
  }

  /**
   * The wards lying in the given areas (null: all), drawn from zoom 12 on: read only when the map
   * first gets there, so the first view does not wait for them.
   */
  wardsOf(areas) {
    this.wardAreas = areas;
    this.loadWards = async () => {
      const collection = await fetch('/app/data/london-wards.geojson').then((r) => r.json());
      const inScope = this.wardAreas ? collection.features.filter((ward) => this.wardAreas.includes(ward.properties.ladCode)) : collection.features;
      this.wards.clearLayers();
      this.wards.addData({ type: 'FeatureCollection', features: inScope });
    };
    this.showWards();
  }

  showWards() {
    const wanted = this.map.getZoom() >= WardZoom;
    if (wanted && this.loadWards) {
      const load = this.loadWards;
      this.loadWards = null;
      load().then(() => this.showWards()).catch((error) => console.error('wards', error));
      return;
    }
    if (wanted && !this.map.hasLayer(this.wards)) this.wards.addTo(this.map);
    else if (!wanted && this.map.hasLayer(this.wards)) this.wards.remove();
  }
}
