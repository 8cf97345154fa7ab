import "server-only";
// The request id (set by proxy.ts) and client address of the current request, for the audit trail.
import { headers } from "next/headers";
import { clientIp } from "./client-ip";
import type { RequestContext } from "./viewer";

export async function requestContext(): Promise<RequestContext> {
  const h = await headers();
  return {
    requestId: h.get("x-request-id"),
    ip: clientIp(h.get("x-forwarded-for")) ?? h.get("x-real-ip"),
  };
}
