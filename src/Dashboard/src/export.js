// The assets of an area or a drawn polygon as files to take away: CSV (RFC 4180) and GeoJSON.

const Columns = ['id', 'kind', 'name', 'lon', 'lat', 'area', 'status'];

function csvCell(value) {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function assetsCsv(assets) {
  const rows = assets.map((a) => [a.id, a.kind, a.name, a.location.lon, a.location.lat, a.area, a.status].map(csvCell).join(','));
  return [Columns.join(','), ...rows].join('\r\n') + '\r\n';
}

export function assetsGeoJson(assets) {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: assets.map((a) => ({
      type: 'Feature',
      id: a.id,
      geometry: { type: 'Point', coordinates: [a.location.lon, a.location.lat] },
      properties: { kind: a.kind, name: a.name, area: a.area, status: a.status },
    })),
  });
}
