// What a marker shows of an asset: its look (a colour, with a text for people who do not see
// colours), from its status and its active alerts. Worse looks win in a cluster.

export const Looks = [
  { id: 'ok', text: 'OK' },
  { id: 'daqi-low', text: 'DAQI Low' },
  { id: 'daqi-moderate', text: 'DAQI Moderate' },
  { id: 'offline', text: 'Offline' },
  { id: 'stale', text: 'Stale (silent)' },
  { id: 'alert', text: 'Alert' },
  { id: 'daqi-high', text: 'DAQI High' },
  { id: 'daqi-very-high', text: 'DAQI Very High' },
];

const rank = new Map(Looks.map((look, index) => [look.id, index]));
const text = new Map(Looks.map((look) => [look.id, look.text]));

export const KindLetters = { 'air-quality': 'A', footfall: 'F', 'bus-priority': 'B' };
export const KindNames = { 'air-quality': 'Air quality', footfall: 'Footfall', 'bus-priority': 'Bus priority' };

export const lookText = (look) => text.get(look) ?? look;

export const worse = (a, b) => ((rank.get(a) ?? 0) >= (rank.get(b) ?? 0) ? a : b);

/**
 * The look of an asset: `status` as the map lists it (ok, alert, offline), its active alerts,
 * and its DAQI band when known (from its twin).
 */
export function lookOf(status, alerts = [], band = undefined) {
  let look = 'ok';
  for (const alert of alerts) {
    if (alert.kind === 'air-quality-high') look = worse(look, alert.severity === 'critical' ? 'daqi-very-high' : 'daqi-high');
    else if (alert.kind === 'stale') look = worse(look, 'stale');
    else look = worse(look, 'alert');
  }
  if (look !== 'ok') return look;
  if (status === 'alert') return 'alert';
  if (status === 'offline' || status === 'decommissioned') return 'offline';
  if (band === 'Low') return 'daqi-low';
  if (band === 'Moderate') return 'daqi-moderate';
  if (band === 'High') return 'daqi-high';
  if (band === 'VeryHigh') return 'daqi-very-high';
  return 'ok';
}
