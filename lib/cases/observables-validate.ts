// An observable typed in by hand, checked and normalised per type so it matches the same value
// extracted from alerts (lib/cases/extract-observables.ts): lower-case domains, logins, hashes and
// IPv6 addresses. Pure. A Tailscale secret key is refused: only its id is kept.
import { isIP } from "node:net";
import type { ObservableType } from "@/lib/generated/prisma/enums";
import { OBSERVABLE_HINTS, OBSERVABLE_TYPES } from "./observables-labels";

export { OBSERVABLE_HINTS, OBSERVABLE_LABELS, OBSERVABLE_TYPES } from "./observables-labels";

const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$/;
const HASH_LENGTHS: Record<number, string> = { 32: "MD5", 40: "SHA-1", 64: "SHA-256", 128: "SHA-512" };
const MAX = 2048;

export type ObservableCheck = { ok: true; value: string; note?: string } | { ok: false; error: string };

export function isObservableType(value: unknown): value is ObservableType {
  return typeof value === "string" && (OBSERVABLE_TYPES as readonly string[]).includes(value);
}

export function normalizeObservable(type: ObservableType, raw: string): ObservableCheck {
  const value = raw.trim();
  const bad = () => ({ ok: false as const, error: `That is not ${OBSERVABLE_HINTS[type]}.` });
  if (!value) return { ok: false, error: "Give a value." };
  if (/[\u0000-\u001f\u007f]/.test(value)) return { ok: false, error: "The value contains control characters." };
  if (value.length > MAX) return { ok: false, error: `A value can be at most ${MAX} characters.` };
  if (/tskey-/i.test(value)) return { ok: false, error: "That looks like a secret key: record only its id (kXXXXCNTRL), never the key." };
  switch (type) {
    case "IP": {
      const ip = value.replace(/^\[|\]$/g, "");
      if (isIP(ip) === 4) return { ok: true, value: ip };
      if (isIP(ip) === 6) return { ok: true, value: ip.toLowerCase() };
      return bad();
    }
    case "DOMAIN": {
      const d = value.toLowerCase().replace(/\.$/, "");
      return DOMAIN.test(d) && !isIP(d) ? { ok: true, value: d } : bad();
    }
    case "HASH": {
      const h = value.toLowerCase();
      return /^[a-f0-9]+$/.test(h) && HASH_LENGTHS[h.length] ? { ok: true, value: h, note: HASH_LENGTHS[h.length] } : bad();
    }
    case "URL": {
      try {
        const u = new URL(value);
        return (u.protocol === "http:" || u.protocol === "https:") && u.hostname && !/\s/.test(value) ? { ok: true, value } : bad();
      } catch {
        return bad();
      }
    }
    case "USER":
      return /^[^\s@<>"']{1,200}@[A-Za-z0-9.-]{1,253}$/.test(value) ? { ok: true, value: value.toLowerCase() } : bad();
    case "DEVICE_ID":
      return /^(?:n[A-Za-z0-9]{4,60}CNTRL|\d{4,20})$/.test(value) ? { ok: true, value } : bad();
    case "KEY_ID":
      return /^k[A-Za-z0-9]{4,60}CNTRL$/.test(value) ? { ok: true, value } : bad();
    case "DEVICE_NAME":
      return /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/.test(value) ? { ok: true, value } : bad();
  }
}
