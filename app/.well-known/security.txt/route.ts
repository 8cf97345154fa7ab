// RFC 9116: where security researchers report vulnerabilities.
export function GET(request: Request) {
  const origin = process.env.NEXTAUTH_URL?.replace(/\/$/, "") || new URL(request.url).origin;
  const expires = new Date(Date.now() + 180 * 86_400_000).toISOString();
  const body = [`Contact: ${origin}/report-vulnerability`, `Expires: ${expires}`, "Preferred-Languages: en", `Canonical: ${origin}/.well-known/security.txt`, ""].join("\n");
  return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } });
}
