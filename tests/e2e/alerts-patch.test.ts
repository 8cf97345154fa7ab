// PATCH /api/v1/alerts/{id} over HTTP against the running app, with a personal API token: the
// version is optional, in the body or as If-Match; a stale one is a 409 (412 for If-Match), a malformed If-Match a
// 400; without one the change applies to the alert as it is, on the audit trail.
import { describe, expect, inject, it, beforeAll } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { db } = await import("@/lib/db");
const { updateAlert } = await import("@/lib/alerts/update-alerts");
const { makeAlert, makeUser } = await import("../support/db-helpers");
const { apiTokenFor, callApi } = await import("../support/api-client");

type User = Awaited<ReturnType<typeof makeUser>>;
let security: User;
let security2: User;
let token: string;

beforeAll(async () => {
  security = await makeUser(["SECURITY"], undefined, { ready: true });
  security2 = await makeUser(["SECURITY"], undefined, { ready: true });
  token = await apiTokenFor(security, "alerts-patch e2e");
});

const patch = async (id: number | string, body: unknown, headers: Record<string, string> = {}) => {
  const r = await callApi(base, token, `/api/v1/alerts/${id}`, { method: "PATCH", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return r as typeof r & { body: { error: { code: string; message: string } } & Record<string, unknown> };
};
const viewerOf = (u: User) => ({ kind: "user" as const, id: u.id, email: u.email, name: u.name, roles: u.roles });
const stored = (id: number) => db.alert.findUniqueOrThrow({ where: { id } });
const trail = async (id: number) => (await db.auditLog.findMany({ where: { targetType: "Alert", targetId: String(id) }, orderBy: { seq: "asc" } })).map((t) => t.action);

describe("PATCH /api/v1/alerts/{id}", () => {
  it("without a version: applies to the alert as it is, bumps the version and is on the audit trail", async () => {
    const alert = await makeAlert();
    await updateAlert({ viewer: viewerOf(security2), id: alert.id, version: 0, input: { action: "assign", assigneeId: security2.id } });
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

  it("with If-Match: the current version succeeds, a stale one is a 412 Precondition Failed", async () => {
    const alert = await makeAlert();
    expect((await patch(alert.id, { status: "ACKNOWLEDGED" }, { "if-match": '"0"' })).status).toBe(200);
    const stale = await patch(alert.id, { status: "OPEN" }, { "if-match": '"0"' });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe("PRECONDITION_FAILED");
    expect(await stored(alert.id)).toMatchObject({ status: "ACKNOWLEDGED", version: 1 });
    expect((await patch(alert.id, { status: "OPEN" }, { "if-match": "0" })).status).toBe(412);
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
