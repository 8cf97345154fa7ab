// Sends bodies to the Splunk HEC endpoint as Tailscale's log streaming does, and reads the
// database the app writes to.
import http from "node:http";
import pg from "pg";
import { runCli } from "./db-helpers";

export function createIngestToken(databaseUrl: string, name = `stream-${Math.random().toString(36).slice(2, 8)}`): string {
  const result = runCli(["ingest-token", "create", "--name", name], { DATABASE_URL: databaseUrl });
  if (result.code !== 0) throw new Error(`ingest-token create failed: ${result.stderr}`);
  return result.stdout.trim();
}

export const basicAuth = (token: string) => `Basic ${Buffer.from(`tailscale:${token}`).toString("base64")}`;

export type HecResponse = { status: number; body: { text?: string; code?: number } & Record<string, unknown>; headers: http.IncomingHttpHeaders };

/** POSTs with chunked transfer encoding (no Content-Length), one write per chunk. */
export function postChunked(url: string, chunks: Buffer[], headers: Record<string, string>): Promise<HecResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", headers: { "content-type": "application/json", ...headers } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (c) => (text += c));
      response.on("end", () => {
        let body: HecResponse["body"] = {};
        try {
          body = JSON.parse(text);
        } catch {
          body = { raw: text };
        }
        resolve({ status: response.statusCode ?? 0, body, headers: response.headers });
      });
    });
    request.on("error", reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

export async function post(baseUrl: string, body: string | Buffer, headers: Record<string, string>, path = "/services/collector/event"): Promise<HecResponse> {
  const payload = typeof body === "string" ? body : new Uint8Array(body);
  const response = await fetch(`${baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: payload });
  const text = await response.text();
  let parsed: HecResponse["body"] = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { raw: text };
  }
  return { status: response.status, body: parsed, headers: Object.fromEntries(response.headers) };
}

export async function queryCount(databaseUrl: string, sql: string, params: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(sql, params);
    return Number(Object.values(rows[0] ?? { n: 0 })[0]);
  } finally {
    await client.end();
  }
}
