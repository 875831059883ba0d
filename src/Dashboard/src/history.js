import uPlot from 'uplot';
import { el, fill } from './dom.js';

// An asset's history as a chart (uPlot): the mean of each field per window from the history API,
// windows sized to the range so a week is 168 points, not ten thousand raw readings.

export const Ranges = [
  { id: '6h', text: '6 h', hours: 6, every: '5m' },
  { id: '24h', text: '24 h', hours: 24, every: '15m' },
  { id: '7d', text: '7 d', hours: 168, every: '1h' },
];

const Colours = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2'];
const MaxSeries = 4;

export class HistoryChart {
  constructor(api, container) {
    this.api = api;
    this.container = container;
    this.plot = null;
  }

  destroy() {
    this.plot?.destroy();
    this.plot = null;
  }

  async show(assetId, range) {
    const to = new Date();
    const from = new Date(to.getTime() - range.hours * 3600 * 1000);
    const query = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&every=${range.every}&agg=mean`;
    const history = await this.api.get(`/api/assets/${encodeURIComponent(assetId)}/history?${query}`);
    const fields = Object.keys(history.series).filter((field) => history.series[field].length > 0).slice(0, MaxSeries);
    this.plot?.destroy();
    this.plot = null;
    if (fields.length === 0) {
      fill(this.container, el('p', { className: 'hint' }, `No readings in the last ${range.text}.`));
      return;
    }
    const times = [...new Set(fields.flatMap((field) => history.series[field].map((point) => point.t)))].sort();
    const index = new Map(times.map((t, i) => [t, i]));
    const data = [times.map((t) => new Date(t).getTime() / 1000)];
    for (const field of fields) {
      const values = new Array(times.length).fill(null);
      for (const point of history.series[field]) values[index.get(point.t)] = point.v;
      data.push(values);
    }
    fill(this.container);
    const width = Math.max(260, this.container.clientWidth || 320);
    this.plot = new uPlot({
      width,
      height: 180,
      series: [{}, ...fields.map((field, i) => ({ label: `${field} (${history.units?.[field] ?? ''})`, stroke: Colours[i % Colours.length], width: 1.5, spanGaps: false }))],
      axes: [{}, { size: 50 }],
      legend: { live: false },
    }, data, this.container);
    this.container.setAttribute('aria-label', `History of ${fields.join(', ')} over the last ${range.text}, mean per ${range.every}`);
  }
}
