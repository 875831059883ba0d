// What the area summaries give for a borough, worked out for a drawn polygon from its assets'
// twins: the mean PM2.5 now over the stations that have reported it, and the people counted in
// and out this hour by the counters whose latest interval ended in it. Read 8 twins at a time, up
// to a bound, so a polygon over half the city does not read thousands of twins.

const MaxTwins = 300;
const Parallel = 8;

export async function drawnSummary(api, assets) {
  const wanted = assets.filter((a) => a.kind === 'air-quality' || a.kind === 'footfall');
  if (wanted.length > MaxTwins) return { skipped: wanted.length };
  const twins = [];
  for (let i = 0; i < wanted.length; i += Parallel) {
    const batch = wanted.slice(i, i + Parallel).map((a) => api.get(`/api/assets/${encodeURIComponent(a.id)}/twin`).catch(() => null));
    twins.push(...(await Promise.all(batch)).filter(Boolean));
  }
  const hourStart = new Date();
  hourStart.setUTCMinutes(0, 0, 0);
  let pm25 = 0;
  let reporting = 0;
  let countIn = 0;
  let countOut = 0;
  let counters = 0;
  for (const twin of twins) {
    const value = twin.latest?.pm2_5?.value;
    if (typeof value === 'number') {
      pm25 += value;
      reporting += 1;
    }
    if (twin.footfall && new Date(twin.footfall.hourStart).getTime() === hourStart.getTime()) {
      countIn += twin.footfall.hourIn;
      countOut += twin.footfall.hourOut;
      counters += 1;
    }
  }
  return {
    pm25: reporting ? { mean: pm25 / reporting, unit: 'µg/m³', reporting } : undefined,
    footfall: counters ? { in: countIn, out: countOut, reporting: counters } : undefined,
  };
}
