import "server-only";
// Talks to Tailscale's API: OAuth client credentials exchanged for an access token (cached until
// it expires), and the two logging endpoints, whose answer is handed over as a byte stream.
import { createHash } from "node:crypto";
import { retryAfterMs, rfc3339, type LogType, type Window } from "./schedule";

export type Credentials = { method: "token"; token: string } | { method: "oauth"; clientId: string; clientSecret: string };

export type ApiTarget = { baseUrl: string; tailnet: string; credentials: Credentials };

export type PollErrorKind = "auth" | "not_found" | "rate_limited" | "unavailable" | "network" | "bad_response";

/** A failed call, with a message meant for the administrator. */
export class PollError extends Error {
  constructor(
    readonly kind: PollErrorKind,
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = "PollError";
  }
}

// Refresh an OAuth token this long before Tailscale says it expires.
const EXPIRY_MARGIN_MS = 60_000;
const globalForTokens = globalThis as unknown as { countersignTailscaleTokens?: Map<string, { token: string; expiresAt: number }> };
const tokens = () => (globalForTokens.countersignTailscaleTokens ??= new Map());

/** Forgets cached OAuth access tokens (a new process starts with none). */
export function clearTokenCache() {
  tokens().clear();
}

const cacheKey = (baseUrl: string, c: { clientId: string; clientSecret: string }) =>
  createHash("sha256").update(`${baseUrl}\n${c.clientId}\n${c.clientSecret}`).digest("hex");

async function call(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw networkError(error, new URL(url).origin, timeoutMs);
  }
}

/** A thrown fetch or body-stream failure as a PollError; `reading` names what was being read when it broke. */
export function networkError(error: unknown, origin: string, timeoutMs: number, reading?: string): PollError {
  if (error instanceof PollError) return error;
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return new PollError("network", `${origin} did not answer within ${+(timeoutMs / 1000).toFixed(1)} s.`);
  const detail = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
  if (reading) return new PollError("network", `The connection to ${origin} broke while reading ${reading} (${detail}); the next run asks for the window again.`);
  return new PollError("network", `Could not reach ${origin}: ${detail}.`);
}

async function tailscaleMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === "string" && message.trim()) return ` Tailscale said: “${message.trim().slice(0, 200)}”.`;
  } catch {
    // not JSON: say nothing more
  }
  return "";
}

async function failure(response: Response, what: string, now: Date): Promise<PollError> {
  const status = response.status;
  const said = await tailscaleMessage(response);
  if (status === 401 || status === 403) {
    const hint = what === "OAuth" ? "check the OAuth client id and secret" : "check that the token is valid, not expired or revoked, and allowed to read the log type";
    return new PollError("auth", `The token was refused (HTTP ${status}) for ${what}: ${hint}.${said}`);
  }
  if (status === 404) return new PollError("not_found", `Tailscale answered 404 for ${what}: check the tailnet name (or use - for the token's own tailnet).${said}`);
  const wait = retryAfterMs(response.headers.get("retry-after"), now);
  if (status === 429) return new PollError("rate_limited", `Tailscale is rate limiting (HTTP 429)${wait ? `; it asked to wait ${Math.ceil(wait / 1000)} s` : ""}.${said}`, wait ?? 60_000);
  if (status >= 500) return new PollError("unavailable", `Tailscale answered HTTP ${status} for ${what}; the next run tries again.${said}`, wait);
  return new PollError("bad_response", `Tailscale answered HTTP ${status} for ${what}.${said}`);
}

async function oauthToken(baseUrl: string, c: { clientId: string; clientSecret: string }, timeoutMs: number, now: Date): Promise<string> {
  const key = cacheKey(baseUrl, c);
  const cached = tokens().get(key);
  if (cached && cached.expiresAt > Date.now()) return cached.token;
  const response = await call(
    `${baseUrl}/api/v2/oauth/token`,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ client_id: c.clientId, client_secret: c.clientSecret, grant_type: "client_credentials" }).toString(),
    },
    timeoutMs,
  );
  if (!response.ok) throw await failure(response, "OAuth", now);
  const body = (await response.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown } | null;
  if (!body || typeof body.access_token !== "string" || !body.access_token) throw new PollError("bad_response", "Tailscale's OAuth answer held no access_token.");
  const lifetime = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in * 1000 : 3_600_000;
  tokens().set(key, { token: body.access_token, expiresAt: Date.now() + Math.max(lifetime - EXPIRY_MARGIN_MS, 0) });
  return body.access_token;
}

/** Checks the credentials now (an OAuth client gets its token), so one bad secret fails once, not per log type. */
export async function authorize(target: ApiTarget, timeoutMs: number, now: Date): Promise<string> {
  const c = target.credentials;
  return c.method === "token" ? c.token : oauthToken(target.baseUrl, c, timeoutMs, now);
}

export function logsUrl(target: Pick<ApiTarget, "baseUrl" | "tailnet">, logType: LogType, window: Window): string {
  const query = new URLSearchParams({ start: rfc3339(window.start), end: rfc3339(window.end) });
  return `${target.baseUrl}/api/v2/tailnet/${encodeURIComponent(target.tailnet)}/logging/${logType}?${query}`;
}

/**
 * Asks for one window of one log type; resolves with the response once its headers are in, so
 * the caller streams the body. A refused cached OAuth token is dropped and fetched again once.
 */
export async function fetchLogs(target: ApiTarget, logType: LogType, window: Window, timeoutMs: number, now: Date): Promise<Response> {
  const url = logsUrl(target, logType, window);
  const what = `${logType} logs`;
  for (let attempt = 0; ; attempt++) {
    const bearer = await authorize(target, timeoutMs, now);
    const response = await call(url, { headers: { authorization: `Bearer ${bearer}`, accept: "application/json" } }, timeoutMs);
    if (response.ok) {
      if (!response.body) throw new PollError("bad_response", `Tailscale's answer for ${what} had no body.`);
      return response;
    }
    const c = target.credentials;
    if (response.status === 401 && c.method === "oauth" && attempt === 0) {
      await response.body?.cancel();
      tokens().delete(cacheKey(target.baseUrl, c));
      continue;
    }
    throw await failure(response, what, now);
  }
}
