// Reads the Prometheus text format (GET /metrics) into samples: name, labels, value.

const Line = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/;
const Label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseMetrics(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = Line.exec(line);
    if (!match) continue;
    const labels = {};
    for (const [, name, value] of (match[3] ?? '').matchAll(Label)) labels[name] = value.replace(/\\(.)/g, '$1');
    samples.push({ name: match[1], labels, value: Number(match[4]) });
  }
  return samples;
}

/** The sum of the samples whose name starts with `prefix` (a counter's or gauge's series). */
export function total(samples, prefix) {
  let sum = 0;
  let found = false;
  for (const sample of samples) {
    if (sample.name.startsWith(prefix) && !sample.name.endsWith('_created')) {
      sum += sample.value;
      found = true;
    }
  }
  return found ? sum : undefined;
}

/** The samples of `prefix` summed by one label's value. */
export function byLabel(samples, prefix, label) {
  const sums = new Map();
  for (const sample of samples) {
    if (!sample.name.startsWith(prefix) || sample.name.endsWith('_created')) continue;
    const key = sample.labels[label] ?? '(none)';
    sums.set(key, (sums.get(key) ?? 0) + sample.value);
  }
  return sums;
}
