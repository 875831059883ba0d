// Drives a running UrbanTwin node's twin API with the real Azure Digital Twins client, as an
// integrator would: models, twins, relationships, components, queries with paging, telemetry and
// deletes, each checked against what the service answers. Run by
// tests/TwinApi.Tests/DigitalTwins/AdtNodeClientTests.cs with:
//   ADT_URL       the node's https:// endpoint (its certificate trusted through NODE_EXTRA_CA_CERTS)
//   ADT_KEY       an API key, handed to the client as its bearer token by a stub credential
//   ADT_STATION   an air-quality asset that has reported no2 = 41.5
//   ADT_JUNCTION  a bus-priority asset
// Prints one line per step and exits 0 when every step holds, 1 at the first that does not.
"use strict";
const assert = require("node:assert/strict");
const { DigitalTwinsClient } = require("@azure/digital-twins-core");

const credential = {
  getToken: async () => ({ token: process.env.ADT_KEY, expiresOnTimestamp: Date.now() + 3600e3 }),
};
// A connection per request: under Node.js 18 (Debian 12's), node-fetch 2, beneath the client's
// @azure/core-http, takes the listener Node leaves on a kept-alive socket for an unfinished answer
// and fails a complete short chunked one (a 201 to createModels) with "Premature close".
const client = new DigitalTwinsClient(process.env.ADT_URL, credential, { keepAliveOptions: { enable: false } });
const run = Date.now().toString(36);
const kiosk = `dtmi:example:city:Kiosk${run};1`;
const site = `site-${run}`;
const kiosks = [`kiosk-a-${run}`, `kiosk-b-${run}`, `kiosk-c-${run}`];

async function step(name, body) {
  try {
    await body();
    console.log(`ok ${name}`);
  } catch (e) {
    console.log(`FAILED ${name}: ${e.statusCode ?? ""} ${e.code ?? ""} ${e.message}`);
    process.exit(1);
  }
}

async function refused(promise, status, code) {
  try {
    await promise;
  } catch (e) {
    assert.equal(e.statusCode, status, e.message);
    assert.equal(e.code, code, e.message);
    return;
  }
  assert.fail(`expected ${status} ${code}`);
}

async function all(iterator) {
  const items = [];
  for await (const item of iterator) items.push(item);
  return items;
}

