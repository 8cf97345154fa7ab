// Tailscale log streaming into the running app: the Splunk HEC endpoint with every body shape,
// encoding and auth scheme Tailscale's Splunk and Panther destinations use, the Splunk answers,
// duplicates, quarantine, limits, and random hostile bodies that must never produce a 5xx.
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { compress as zstdCompress, init as zstdInit } from "@bokuweb/zstd-wasm";
import { runCli } from "../support/db-helpers";
import { basicAuth, createIngestToken, post, postChunked, queryCount } from "../support/hec-client";
import { auditRecord, fixture, flowRecord, hecBody } from "../support/tailscale-records";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("databaseUrl");
let token: string;
const SUCCESS = { text: "Success", code: 0 };

const auditCount = (groups: string[]) => queryCount(databaseUrl, `SELECT count(*) FROM audit_events WHERE event_group_id = ANY($1)`, [groups]);
const group = (r: object) => (r as { eventGroupID: string }).eventGroupID;

beforeAll(async () => {
  token = createIngestToken(databaseUrl);
  await zstdInit();
});

describe("POST /services/collector/event", () => {
  it("stores the real streamed sample (HTTP Basic, token as password) and answers as Splunk does", async () => {
    const response = await post(baseUrl, fixture("hec-stream-body.txt"), { authorization: basicAuth(token) });
    expect(response).toMatchObject({ status: 200, body: SUCCESS });
    expect(await queryCount(databaseUrl, `SELECT count(*) FROM audit_events WHERE event_group_id = 'abc123def456'`)).toBe(1);
    expect(await queryCount(databaseUrl, `SELECT count(*) FROM flow_records WHERE node_id = 'n0001CNTRL'`)).toBe(2);
  });

  const shapes: [string, (records: object[]) => string][] = [
    ["concatenated HEC envelopes", (r) => hecBody(r)],
    ["NDJSON of bare records", (r) => r.map((x) => JSON.stringify(x)).join("\n") + "\n"],
    ["a JSON array of envelopes", (r) => `[${hecBody(r).replaceAll("}{\"time\"", "},{\"time\"")}]`],
    ["a {\"logs\":[…]} wrapper", (r) => JSON.stringify({ version: "1.1", tailnetId: "example.com", logs: r })],
  ];
  it.each(shapes)("accepts %s", async (_name, shape) => {
    const records = [auditRecord(), auditRecord({ action: "ENABLE" })];
    const response = await post(baseUrl, shape(records), { authorization: `Bearer ${token}` });
    expect(response).toMatchObject({ status: 200, body: SUCCESS });
    expect(await auditCount(records.map(group))).toBe(2);
  });

  it("accepts one object, on /services/collector too, with Authorization: Splunk", async () => {
    const record = auditRecord();
    expect(await post(baseUrl, JSON.stringify({ time: Date.now() / 1000, event: record }), { authorization: `Splunk ${token}` }, "/services/collector")).toMatchObject({ status: 200, body: SUCCESS });
    expect(await auditCount([group(record)])).toBe(1);
  });

  it("decodes gzip and zstd bodies sent with chunked transfer encoding", async () => {
    const a = auditRecord();
    const b = auditRecord();
    const gz = gzipSync(hecBody([a, flowRecord({ node: "nGzipCNTRL", entries: 50 })]));
    const zst = Buffer.from(zstdCompress(Buffer.from(hecBody([b])), 3));
    const split = (buf: Buffer) => [buf.subarray(0, 7), buf.subarray(7, 100), buf.subarray(100)];
    expect(await postChunked(`${baseUrl}/services/collector/event`, split(gz), { authorization: `Bearer ${token}`, "content-encoding": "gzip" })).toMatchObject({ status: 200, body: SUCCESS });
    expect(await postChunked(`${baseUrl}/services/collector/event`, split(zst), { authorization: `Bearer ${token}`, "content-encoding": "zstd" })).toMatchObject({ status: 200, body: SUCCESS });
    expect(await auditCount([group(a), group(b)])).toBe(2);
    expect(await queryCount(databaseUrl, `SELECT count(*) FROM flow_records WHERE node_id = 'nGzipCNTRL'`)).toBe(51);
  });

  it("stores records delivered twice and three times once", async () => {
    const records = [auditRecord(), flowRecord({ node: "nDupCNTRL", entries: 20 })];
    const body = hecBody(records);
    for (let i = 0; i < 3; i++) expect((await post(baseUrl, body, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect(await auditCount([group(records[0]!)])).toBe(1);
    expect(await queryCount(databaseUrl, `SELECT count(*) FROM flow_records WHERE node_id = 'nDupCNTRL'`)).toBe(21);
  });

  it("quarantines a malformed record and stores the rest of the batch", async () => {
    const good = [auditRecord(), auditRecord()];
    const marker = `bad-${randomBytes(4).toString("hex")}`;
    const body = `${JSON.stringify({ time: 1, event: good[0] })}{"time":2,"event":{"nodeId":"${marker}","start":"never"}}${JSON.stringify({ time: 3, event: good[1] })}`;
    expect(await post(baseUrl, body, { authorization: `Bearer ${token}` })).toMatchObject({ status: 200, body: SUCCESS });
    expect(await auditCount(good.map(group))).toBe(2);
    expect(await queryCount(databaseUrl, `SELECT count(*) FROM quarantined_records WHERE raw LIKE $1 AND reason LIKE '%RFC 3339%'`, [`%${marker}%`])).toBe(1);
  });

  it("refuses requests without a valid token, as Splunk does", async () => {
    const body = hecBody([auditRecord()]);
    expect(await post(baseUrl, body, {})).toMatchObject({ status: 401, body: { text: "Token is required", code: 2 } });
    expect(await post(baseUrl, body, { authorization: "Bearer csi_not-a-real-token" })).toMatchObject({ status: 403, body: { code: 4 } });
    expect(await post(baseUrl, body, { authorization: basicAuth("wrong") })).toMatchObject({ status: 403 });
    expect(await post(baseUrl, body, { authorization: "Digest whatever" })).toMatchObject({ status: 403 });
    const revoked = createIngestToken(databaseUrl);
    const list = runCli(["ingest-token", "list"], { DATABASE_URL: databaseUrl }).stdout;
    const id = list.split("\n").find((line) => line.includes(revoked.slice(0, 10)))!.trim().split(/\s+/)[0]!;
    expect(runCli(["ingest-token", "revoke", id], { DATABASE_URL: databaseUrl }).code).toBe(0);
    expect(await post(baseUrl, body, { authorization: `Bearer ${revoked}` })).toMatchObject({ status: 403 });
  });

  it("answers bad bodies with a clear 4xx", async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect(await post(baseUrl, "<html>not json</html>", auth)).toMatchObject({ status: 400, body: { code: 6, text: expect.stringMatching(/not JSON/) } });
    expect(await post(baseUrl, "", auth)).toMatchObject({ status: 400, body: { code: 5 } });
    expect(await post(baseUrl, "{}", { ...auth, "content-encoding": "br" })).toMatchObject({ status: 415 });
    expect(await post(baseUrl, "definitely not gzip", { ...auth, "content-encoding": "gzip" })).toMatchObject({ status: 400, body: { text: expect.stringMatching(/gzip/) } });
    // A gzip bomb: 300 MiB of spaces in well under 1 MiB.
    const bomb = gzipSync(Buffer.alloc(300 * 1024 * 1024, 0x20), { level: 9 });
    expect(await post(baseUrl, bomb, { ...auth, "content-encoding": "gzip" })).toMatchObject({ status: 413 });
    expect(await post(baseUrl, "{}", auth, "/services/collector/raw")).toMatchObject({ status: 404 });
  });

  it("never answers a 5xx, whatever the body", async () => {
    const auth = { authorization: `Bearer ${token}` };
    const jsonish = fc.oneof(
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify({ time: 1, event: v })),
      fc.record({ nodeId: fc.string(), start: fc.string(), end: fc.string(), virtualTraffic: fc.array(fc.record({ proto: fc.oneof(fc.integer(), fc.string()), src: fc.string(), dst: fc.string(), txBytes: fc.oneof(fc.integer(), fc.double(), fc.string()) })) }).map((v) => JSON.stringify(v)),
      fc.record({ action: fc.string(), actor: fc.jsonValue(), target: fc.jsonValue(), eventTime: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())) }).map((v) => JSON.stringify(v)),
      fc.string({ unit: "binary" }),
      // Records that pass validation, so hostile values reach the database writes.
      fc
        .record({
          nodeId: fc.string({ unit: "binary", minLength: 1, maxLength: 300 }),
          at: fc.integer({ min: 0, max: 20 * 86_400 }),
          entries: fc.array(
            fc.record({
              proto: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.string({ unit: "binary", maxLength: 50 })),
              src: fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 65535 })).map(([ip, port]) => `${ip}:${port}`),
              dst: fc.oneof(fc.ipV6().map((ip) => `[${ip}]:443`), fc.ipV4()),
              txBytes: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
              rxPkts: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
            }),
            { maxLength: 5 },
          ),
        })
        .map(({ nodeId, at, entries }) => {
          const start = new Date(Date.now() - at * 1000);
          return JSON.stringify({ nodeId, start: start.toISOString(), end: new Date(start.getTime() + 5000).toISOString(), srcNode: { nodeId, name: nodeId, tags: [nodeId] }, virtualTraffic: entries });
        }),
      fc
        .record({ action: fc.string({ unit: "binary", minLength: 1, maxLength: 100 }), login: fc.string({ unit: "binary", maxLength: 200 }), value: fc.jsonValue() })
        .map(({ action, login, value }) => JSON.stringify({ eventTime: new Date().toISOString(), actor: { loginName: login, displayName: login }, target: { id: login, property: login }, action, old: value, new: value })),
      fc.constantFrom('{"a":"\\u0000"}', '{"action":"X","actor":{"displayName":"\\ud800"},"eventTime":"2026-06-01T00:00:00Z"}', "[[[[[[[[[[", "}}}}", '{"logs":[{"nodeId":"n"', "\u0000\u0001\u0002"),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(jsonish, { minLength: 1, maxLength: 4 }), fc.constantFrom("", "\n", ","), fc.boolean(), async (parts, separator, gzip) => {
        const text = parts.join(separator);
        const body = gzip ? gzipSync(text) : Buffer.from(text);
        const response = await post(baseUrl, body, gzip ? { ...auth, "content-encoding": "gzip" } : auth);
        expect(response.status, `${response.status} for ${JSON.stringify(text).slice(0, 300)}`).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it("answers the HEC health check", async () => {
    const response = await fetch(`${baseUrl}/services/collector/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ text: "HEC is healthy", code: 17 });
  });
});
