// Reads the assets on the map a page of 1,000 at a time, several queries at once, handing each
// page over as it arrives so the first markers show before the last page is read. A key limited
// to some areas reads its areas' listings; any other reads the boxes of the eight strips of the
// areas' extent (an asset on a shared edge comes twice and is added once).

const Strips = 8;

export async function loadAssets(api, areas, scoped, onPage) {
  let first = true;
  const page = (hits) => {
    onPage(hits);
    if (first && hits.length > 0) {
      first = false;
      performance.mark('urbantwin:first-markers');
    }
  };
  if (scoped) {
    await Promise.all(areas.map((area) => api.pages(`/api/areas/${encodeURIComponent(area.id)}/assets?limit=1000`, page)));
    return;
  }
  await Promise.all(strips(extent(areas)).map((box) => api.pages(`/api/assets?bbox=${box.join(',')}&limit=1000`, page)));
}

/** The box holding every area (London's when there is none). */
function extent(areas) {
  if (areas.length === 0) return [-0.52, 51.28, 0.34, 51.7];
  return areas.reduce((box, area) => [
    Math.min(box[0], area.bbox[0]), Math.min(box[1], area.bbox[1]), Math.max(box[2], area.bbox[2]), Math.max(box[3], area.bbox[3]),
  ], [180, 90, -180, -90]);
}

function strips([west, south, east, north]) {
  const step = (east - west) / Strips;
  return Array.from({ length: Strips }, (_, i) => [west + i * step, south, i === Strips - 1 ? east : west + (i + 1) * step, north]
    .map((n) => Number(n.toFixed(6))));
}
