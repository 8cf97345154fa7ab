import "server-only";
// The wrappers for machine-facing route handlers, so that authentication, permission, body
// validation, error mapping and logging are written once. `withRoute` (the /api/v1 REST API)
// authenticates a personal API token or the browser session; `withPublicRoute` serves people
// without an account (the vulnerability report form).
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { AppError, toAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import { requestContext } from "@/lib/auth/request-context";
import { getViewer } from "@/lib/auth/session";
import type { RequestContext, UserViewer } from "@/lib/auth/viewer";
import { viewerFromToken } from "@/lib/tokens/api-tokens";

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

type Params = Record<string, string | string[]>;
type RouteContext = { params: Promise<Params> };

export function errorResponse(error: AppError, requestId?: string | null) {
  const headers: Record<string, string> = {};
  if (error.code === "UNAUTHENTICATED") headers["www-authenticate"] = 'Bearer realm="countersign"';
  const retryAfter = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if (error.code === "RATE_LIMITED" && retryAfter) headers["retry-after"] = String(retryAfter);
  return Response.json(
    { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) }, requestId },
    { status: error.status, headers },
  );
}

async function authenticate(request: NextRequest, context: RequestContext): Promise<UserViewer> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw new AppError("UNAUTHENTICATED", "Use `Authorization: Bearer <token>`.");
    return viewerFromToken(match[1], context);
  }
  const viewer = await getViewer();
  if (!viewer) throw new AppError("UNAUTHENTICATED", "Send a personal API token: `Authorization: Bearer <token>`.");
  if (viewer.mustChangePassword) throw new AppError("FORBIDDEN", "Change your one-time password first (Account → Password).");
  // A browser session may change things only from this site's own pages (no cross-site writes).
  if (!["GET", "HEAD"].includes(request.method)) {
    const origin = request.headers.get("origin");
    // `Origin: null` (sandboxed frames, some redirects) and other unparsable values are cross-site.
    if (!origin || !URL.canParse(origin) || new URL(origin).host !== request.headers.get("host")) {
      throw new AppError("FORBIDDEN", "Cross-site request refused: use a personal API token.");
    }
  }
  return viewer;
}

/** Reads a JSON body within the size limit; 415, 413 and 400 say what is wrong. */
export async function readJson(request: NextRequest): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json).");
  }
  const text = await readLimited(request, MAX_JSON_BODY_BYTES);
  try {
    return JSON.parse(text.toString("utf8"));
  } catch (error) {
    throw new AppError("BAD_REQUEST", `The body is not valid JSON: ${(error as Error).message}`);
  }
}

/** The body as bytes, refusing (413) anything over `limit` without buffering the rest. */
export async function readLimited(request: NextRequest, limit: number): Promise<Buffer> {
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${limit} bytes.`);
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge();
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

async function handle(request: NextRequest, run: (context: RequestContext) => Promise<unknown>): Promise<Response> {
  const requestId = request.headers.get("x-request-id");
  const started = Date.now();
  // Follow-up links carry their secret in the path: logs get the path with it masked.
  const log = { requestId, method: request.method, path: request.nextUrl.pathname.replace(/(\/vulnerability-reports\/)[^/]+/, "$1…") };
  try {
    const result = await run(await requestContext());
    logger.info({ ...log, ms: Date.now() - started }, "api");
    return result instanceof Response ? result : Response.json(result);
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "INTERNAL") logger.error({ ...log, err: error }, "api error");
    else logger.info({ ...log, code: appError.code }, "api error");
    return errorResponse(appError, requestId);
  }
}

export function withRoute<S extends z.ZodType | undefined = undefined>(
  options: { permission?: Permission; body?: S },
  handler: (ctx: { request: NextRequest; viewer: UserViewer; body: S extends z.ZodType ? z.infer<S> : undefined; params: Params }) => Promise<unknown>,
) {
  return (request: NextRequest, route: RouteContext) =>
    handle(request, async (context) => {
      const viewer = await authenticate(request, context);
      if (options.permission) assertCan(viewer, options.permission);
      const body = options.body ? options.body.parse(await readJson(request)) : undefined;
      return handler({ request, viewer, body: body as S extends z.ZodType ? z.infer<S> : undefined, params: (await route.params) ?? {} });
    });
}

export function withPublicRoute(handler: (ctx: { request: NextRequest; context: RequestContext; params: Params }) => Promise<unknown>) {
  return (request: NextRequest, route: RouteContext) =>
    handle(request, async (context) => handler({ request, context, params: (await route.params) ?? {} }));
}
