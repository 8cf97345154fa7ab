// The REST API as a client sees it: personal API tokens for test users, and a call that returns
// the status and the JSON body (or the raw text when the answer is not JSON). Import it after
// DATABASE_URL is set (the e2e tests import it dynamically).
import { systemViewer } from "@/lib/auth/viewer";
import { createApiToken } from "@/lib/tokens/api-tokens";

export type ApiJson = Record<string, unknown> & { error?: { code: string; message: string } };

export async function apiTokenFor(user: { email: string }, name = "e2e"): Promise<string> {
  return (await createApiToken({ viewer: systemViewer(), forUser: user.email, input: { name } })).token;
}

export async function callApi(base: string, token: string | null, path: string, init: RequestInit = {}): Promise<{ status: number; body: ApiJson; text: string; headers: Headers }> {
  const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string> | undefined) };
  const response = await fetch(`${base}${path}`, { ...init, headers });
  const text = await response.text();
  let body: ApiJson;
  try {
    body = JSON.parse(text) as ApiJson;
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body, text, headers: response.headers };
}
