// Every audit rule end to end: its positive test record, streamed to the HEC endpoint of the
// running app, becomes an alert of that rule within seconds (pipeline → outbox → fold job); a
// threshold rule's record is sent as many times as its threshold asks.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { RULES } from "@/lib/detections/registry";
import type { AnyRealtimeRule } from "@/lib/detections/define-rule";
import { thresholdOf } from "@/lib/detections/engine";
import { DEFAULT_DETECTION_SETTINGS } from "@/lib/detections/settings-schema";
import { createIngestToken, post } from "../support/hec-client";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("databaseUrl");
const client = new pg.Client({ connectionString: databaseUrl });

type Test = AnyRealtimeRule["tests"][number];
const auditRules = RULES.filter((r): r is AnyRealtimeRule => r.kind === "realtime" && r.logType === "audit");

/** The rule's first positive test that needs no device inventory, preferring one without settings. */
function positiveOf(rule: AnyRealtimeRule): Test {
  const positives = rule.tests.filter((t) => t.expected && !t.context?.devices?.length);
  const test = positives.find((t) => !t.context?.settings) ?? positives[0];
  if (!test) throw new Error(`${rule.id} has no positive test without devices`);
  return test;
}

/**
 * The record made new: a fresh event group (so it is not a duplicate), a time a minute ago, and
 * its own tailnet, so it raises its own alert rather than joining another test's (an alert keeps
 * its first 500 events; the count goes on).
 */
function fresh(event: unknown): { record: Record<string, unknown>; group: string } {
  const record = structuredClone(event) as Record<string, unknown>;
  const group = randomBytes(16).toString("hex");
  const at = Date.now() - 60_000;
  const inner = (record.event && typeof record.event === "object" ? record.event : record) as Record<string, unknown>;
  inner.eventGroupID = group;
  const target = inner.target as Record<string, unknown> | undefined;
  if (target?.type === "TAILNET") Object.assign(target, { id: `t${group.slice(0, 8)}.example.com`, name: `t${group.slice(0, 8)}.example.com` });
  if (inner !== record) {
    record.time = at / 1000;
    delete inner.eventTime;
  } else inner.eventTime = new Date(at).toISOString();
  return { record, group };
}

const chosen = auditRules.map((rule) => ({ rule, test: positiveOf(rule) }));

beforeAll(async () => {
  await client.connect();
  // Positive tests that need settings (expected owners, company domains) get them; the app
  // reads settings through a cache of a few seconds.
  const settings = Object.assign({}, ...chosen.map((c) => c.test.context?.settings ?? {})) as Record<string, unknown>;
  if (Object.keys(settings).length) {
    await client.query(`INSERT INTO "AppSetting" (key, value, "updatedAt") VALUES ('detections', $1, now()) ON CONFLICT (key) DO UPDATE SET value = $1`, [JSON.stringify(settings)]);
    await new Promise((r) => setTimeout(r, 6_000));
  }
});
afterAll(async () => {
  await client.query(`DELETE FROM "AppSetting" WHERE key = 'detections'`);
  await client.end();
});

describe("each audit rule fires on a streamed record", () => {
  it(`covers ${auditRules.length} rules`, () => expect(auditRules.length).toBeGreaterThan(0));

  it("turns every rule's positive record into an alert of that rule within seconds", async () => {
    const token = createIngestToken(databaseUrl);
    // A threshold rule raises once enough of its records arrive: send that many.
    const sent = chosen.flatMap(({ rule, test }) =>
      Array.from({ length: thresholdOf(rule, DEFAULT_DETECTION_SETTINGS).threshold }, () => ({ rule, test, ...fresh(test.event) })),
    );
    expect(sent.length).toBeGreaterThan(chosen.length); // RepeatedFailedChanges needs five
    const response = await post(baseUrl, sent.map((s) => JSON.stringify(s.record)).join("\n"), { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    const started = Date.now();
    let missing = sent;
    while (missing.length && Date.now() - started < 20_000) {
      await new Promise((r) => setTimeout(r, 250));
      const { rows } = await client.query<{ group: string; rule_id: string }>(
        `SELECT ae.event_group_id AS group, a.rule_id FROM audit_events ae
         JOIN alert_events e ON e.event_key = 'audit:' || ae.id
         JOIN alerts a ON a.id = e.alert_id
         WHERE ae.event_group_id = ANY($1)`,
        [missing.map((s) => s.group)],
      );
      const found = new Set(rows.map((r) => `${r.group}|${r.rule_id}`));
      missing = missing.filter((s) => !found.has(`${s.group}|${s.rule.id}`));
    }
    expect(missing.map((s) => `${s.rule.id}: ${s.test.name}`)).toEqual([]);
  });
});
