import "server-only";
// The request id (set by proxy.ts) and client address of the current request, for the audit trail.
import { headers } from "next/headers";
import type { RequestContext } from "./viewer";

export async function requestContext(): Promise<RequestContext> {
  const h = await headers();
  return {
    requestId: h.get("x-request-id"),
    ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || null,
  };
}
