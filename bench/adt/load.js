// Loads the twin graph for bench/adt.sh through the twin API: ADT_COUNT twins (by default 100,000)
// over the place models (sites 40%, junctions 30%, street segments 30%), each in one of five
// boroughs and partOf one of their area twins, written ADT_CONCURRENCY at a time over keep-alive
// connections. Prints the rate and writes the twin ids, one a line, to ADT_IDS.
"use strict";
const http = require("node:http");
const fs = require("node:fs");

const url = new URL(process.env.ADT_URL);
const key = process.env.ADT_KEY;
const count = Number(process.env.ADT_COUNT ?? 100000);
const concurrency = Number(process.env.ADT_CONCURRENCY ?? 32);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const boroughs = ["E09000007", "E09000033", "E09000019", "E09000012", "E09000028"];
const siteTypes = ["bus-stop", "school", "park", "station", "high-street", "other"];

function send(method, path, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const request = http.request({ host: url.hostname, port: url.port, method, path: `${path}?api-version=2022-05-31`, agent,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...(data ? { "content-length": data.length } : {}) } }, (response) => {
      const chunks = [];
      response.on("data", (c) => chunks.push(c));
      response.on("end", () => response.statusCode < 300 ? resolve() : reject(new Error(`${method} ${path}: ${response.statusCode} ${Buffer.concat(chunks)}`)));
    });
    request.on("error", reject);
    request.end(data);
  });
}

function twin(i) {
  const areaCode = boroughs[i % boroughs.length];
  const lon = -0.3 + (i % 1000) * 0.0004, lat = 51.45 + Math.floor(i / 1000) % 100 * 0.002;
  const common = { name: `place ${i}`, areaCode, location: { type: "Point", coordinates: [lon, lat] } };
  const kind = i % 10;
  if (kind < 4) return { $metadata: { $model: "dtmi:urbantwin:place:Site;1" }, ...common, siteType: siteTypes[i % siteTypes.length] };
  if (kind < 7) return { $metadata: { $model: "dtmi:urbantwin:place:Junction;1" }, ...common, signalled: i % 2 === 0, approaches: ["north", "south"] };
  return { $metadata: { $model: "dtmi:urbantwin:place:StreetSegment;1" }, ...common, roadName: `Road ${i % 5000}`, length: 50 + (i % 400), speedLimit: 20 };
}

(async () => {
  for (const [b, code] of boroughs.entries()) {
    await send("PUT", `/digitaltwins/bench-area-${b}`, { $metadata: { $model: "dtmi:urbantwin:place:Area;1" }, name: code, areaCode: code });
  }
  const ids = [];
  let next = 0;
  const started = process.hrtime.bigint();
  async function worker() {
    while (next < count) {
      const i = next++;
      const id = `bench-${i}`;
      await send("PUT", `/digitaltwins/${id}`, twin(i));
      await send("PUT", `/digitaltwins/${id}/relationships/area`, { $targetId: `bench-area-${i % boroughs.length}`, $relationshipName: "partOf" });
      ids.push(id);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.writeFileSync(process.env.ADT_IDS, ids.join("\n") + "\n");
  console.log(`loaded ${count} twins and ${count} relationships in ${seconds.toFixed(1)} s: ${(2 * count / seconds).toFixed(0)} writes/s (${concurrency} in flight)`);
})().catch((e) => { console.error(e.message); process.exit(1); });
