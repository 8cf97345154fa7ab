import "server-only";
// The one wrapper for machine-facing route handlers (/api/v1): authentication by personal
// API token (or the browser session), permission check, body validation, error mapping and
// logging, written once.
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { AppError, toAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import { requestContext } from "@/lib/auth/request-context";
import { getViewer } from "@/lib/auth/session";
import type { UserViewer } from "@/lib/auth/viewer";
import { viewerFromToken } from "@/lib/tokens/api-tokens";

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

type Handler<B> = (ctx: {
  request: NextRequest;
  viewer: UserViewer;
  body: B;
  params: Record<string, string | string[]>;
}) => Promise<unknown>;

export function errorResponse(error: AppError, requestId?: string | null) {
  return Response.json(
    { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) }, requestId },
    {
      status: error.status,
      headers: error.code === "UNAUTHENTICATED" ? { "www-authenticate": 'Bearer realm="countersign"' } : undefined,
    },
  );
}

async function authenticate(request: NextRequest): Promise<UserViewer> {
  const context = await requestContext();
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw new AppError("UNAUTHENTICATED", "Use `Authorization: Bearer <token>`.");
    return viewerFromToken(match[1], context);
  }
  const viewer = await getViewer();
  if (!viewer) throw new AppError("UNAUTHENTICATED", "Send a personal API token: `Authorization: Bearer <token>`.");
  return viewer;
}

async function readJson(request: NextRequest): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json).");
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_JSON_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${MAX_JSON_BODY_BYTES} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BODY_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${MAX_JSON_BODY_BYTES} bytes.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("BAD_REQUEST", `The body is not valid JSON: ${(error as Error).message}`);
  }
}

export function withRoute<S extends z.ZodType | undefined = undefined>(
  options: { permission?: Permission; body?: S },
  handler: Handler<S extends z.ZodType ? z.infer<S> : undefined>,
) {
  return async (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => {
    const requestId = request.headers.get("x-request-id");
    const started = Date.now();
    try {
      const viewer = await authenticate(request);
      if (options.permission) assertCan(viewer, options.permission);
      const body = options.body ? options.body.parse(await readJson(request)) : undefined;
      const result = await handler({
        request,
        viewer,
        body: body as S extends z.ZodType ? z.infer<S> : undefined,
        params: (await context.params) ?? {},
      });
      logger.info({ requestId, method: request.method, path: request.nextUrl.pathname, ms: Date.now() - started }, "api");
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      const appError = toAppError(error);
      const log = appError.code === "INTERNAL" ? logger.error.bind(logger) : logger.info.bind(logger);
      log(
        { requestId, method: request.method, path: request.nextUrl.pathname, code: appError.code, err: appError.code === "INTERNAL" ? error : undefined },
        "api error",
      );
      return errorResponse(appError, requestId);
    }
  };
}
