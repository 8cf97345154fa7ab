// The case REST API over HTTP: create, read, change with a version, a status change refused
// with its reasons, timeline notes, bad input as clear 4xx; a COO_ONLY case does not exist for
// the security team (404, absent from lists and counts) while the COO works it.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { makeUser } = await import("../support/db-helpers");
const { apiTokenFor } = await import("../support/api-client");

const run = randomBytes(4).toString("hex");
const tokens: Record<string, string> = {};

type Json = Record<string, unknown> & { error?: { code: string; message: string } };
async function call(who: string | null, path: string, method = "GET", body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: Json = {};
  try {
    json = JSON.parse(text) as Json;
  } catch {
    json = { raw: text };
  }
  return { status: response.status, body: json };
}

beforeAll(async () => {
  for (const [who, roles] of [["security", ["SECURITY"]], ["coo", ["COO"]], ["admin", ["ADMIN"]], ["employee", []]] as const) {
    const user = await makeUser([...roles]);
    tokens[who] = await apiTokenFor(user, "cases test");
  }
});

describe("/api/v1/cases", () => {
  it("creates, reads and changes a case with optimistic concurrency, and refuses what may not happen with reasons", async () => {
    const created = await call("security", "/api/v1/cases", "POST", { title: `Exit node enabled on build-7 ${run}`, severity: "HIGH", template: "unauthorized-config-change" });
    expect(created.status).toBe(201);
    const ref = created.body.reference as string;
    expect(ref).toMatch(/^CASE-\d{4}-\d{4,}$/);
    const read = await call("security", `/api/v1/cases/${ref}`);
    expect(read).toMatchObject({ status: 200, body: { reference: ref, status: "NEW", severity: "HIGH", visibility: "STANDARD" } });
    const version = read.body.version as number;

    expect(await call("security", `/api/v1/cases/${ref}`, "PATCH", { version, status: "TRIAGE" })).toMatchObject({ status: 200 });
    // The same version again: someone changed it since.
    expect(await call("security", `/api/v1/cases/${ref}`, "PATCH", { version, title: "stale edit" })).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });
    const now = (await call("security", `/api/v1/cases/${ref}`)).body.version as number;
    // Two steps at once, and loosening the class never happen.
    expect((await call("security", `/api/v1/cases/${ref}`, "PATCH", { version: now, status: "REMEDIATED" })).status).toBe(422);
    expect((await call("security", `/api/v1/cases/${ref}`, "PATCH", { version: now, visibility: "SENSITIVE" })).status).toBe(200);
    const sealed = (await call("security", `/api/v1/cases/${ref}`)).body.version as number;
    expect((await call("security", `/api/v1/cases/${ref}`, "PATCH", { version: sealed, visibility: "STANDARD" })).status).toBe(422);

    const note = await call("security", `/api/v1/cases/${ref}/timeline`, "POST", { body: "Exit node approved by an unknown admin", occurredAt: "2026-11-21T09:12:00Z", timeZone: "Europe/Berlin", source: "Tailscale admin console" });
    expect(note.status).toBe(201);
    const timeline = (await call("security", `/api/v1/cases/${ref}`)).body.timeline as { body?: string }[];
    expect(timeline.some((e) => e.body === "Exit node approved by an unknown admin")).toBe(true);
  });

  it("answers bad input with clear 4xx, never 500", async () => {
    const bad: [string, string, unknown][] = [
      ["POST", "/api/v1/cases", "{not json"],
      ["POST", "/api/v1/cases", { title: "x", severity: "APOCALYPTIC" }],
      ["POST", "/api/v1/cases", { title: 42, severity: "HIGH" }],
      ["POST", "/api/v1/cases", { title: "<script>alert(1)</script>".repeat(1000), severity: "LOW" }],
      ["GET", "/api/v1/cases/CASE-9999-99999", undefined],
      ["GET", "/api/v1/cases/%00%27%22", undefined],
      ["PATCH", "/api/v1/cases/CASE-9999-99999", { version: 0, title: "x" }],
      ["POST", "/api/v1/cases/CASE-9999-99999/timeline", { body: "x", occurredAt: "yesterday", timeZone: "Mars/Olympus" }],
    ];
    for (const [method, path, body] of bad) {
      const { status } = await call("security", path, method, body);
      expect(status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(status, `${method} ${path}`).toBeLessThan(500);
    }
    expect((await call(null, "/api/v1/cases")).status).toBe(401);
    expect((await call("employee", "/api/v1/cases")).status).toBe(403);
    expect((await call("admin", "/api/v1/cases")).status).toBe(403);
  });

  it("a COO_ONLY case does not exist for the security team, and the COO works it", async () => {
    const title = `Harassment report ${run}`;
    const created = await call("coo", "/api/v1/cases", "POST", { title, severity: "MEDIUM", visibility: "COO_ONLY" });
    expect(created.status).toBe(201);
    const ref = created.body.reference as string;
    expect((await call("coo", `/api/v1/cases/${ref}`)).status).toBe(200);
    const hidden = await call("security", `/api/v1/cases/${ref}`);
    expect(hidden).toMatchObject({ status: 404 });
    expect(JSON.stringify(hidden.body)).not.toContain(title);
    const list = await call("security", `/api/v1/cases?q=${encodeURIComponent(run)}`);
    expect(JSON.stringify(list.body)).not.toContain(ref);
    expect((await call("security", `/api/v1/cases/${ref}`, "PATCH", { version: 0, title: "x" })).status).toBe(404);
    expect((await call("security", `/api/v1/cases/${ref}/timeline`, "POST", { body: "x", occurredAt: "2026-11-21T09:00:00Z" })).status).toBe(404);
    const mine = await call("coo", `/api/v1/cases?q=${encodeURIComponent(run)}`);
    expect(JSON.stringify(mine.body)).toContain(ref);
  });
});
