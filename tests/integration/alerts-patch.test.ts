// PATCH /api/v1/alerts/{id} on a real database, through the route handler with a personal API
// token: the version is optional, in the body or as If-Match; a stale one is a 409, a malformed
// If-Match a 400; without one the change applies to the alert as it is, on the audit trail.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/db";
import type { UserViewer } from "@/lib/auth/viewer";
import { patchAlert, updateAlert } from "@/lib/alerts/update-alerts";
import { createApiToken } from "@/lib/tokens/api-tokens";
import { stopBoss } from "@/lib/jobs/boss";
import { closeIngestPool } from "@/lib/ingest/pg-pool";
import { makeAlert, makeViewer } from "../support/db-helpers";

// Outside Next.js there is no request scope: the route's request context reads these headers.
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));
const { PATCH } = await import("@/app/api/v1/alerts/[id]/route");

let security: UserViewer;
let security2: UserViewer;
let token: string;

beforeAll(async () => {
  security = await makeViewer(["SECURITY"]);
  security2 = await makeViewer(["SECURITY"]);
  ({ token } = await createApiToken({ viewer: security, input: { name: "alerts-patch test" } }));
});
afterAll(async () => {
  await stopBoss();
  await closeIngestPool();
});

async function patch(id: number | string, body: unknown, headers: Record<string, string> = {}) {
  const request = new NextRequest(`http://localhost/api/v1/alerts/${id}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const response = await PATCH(request, { params: Promise.resolve({ id: String(id) }) });
  return { status: response.status, body: await response.json() };
}

const stored = (id: number) => db.alert.findUniqueOrThrow({ where: { id } });
const trail = async (id: number) => (await db.auditLog.findMany({ where: { targetType: "Alert", targetId: String(id) }, orderBy: { seq: "asc" } })).map((t) => t.action);

describe("PATCH /api/v1/alerts/{id}", () => {
  it("without a version: applies to the alert as it is, bumps the version and is on the audit trail", async () => {
    const alert = await makeAlert();
    await updateAlert({ viewer: security2, id: alert.id, version: 0, input: { action: "assign", assigneeId: security2.id } });
    const r = await patch(alert.id, { status: "ACKNOWLEDGED" });
    expect(r.status).toBe(200);
    expect(r.body.alert).toMatchObject({ id: alert.id, status: "ACKNOWLEDGED" });
    expect(await stored(alert.id)).toMatchObject({ status: "ACKNOWLEDGED", assigneeId: security2.id, version: 2 });
    expect(await trail(alert.id)).toEqual(["alert.assign", "alert.acknowledge"]);
    expect((await patch(alert.id, { assignee: security.email })).status).toBe(200);
    expect(await stored(alert.id)).toMatchObject({ assigneeId: security.id, version: 3 });
  });

  it("with a stale version in the body: 409 and nothing changes", async () => {
    const alert = await makeAlert();
    expect((await patch(alert.id, { status: "ACKNOWLEDGED", version: 0 })).status).toBe(200);
    const r = await patch(alert.id, { status: "DISMISSED", dismissal: "FALSE_POSITIVE", reason: "noise", version: 0 });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/changed since you loaded it/) });
    expect(await stored(alert.id)).toMatchObject({ status: "ACKNOWLEDGED", version: 1 });
    expect((await patch(alert.id, { status: "OPEN", version: 1 })).status).toBe(200);
  });

  it("with If-Match: the current version succeeds, a stale one is a 409", async () => {
    const alert = await makeAlert();
    expect((await patch(alert.id, { status: "ACKNOWLEDGED" }, { "if-match": '"0"' })).status).toBe(200);
    const stale = await patch(alert.id, { status: "OPEN" }, { "if-match": '"0"' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("CONFLICT");
    expect(await stored(alert.id)).toMatchObject({ status: "ACKNOWLEDGED", version: 1 });
    expect((await patch(alert.id, { status: "OPEN" }, { "if-match": "0" })).status).toBe(409);
    expect((await patch(alert.id, { status: "OPEN" }, { "if-match": "1" })).status).toBe(200);
    expect((await patch(alert.id, { status: "ACKNOWLEDGED" }, { "if-match": "*" })).status).toBe(200);
    expect(await stored(alert.id)).toMatchObject({ status: "ACKNOWLEDGED", version: 3 });
  });

  it("answers a malformed If-Match, or one that disagrees with the body, with a 400 and changes nothing", async () => {
    const alert = await makeAlert();
    for (const value of ["", "abc", 'W/"0"', '"0", "1"', '"0', "-1", "1.5", "99999999999"]) {
      const r = await patch(alert.id, { status: "ACKNOWLEDGED" }, { "if-match": value });
      expect({ value, status: r.status }).toEqual({ value, status: 400 });
      expect(r.body.error.message, value).toMatch(/If-Match/);
    }
    const both = await patch(alert.id, { status: "ACKNOWLEDGED", version: 0 }, { "if-match": '"1"' });
    expect(both.status).toBe(400);
    expect((await patch(alert.id, { status: "ACKNOWLEDGED", version: 0 }, { "if-match": '"0"' })).status).toBe(200);
    expect(await stored(alert.id)).toMatchObject({ status: "ACKNOWLEDGED", version: 1 });
  });

  it("keeps refusing bad bodies with a 422", async () => {
    const alert = await makeAlert();
    for (const body of [{}, { version: 0 }, { status: "LINKED" }, { status: 7 }, { assignee: 5 }, { status: "OPEN", extra: true }, { status: "OPEN", version: "0" }, { status: "DISMISSED" }, [], null, "OPEN"]) {
      const r = await patch(alert.id, body);
      expect({ body, status: r.status }).toEqual({ body, status: 422 });
    }
    expect(await stored(alert.id)).toMatchObject({ status: "OPEN", version: 0 });
  });
});

describe("the operations behind it", () => {
  it("patchAlert takes If-Match when the body has no version", async () => {
    const alert = await makeAlert();
    expect((await patchAlert({ viewer: security, id: alert.id, input: { status: "ACKNOWLEDGED" }, ifMatch: '"0"' })).version).toBe(1);
    await expect(patchAlert({ viewer: security, id: alert.id, input: { status: "OPEN" }, ifMatch: '"0"' })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(patchAlert({ viewer: security, id: alert.id, input: { status: "OPEN" }, ifMatch: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await patchAlert({ viewer: security, id: alert.id, input: { status: "OPEN" } })).version).toBe(2);
  });

  it("the pages' updateAlert still needs the version it showed", async () => {
    const alert = await makeAlert();
    for (const version of [undefined, "abc"]) {
      await expect(updateAlert({ viewer: security, id: alert.id, version, input: { action: "acknowledge" } }), String(version)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    }
    await expect(updateAlert({ viewer: security, id: alert.id, version: "1", input: { action: "acknowledge" } })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await stored(alert.id)).toMatchObject({ status: "OPEN", version: 0 });
  });
});
