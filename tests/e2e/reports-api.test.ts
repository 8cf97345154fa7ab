// The reports REST API: filing as the token's user, and seeing exactly what the caller may.
import { beforeAll, describe, expect, inject, it } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { makeUser } = await import("../support/db-helpers");
const { apiTokenFor } = await import("../support/api-client");

const tokens: Record<string, string> = {};
const call = (who: string, path: string, init: RequestInit = {}) =>
  fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "application/json", ...(init.headers ?? {}) } });

/** Signs in through next-auth's credentials endpoint, as the browser does, and returns the cookies. */
async function sessionCookie(email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!, value.join("="));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = await csrf.json();
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(signIn);
  return header();
}

beforeAll(async () => {
  for (const [who, roles] of [["reporter", []], ["other", []], ["security", ["SECURITY"]], ["coo", ["COO"]], ["admin", ["ADMIN"]]] as const) {
    const user = await makeUser([...roles]);
    tokens[who] = await apiTokenFor(user, "api test");
  }
});

describe("reports API", () => {
  it("files reports and shows each caller only what they may see", async () => {
    const file = async (body: unknown) => {
      const response = await call("reporter", "/api/v1/reports", { method: "POST", body: JSON.stringify(body) });
      expect(response.status).toBe(201);
      return (await response.json()) as { reference: string; visibility: string; url: string };
    };
    const standard = await file({ category: "SUSPICIOUS_ACTIVITY", description: "Odd login prompt", signs: ["UNREQUESTED_PASSWORD_RESET"], noticedAt: "2026-01-02T10:00", noticedTimeZone: "America/New_York" });
    const conduct = await file({ category: "CODE_OF_CONDUCT", description: "Bullying in a meeting", visibility: "STANDARD" });
    expect(standard.visibility).toBe("STANDARD");
    expect(conduct.visibility).toBe("COO_ONLY");
    expect(standard.url).toBe(`${base}/reports/${standard.reference}`);

    const get = async (who: string, ref: string) => call(who, `/api/v1/reports/${ref}`);
    const mine = await (await get("reporter", conduct.reference)).json();
    expect(mine).toMatchObject({ access: "reporter", reference: conduct.reference, status: "RECEIVED" });
    expect(mine).not.toHaveProperty("messages.0.authorLabel");
    expect((await get("other", conduct.reference)).status).toBe(404);
    expect((await get("security", conduct.reference)).status).toBe(404);
    expect((await get("admin", conduct.reference)).status).toBe(404);
    const coo = await (await get("coo", conduct.reference)).json();
    expect(coo).toMatchObject({ access: "triage", visibility: "COO_ONLY", description: "Bullying in a meeting" });
    expect(coo).not.toHaveProperty("followUpTokenHash");
    const sec = await (await get("security", standard.reference)).json();
    expect(sec.noticedAt).toBe("2026-01-02T15:00:00.000Z");

    const list = async (who: string, query = "") => ((await (await call(who, `/api/v1/reports${query}`)).json()) as { reports: { reference: string; access: string }[] }).reports.map((r) => r.reference);
    expect(await list("reporter")).toEqual(expect.arrayContaining([standard.reference, conduct.reference]));
    expect(await list("other")).toEqual([]);
    expect(await list("admin")).toEqual([]);
    expect(await list("security", `?q=${conduct.reference}`)).toEqual([]);
    expect(await list("security", `?q=${standard.reference}`)).toEqual([standard.reference]);
    expect(await list("coo", `?q=${conduct.reference}`)).toEqual([conduct.reference]);
    // A triager who also filed reports sees each once, with the view it gets, and a total that counts them.
    const both = (await (await call("reporter", "/api/v1/reports")).json()) as { reports: { access: string }[]; total: number };
    expect(both.total).toBe(both.reports.length);
    expect(new Set(both.reports.map((r) => r.access))).toEqual(new Set(["reporter"]));
    const cooList = (await (await call("coo", `/api/v1/reports?q=${conduct.reference}`)).json()) as { reports: { access: string; description?: string }[] };
    expect(cooList.reports[0]).toMatchObject({ access: "triage" });
  });

  it("answers bad input clearly", async () => {
    const post = (body: string, headers: Record<string, string> = {}) => call("reporter", "/api/v1/reports", { method: "POST", body, headers });
    expect((await post("{oops")).status).toBe(400);
    expect((await post("x", { "content-type": "text/plain" })).status).toBe(415);
    const invalid = await post(JSON.stringify({ category: "UFO", description: "" }));
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.details.fieldErrors).toMatchObject({ category: [expect.stringContaining('"UFO" is not a report category')], description: ["Describe what happened."] });
    expect((await post(JSON.stringify({ category: "OTHER", description: "x", signs: "ANTIVIRUS_WARNING" }))).status).toBe(422);
    expect((await post("x".repeat(2 * 1024 * 1024))).status).toBe(413);
    expect((await call("reporter", "/api/v1/reports?status=WHATEVER")).status).toBe(422);
  });

  it("refuses cross-site writes made with a browser session", async () => {
    const user = await makeUser([], "session api passphrase", { ready: true });
    const cookie = await sessionCookie(user.email, user.password);
    const write = (origin: string) =>
      fetch(`${base}/api/v1/reports`, {
        method: "POST",
        headers: { "content-type": "application/json", origin, cookie },
        body: JSON.stringify({ category: "OTHER", description: "written with a session" }),
      });
    const refused = await write("https://evil.example");
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/Cross-site request refused/);
    expect((await write("null")).status).toBe(403);
    expect((await write(base)).status).toBe(201);
    expect((await fetch(`${base}/api/v1/me`, { headers: { cookie } })).status).toBe(200);
  });
});
