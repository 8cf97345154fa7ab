// The client's address from X-Forwarded-For. Next.js fills the header with the socket address
// when it is absent; a reverse proxy appends the address it saw. With TRUSTED_PROXY_HOPS=N
// (default 1) the client is the Nth entry from the right, so addresses a client writes into
// the header itself are ignored behind N proxies. Rate limits and the audit trail use this.
export function clientIp(forwardedFor: string | null | undefined, hops = trustedHops()): string | null {
  const entries = (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) return null;
  return entries[Math.max(0, entries.length - hops)] ?? null;
}

function trustedHops(): number {
  const n = Number(process.env.TRUSTED_PROXY_HOPS ?? 1);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}
