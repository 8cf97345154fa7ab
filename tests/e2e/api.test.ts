// The REST API and the HTTP edges of the running app, over real HTTP.
import { beforeAll, describe, expect, inject, it } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");

const base = inject("baseUrl");
const { db } = await import("@/lib/db");
const { systemViewer } = await import("@/lib/auth/viewer");
const { createApiToken, revokeApiToken } = await import("@/lib/tokens/api-tokens");
const { setUserDisabled } = await import("@/lib/users/update-user");
const { makeUser } = await import("../support/db-helpers");

const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, redirect: "manual" });

let user: Awaited<ReturnType<typeof makeUser>>;
let token: string;
beforeAll(async () => {
  user = await makeUser(["SECURITY"]);
  ({ token } = await createApiToken({ viewer: systemViewer(), forUser: user.email, input: { name: "e2e" } }));
});

describe("GET /api/v1/me", () => {
  it("returns who the token acts as, with that user's roles and permissions", async () => {
    const response = await get("/api/v1/me", token);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ id: user.id, email: user.email, roles: ["EMPLOYEE", "SECURITY"] });
    expect(body.permissions).toContain("cases.work");
    expect(body.permissions).not.toContain("users.manage");
  });

  it("answers 401 with a reason for missing, malformed, unknown, expired and revoked tokens", async () => {
    const expectError = async (response: Response, status: number, message: RegExp) => {
      expect(response.status).toBe(status);
      const body = await response.json();
      expect(body.error.message).toMatch(message);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
    };
    await expectError(await get("/api/v1/me"), 401, /Bearer/);
    await expectError(await get("/api/v1/me", undefined, { authorization: "Basic abc" }), 401, /Bearer/);
    await expectError(await get("/api/v1/me", "cs_short"), 401, /malformed/);
    await expectError(await get("/api/v1/me", `cs_${"A".repeat(43)}`), 401, /not valid/);
    await expectError(await get("/api/v1/me", `${"<script>".repeat(500)}`), 401, /malformed/);

    const expiring = await createApiToken({ viewer: systemViewer(), forUser: user.email, input: { name: "short-lived", expiresInDays: 1 } });
    await db.apiToken.update({ where: { id: expiring.apiToken.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectError(await get("/api/v1/me", expiring.token), 401, /expired/);

    const revoked = await createApiToken({ viewer: systemViewer(), forUser: user.email, input: { name: "revoked" } });
    await revokeApiToken({ viewer: systemViewer(), tokenId: revoked.apiToken.id });
    await expectError(await get("/api/v1/me", revoked.token), 401, /revoked/);
  });

  it("answers 403 when the token's user is disabled", async () => {
    const other = await makeUser();
    const created = await createApiToken({ viewer: systemViewer(), forUser: other.email, input: { name: "x" } });
    await setUserDisabled({ viewer: systemViewer(), user: other.id, disabled: true });
    const response = await get("/api/v1/me", created.token);
    expect(response.status).toBe(403);
  });
});

describe("HTTP edges", () => {
  it("publishes the OpenAPI description", async () => {
    const response = await get("/api/v1/openapi.json");
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths["/api/v1/me"].get.responses).toHaveProperty("401");
  });

  it("sends security headers with a per-request CSP nonce", async () => {
    const first = await get("/sign-in");
    const second = await get("/sign-in");
    expect(first.status).toBe(200);
    const csp = first.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("x-powered-by")).toBeNull();
    const cookies = (await get("/api/auth/csrf")).headers.get("set-cookie") ?? "";
    expect(cookies).toMatch(/HttpOnly/i);
  });

  it("sends signed-out people to the sign-in page, and unknown pages to a plain 404", async () => {
    const home = await get("/admin/users");
    expect([302, 303, 307]).toContain(home.status);
    expect(home.headers.get("location")).toMatch(/\/sign-in/);
    const missing = await get("/no/such/page");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("There is nothing here, or you do not have access to it.");
  });

  it("reports health", async () => {
    expect(await (await get("/api/health")).json()).toEqual({ ok: true, database: "up" });
  });
});
