// Runs before every request: a request id for logs and the audit trail, and the security
// headers, with a fresh nonce for the Content-Security-Policy.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const requestId = crypto.randomUUID();
  const isDev = process.env.NODE_ENV === "development";
  const isHttps = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  // The session recording player (asciinema-player) runs its terminal emulator as WebAssembly:
  // allowed on a case's evidence tab only.
  const wasm = /^\/cases\/[^/]+\/evidence\/?$/.test(request.nextUrl.pathname) ? " 'wasm-unsafe-eval'" : "";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}${wasm}`,
    // Radix positions popovers with style attributes, which a nonce cannot cover.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttps ? ["upgrade-insecure-requests"] : []),
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);
  requestHeaders.set("x-pathname", request.nextUrl.pathname);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  response.headers.set("x-frame-options", "DENY");
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("referrer-policy", "strict-origin-when-cross-origin");
  response.headers.set("permissions-policy", "camera=(), microphone=(), geolocation=()");
  if (isHttps) response.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  // The log ingest endpoint and the file upload are left out: the proxy would buffer every body
  // before the route sees it (and cut it at proxyClientMaxBodySize). So is the evidence upload.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|services/collector|api/ingest/import|api/v1/cases/[^/]+/evidence$).*)" }],
};
