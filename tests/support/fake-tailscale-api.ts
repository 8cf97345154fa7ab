// A local stand-in for Tailscale's API, speaking the endpoints the poller uses: the OAuth token
// endpoint (client credentials) and the two logging endpoints (Bearer token, required start and
// end, retention limits). It serves recorded records (the shared fixtures) placed on a timeline
// with their times moved there, filtered to the window asked for; it can be told to fail (401,
// 429 with Retry-After, 500, slow, a body cut short) and records every request it gets.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fixture } from "./tailscale-records";

export type LogType = "configuration" | "network";
type Json = Record<string, unknown>;

export type FakeRequest = { method: string; path: string; logType: LogType | null; start: string | null; end: string | null; authorization: string | null; status: number };

export type Failure = { status?: number; retryAfter?: string; body?: string; delayMs?: number; cutBody?: boolean };

type Placed = { logType: LogType; at: number; record: Json };

const DAY = 86_400_000;
const RETENTION = { configuration: 90 * DAY, network: 30 * DAY };

/** The shared samples the fake serves: 21 configuration records, 2 network records (5 flow entries). */
export function fixtureRecords(): Record<LogType, Json[]> {
  const config = (JSON.parse(fixture("api-configuration-response.example.json")) as { logs: Json[] }).logs;
  const s3 = fixture("s3-export-configuration.ndjson").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Json);
  const network = (JSON.parse(fixture("network-api-response.json")) as { logs: Json[] }).logs;
  const s3Network = fixture("s3-export-network.ndjson").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Json);
  return { configuration: [...config, ...s3], network: [...network, ...s3Network] };
}

/** The record with its times moved to `at`: eventTime for configuration, the window for network. */
export function moveTo(logType: LogType, record: Json, at: number): Json {
  const iso = (ms: number) => new Date(ms).toISOString();
  if (logType === "configuration") return { ...record, eventTime: iso(at), logged: iso(at + 1500) };
  const start = Date.parse(String(record.start));
  const end = Date.parse(String(record.end));
  const length = Number.isFinite(start) && Number.isFinite(end) ? end - start : 5000;
  return { ...record, start: iso(at), end: iso(at + length), logged: iso(at + length + 1000) };
}

