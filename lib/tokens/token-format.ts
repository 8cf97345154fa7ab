// Tokens: a prefix ("cs_" for personal API tokens, "csi_" for ingest tokens) + 43 random
// base64url characters. Only the SHA-256 is stored.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "cs_";

export function generateToken(prefix: string = TOKEN_PREFIX): string {
  return prefix + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeToken(value: string): boolean {
  return /^cs_[A-Za-z0-9_-]{43}$/.test(value);
}