(async () => {
  await step("createModels uploads a model extending the product's Site (201)", async () => {
    const created = await client.createModels([{
      "@context": "dtmi:dtdl:context;3",
      "@id": kiosk,
      "@type": "Interface",
      displayName: "Kiosk",
      extends: "dtmi:urbantwin:place:Site;1",
      contents: [
        { "@type": "Property", name: "open", schema: "boolean", writable: true },
        { "@type": "Property", name: "visitors", schema: "integer", writable: true },
        { "@type": "Component", name: "display", schema: "dtmi:urbantwin:asset:JunctionReadings;1" },
        { "@type": "Relationship", name: "servedBy", target: "dtmi:urbantwin:asset:Asset;1" },
      ],
    }]);
    assert.equal(created.length, 1);
    assert.equal(created[0].id, kiosk);
    assert.equal(created[0].displayName.en, "Kiosk");
    await refused(client.createModels([{ "@context": "dtmi:dtdl:context;3", "@id": kiosk, "@type": "Interface" }]), 409, "ModelIdAlreadyExists");
    await refused(client.createModels([{ "@context": "dtmi:dtdl:context;3", "@id": "not a dtmi", "@type": "Interface" }]), 400, "DTDLParserError");
  });

  await step("listModels pages through every model with absolute next links", async () => {
    const pages = [];
    for await (const page of client.listModels(undefined, false).byPage({ maxPageSize: 5 })) pages.push(page.value);
    const ids = pages.flat().map((m) => m.id);
    assert.ok(pages.length >= 4, `only ${pages.length} pages`);
    assert.ok(ids.includes(kiosk) && ids.includes("dtmi:urbantwin:asset:AirQualityStation;1"));
    assert.equal(new Set(ids).size, ids.length);
    const deps = await all(client.listModels([kiosk], true));
    assert.deepEqual(new Set(deps.map((m) => m.id)), new Set([kiosk, "dtmi:urbantwin:place:Site;1", "dtmi:urbantwin:place:Place;1", "dtmi:urbantwin:asset:JunctionReadings;1"]));
    assert.ok(deps.every((m) => m.model["@id"] === m.id));
  });

  await step("getModel with and without its definition", async () => {
    const bare = await client.getModel(kiosk);
    assert.equal(bare.model, undefined);
    const full = await client.getModel(kiosk, true);
    assert.equal(full.model.extends, "dtmi:urbantwin:place:Site;1");
    await refused(client.getModel("dtmi:example:missing;1"), 404, "ModelNotFound");
  });

  await step("upsertDigitalTwin creates a site and kiosks (If-None-Match), weak ETags", async () => {
    const made = await client.upsertDigitalTwin(site, JSON.stringify({ $metadata: { $model: "dtmi:urbantwin:place:Site;1" }, name: "Camden Market", areaCode: "E09000007", siteType: "high-street" }), { ifNoneMatch: "*" });
    assert.match(made.etag, /^W\/"/);
    assert.equal(made.body.$etag, made.etag);
    for (const [i, id] of kiosks.entries()) {
      await client.upsertDigitalTwin(id, JSON.stringify({ $metadata: { $model: kiosk }, name: `Kiosk ${i}`, areaCode: "E09000007", open: i !== 1, visitors: 10 * i, display: { $metadata: {} } }));
    }
    await refused(client.upsertDigitalTwin(site, JSON.stringify({ $metadata: { $model: "dtmi:urbantwin:place:Site;1" } }), { ifNoneMatch: "*" }), 412, "PreconditionFailed");
    await refused(client.upsertDigitalTwin(`bad-${run}`, JSON.stringify({ $metadata: { $model: kiosk }, open: "yes", display: { $metadata: {} } })), 400, "ValidationFailed");
  });

  await step("getDigitalTwin and updateDigitalTwin with If-Match (204, new ETag; stale ETag 412)", async () => {
    const twin = await client.getDigitalTwin(kiosks[0]);
    assert.equal(twin.body.$dtId, kiosks[0]);
    assert.equal(twin.body.$metadata.$model, kiosk);
    assert.match(twin.body.$metadata.$lastUpdateTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    const patched = await client.updateDigitalTwin(kiosks[0], [{ op: "replace", path: "/visitors", value: 250 }], { ifMatch: twin.etag });
    assert.notEqual(patched.etag, twin.etag);
    assert.equal((await client.getDigitalTwin(kiosks[0])).body.visitors, 250);
    await refused(client.updateDigitalTwin(kiosks[0], [{ op: "replace", path: "/visitors", value: 1 }], { ifMatch: twin.etag }), 412, "PreconditionFailed");
    await refused(client.updateDigitalTwin(kiosks[0], [{ op: "move", from: "/visitors", path: "/open" }]), 400, "JsonPatchInvalid");
    await refused(client.getDigitalTwin(`missing-${run}`), 404, "DigitalTwinNotFound");
  });

  await step("components: getComponent and updateComponent", async () => {
    await client.updateComponent(kiosks[0], "display", [{ op: "add", path: "/occupancy", value: 12.5 }]);
    const component = await client.getComponent(kiosks[0], "display");
    assert.equal(component.body.occupancy, 12.5);
    assert.ok(component.body.$metadata.occupancy.lastUpdateTime);
    await refused(client.getComponent(kiosks[0], "nothing"), 404, "ComponentNotFound");
  });

  await step("an asset twin shows the readings its device sent", async () => {
    const station = await client.getDigitalTwin(process.env.ADT_STATION);
    assert.equal(station.body.$metadata.$model, "dtmi:urbantwin:asset:AirQualityStation;1");
    assert.equal(station.body.latest.no2, 41.5);
    assert.ok(station.body.latest.$metadata.no2.sourceTime);
  });

  await step("patching a junction's priority policy reaches its grain", async () => {
    const junction = process.env.ADT_JUNCTION;
    const before = await client.getDigitalTwin(junction);
    const patched = await client.updateComponent(junction, "priorityPolicy", [{ op: "replace", path: "/lateThreshold", value: 20 }], { ifMatch: before.etag });
    const after = await client.getDigitalTwin(junction);
    assert.equal(after.body.priorityPolicy.lateThreshold, 20);
    assert.equal(after.etag, patched.etag);
    await refused(client.updateDigitalTwin(junction, [{ op: "replace", path: "/name", value: "x" }]), 400, "ValidationFailed");
  });

  await step("relationships: upsert, get, list, incoming, update", async () => {
    for (const [i, id] of kiosks.entries()) {
      const made = await client.upsertRelationship(id, `in-${i}`, { $targetId: site, $relationshipName: "partOf", note: `kiosk ${i}` });
      assert.equal(made.body.$sourceId, id);
      assert.match(made.etag, /^W\/"/);
    }
    await client.upsertRelationship(kiosks[0], "served", { $targetId: process.env.ADT_STATION, $relationshipName: "servedBy" });
    const rel = await client.getRelationship(kiosks[1], "in-1");
    assert.equal(rel.body.note, "kiosk 1");
    await client.updateRelationship(kiosks[1], "in-1", [{ op: "replace", path: "/note", value: "moved" }], { ifMatch: rel.etag });
    assert.equal((await client.getRelationship(kiosks[1], "in-1")).body.note, "moved");
    // Relationship properties are the ones its declaration lists (Place's partOf: note, a string).
    await refused(client.upsertRelationship(kiosks[0], "dated", { $targetId: site, $relationshipName: "partOf", since: 2020 }), 400, "ValidationFailed");
    await refused(client.updateRelationship(kiosks[1], "in-1", [{ op: "replace", path: "/note", value: 7 }]), 400, "ValidationFailed");
    const outgoing = await all(client.listRelationships(kiosks[0]));
    assert.deepEqual(outgoing.map((r) => r.$relationshipId).sort(), ["in-0", "served"]);
    const incoming = [];
    for await (const page of client.listIncomingRelationships(site).byPage({ maxPageSize: 2 })) incoming.push(...page.value);
    // The client maps the wire's $sourceId, $relationshipName and $relationshipLink to these names.
    assert.deepEqual(incoming.map((r) => r.sourceId).sort(), [...kiosks].sort());
    assert.ok(incoming.every((r) => r.relationshipName === "partOf" && r.relationshipLink.startsWith(`/digitaltwins/`)));
    await refused(client.upsertRelationship(kiosks[0], "self", { $targetId: kiosks[0], $relationshipName: "partOf" }), 400, "OperationNotAllowed");
    await refused(client.upsertRelationship(kiosks[0], "bad", { $targetId: site, $relationshipName: "servedBy" }), 400, "ValidationFailed");
  });

  await step("queryTwins: IS_OF_MODEL with a filter, paging by continuation token, JOIN, COUNT", async () => {
    const open = await all(client.queryTwins(`SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '${kiosk}') AND T.open = true`));
    assert.deepEqual(open.map((t) => t.$dtId).sort(), [kiosks[0], kiosks[2]].sort());
    const pages = [];
    for await (const page of client.queryTwins(`SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:urbantwin:place:Site;1')`, 1).byPage({ maxPageSize: 1 })) pages.push(page);
    assert.ok(pages.length >= 4, `${pages.length} pages`);
    assert.ok(pages.flatMap((p) => p.value).some((t) => t.$dtId === site));
    const joined = await all(client.queryTwins(`SELECT K, S FROM DIGITALTWINS S JOIN K RELATED S.partOf WHERE S.$dtId = '${kiosks[2]}'`));
    assert.equal(joined.length, 1);
    assert.equal(joined[0].K.$dtId, site);
    const counted = await all(client.queryTwins(`SELECT COUNT() FROM DIGITALTWINS WHERE IS_OF_MODEL('${kiosk}')`));
    assert.deepEqual(counted, [{ COUNT: 3 }]);
    await refused(all(client.queryTwins("SELEC * FROM DIGITALTWINS")), 400, "SqlQueryError");
  });

  await step("publishTelemetry is accepted (204)", async () => {
    await client.publishTelemetry(kiosks[0], { visitors: 3 }, `m-${run}`);
  });

  await step("deletes: relationships first, then twins (204), then the model", async () => {
    await refused(client.deleteDigitalTwin(site), 400, "RelationshipsNotDeleted");
    await client.deleteRelationship(kiosks[0], "served");
    for (const [i, id] of kiosks.entries()) {
      await client.deleteRelationship(id, `in-${i}`);
      await client.deleteDigitalTwin(id);
    }
    await client.deleteDigitalTwin(site);
    await refused(client.getDigitalTwin(site), 404, "DigitalTwinNotFound");
    await client.decomissionModel(kiosk);
    assert.equal((await client.getModel(kiosk)).decommissioned, true);
    await client.deleteModel(kiosk);
    await refused(client.getModel(kiosk), 404, "ModelNotFound");
  });
})();