export async function startFakeTailscaleApi(options: { tailnet?: string; apiToken?: string; clientId?: string; clientSecret?: string; tokenLifetimeSeconds?: number } = {}) {
  const tailnet = options.tailnet ?? "example.com";
  const apiToken = options.apiToken ?? `tskey-api-fake-${randomBytes(8).toString("hex")}`;
  const clientId = options.clientId ?? "kFakeClient1CNTRL";
  const clientSecret = options.clientSecret ?? `tskey-client-fake-${randomBytes(8).toString("hex")}`;
  const issued = new Set<string>();
  const timeline: Placed[] = [];
  const requests: FakeRequest[] = [];
  const failures: { on: "token" | LogType | "any"; failure: Failure }[] = [];

  const send = (res: http.ServerResponse, status: number, body: Json, headers: http.OutgoingHttpHeaders = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, log: FakeRequest, body: string) {
    const url = new URL(req.url ?? "/", "http://fake");
    const route = url.pathname === "/api/v2/oauth/token" ? "token" : /^\/api\/v2\/tailnet\/([^/]+)\/logging\/(configuration|network)$/.exec(url.pathname);
    if (!route) return send(res, 404, { message: "not found" });
    const on = route === "token" ? "token" : (route[2] as LogType);
    log.logType = on === "token" ? null : on;
    log.start = url.searchParams.get("start");
    log.end = url.searchParams.get("end");

    const index = failures.findIndex((f) => f.on === on || f.on === "any");
    const failure = index >= 0 ? failures.splice(index, 1)[0]!.failure : null;
    if (failure?.delayMs) await new Promise((r) => setTimeout(r, failure.delayMs));
    if (failure?.status) {
      return send(res, failure.status, { message: failure.body ?? `fake failure ${failure.status}` }, failure.retryAfter ? { "retry-after": failure.retryAfter } : {});
    }

    if (route === "token") {
      if (req.method !== "POST") return send(res, 405, { message: "method not allowed" });
      if (!String(req.headers["content-type"]).startsWith("application/x-www-form-urlencoded")) return send(res, 400, { message: "form-encoded body expected" });
      const form = new URLSearchParams(body);
      if (form.get("grant_type") !== "client_credentials") return send(res, 400, { message: "unsupported grant_type" });
      if (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret) return send(res, 401, { message: "invalid client credentials" });
      const token = `tskey-oauth-fake-${randomBytes(12).toString("hex")}`;
      issued.add(token);
      return send(res, 200, { access_token: token, token_type: "Bearer", expires_in: options.tokenLifetimeSeconds ?? 3600, scope: "logs:configuration:read logs:network:read" });
    }

    if (req.method !== "GET") return send(res, 405, { message: "method not allowed" });
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!bearer || (bearer !== apiToken && !issued.has(bearer))) return send(res, 401, { message: "API token invalid" });
    const name = decodeURIComponent(route[1]!);
    if (name !== "-" && name !== tailnet) return send(res, 404, { message: "tailnet not found" });
    const logType = route[2] as LogType;
    const start = Date.parse(log.start ?? "");
    const end = Date.parse(log.end ?? "");
    if (!log.start || !log.end || Number.isNaN(start) || Number.isNaN(end)) return send(res, 400, { message: "start and end are required RFC 3339 times" });
    if (end <= start) return send(res, 400, { message: "end must be after start" });
    if (start < Date.now() - RETENTION[logType]) return send(res, 400, { message: `start is outside the ${logType} log retention` });

    const logs = timeline.filter((p) => p.logType === logType && p.at >= start && p.at < end).sort((a, b) => a.at - b.at).map((p) => moveTo(logType, p.record, p.at));
    res.writeHead(200, { "content-type": "application/json" });
    // Streamed a record at a time, as a large answer arrives.
    res.write(logType === "configuration" ? `{"version":"1.1","tailnetId":${JSON.stringify(tailnet)},"logs":[` : `{"logs":[`);
    for (const [i, record] of logs.entries()) {
      res.write((i ? "," : "") + JSON.stringify(record));
      if (failure?.cutBody && i === Math.floor(logs.length / 2)) {
        // The client has the headers and part of the body when the connection drops.
        await new Promise((r) => setTimeout(r, 100));
        res.destroy();
        return;
      }
    }
    res.end("]}");
  }

  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const log: FakeRequest = { method: req.method ?? "", path: (req.url ?? "").split("?")[0]!, logType: null, start: null, end: null, authorization: req.headers.authorization ?? null, status: 0 };
      requests.push(log);
      res.on("finish", () => (log.status = res.statusCode));
      res.on("close", () => (log.status ||= res.statusCode));
      handle(req, res, log, body).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    tailnet,
    apiToken,
    clientId,
    clientSecret,
    requests,
    /** Requests to one logging endpoint, oldest first, with their windows as dates. */
    windows: (logType: LogType) => requests.filter((r) => r.logType === logType && r.start && r.end).map((r) => ({ start: new Date(r.start!), end: new Date(r.end!), status: r.status })),
    /** Puts one record on the timeline at `at` (ms). */
    place: (logType: LogType, record: Json, at: number) => void timeline.push({ logType, record, at }),
    /** Puts every fixture record of a log type on the timeline, `spacingMs` apart, ending before `until`. */
    placeFixtures(logType: LogType, until: number, spacingMs: number) {
      const records = fixtureRecords()[logType];
      records.forEach((record, i) => timeline.push({ logType, record, at: until - (records.length - i) * spacingMs }));
      return records.length;
    },
    /** The next `times` requests to `on` fail as described. */
    failNext(on: "token" | LogType | "any", failure: Failure, times = 1) {
      for (let i = 0; i < times; i++) failures.push({ on, failure });
    },
    revokeIssuedTokens: () => issued.clear(),
    /** Forgets the requests seen and the failures still planned. */
    forget() {
      requests.length = 0;
      failures.length = 0;
    },
    /** Also empties the timeline. */
    reset() {
      requests.length = 0;
      failures.length = 0;
      timeline.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeTailscaleApi = Awaited<ReturnType<typeof startFakeTailscaleApi>>;
