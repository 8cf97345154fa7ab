// Addresses and ranges for the flow rules: IPv4/IPv6 parsing, CIDR containment, and allow-lists
// that mix addresses, ranges, node ids, tags and user logins. Pure and allocation-light: the
// sensitive-port rule runs on every flow entry of the ingest pipeline.

export type Cidr = { v: 4; base: number; bits: number } | { v: 6; base: bigint; bits: number };

/** `100.64.0.1` → its 32-bit value; null when not a dotted-quad IPv4 address. */
export function parseIPv4(s: string): number | null {
  let value = 0;
  let part = -1;
  let dots = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 /* . */) {
      if (part < 0 || dots === 3) return null;
      value = value * 256 + part;
      part = -1;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return null; // leading zero: ambiguous (octal), refused
      part = (part < 0 ? 0 : part) * 10 + (c - 48);
      if (part > 255 || ++digits > 3) return null;
    } else {
      return null;
    }
  }
  if (dots !== 3 || part < 0) return null;
  return value * 256 + part;
}

/** An IPv6 address (compressed, with an embedded IPv4 tail or a zone) → its 128-bit value. */
export function parseIPv6(input: string): bigint | null {
  let s = input;
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (s.length < 2 || s.indexOf(":") < 0) return null;
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (text: string): number[] | null => {
    if (text === "") return [];
    const out: number[] = [];
    const parts = text.split(":");
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes(".")) {
        const v4 = parseIPv4(p);
        if (v4 === null) return null;
        out.push(Math.floor(v4 / 65536), v4 % 65536);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  let value = 0n;
  for (const g of [...head, ...Array<number>(missing).fill(0), ...tail]) value = (value << 16n) | BigInt(g);
  return value;
}

/** `10.0.0.0/8`, `fd7a:115c:a1e0::/48`, or a bare address (a range of one). Null when neither. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf("/");
  const addr = (slash >= 0 ? text.slice(0, slash) : text).trim();
  const bitsText = slash >= 0 ? text.slice(slash + 1).trim() : null;
  if (bitsText !== null && !/^\d{1,3}$/.test(bitsText)) return null;
  const v4 = parseIPv4(addr);
  if (v4 !== null) {
    const bits = bitsText === null ? 32 : Number(bitsText);
    if (bits > 32) return null;
    return { v: 4, base: maskV4(v4, bits), bits };
  }
  const v6 = parseIPv6(addr);
  if (v6 !== null) {
    const bits = bitsText === null ? 128 : Number(bitsText);
    if (bits > 128) return null;
    return { v: 6, base: maskV6(v6, bits), bits };
  }
  return null;
}

const maskV4 = (ip: number, bits: number) => (bits === 0 ? 0 : ip - (ip % 2 ** (32 - bits)));
const maskV6 = (ip: bigint, bits: number) => (bits === 0 ? 0n : (ip >> BigInt(128 - bits)) << BigInt(128 - bits));

/** Whether an address (text) is inside a range. */
export function cidrContains(cidr: Cidr, ip: string): boolean {
  if (cidr.v === 4) {
    const v = parseIPv4(ip);
    return v !== null && maskV4(v, cidr.bits) === cidr.base;
  }
  const v = parseIPv6(ip);
  return v !== null && maskV6(v, cidr.bits) === cidr.base;
}

/** One key per address whatever its spelling (`fd7a::1` and `FD7A:0::1` are the same). */
export function addressKey(ip: string): string | null {
  const v4 = parseIPv4(ip);
  if (v4 !== null) return `4:${v4}`;
  const v6 = parseIPv6(ip);
  return v6 === null ? null : `6:${v6.toString(16)}`;
}

/** What a device is known as, for allow-lists that name devices instead of addresses. */
export type DeviceIdentity = { nodeId: string; name: string | null; userLogin: string | null; tags: string[] };

export type AllowList = {
  /** Whether an address, or the device behind it, is on the list. */
  allows: (ip: string, device: DeviceIdentity | null) => boolean;
  /** Entries that are neither addresses nor ranges: node ids, tags, logins, device names. */
  names: ReadonlySet<string>;
  ranges: readonly Cidr[];
};

/**
 * An allow-list from settings entries: addresses, CIDR ranges (IPv4 and IPv6), node ids,
 * `tag:…` and user logins (case-insensitive), and device names (full or the first label).
 */
export function compileAllowList(entries: readonly string[]): AllowList {
  const exact = new Set<string>();
  const ranges: Cidr[] = [];
  const names = new Set<string>();
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const cidr = parseCidr(entry);
    if (cidr && !entry.includes("/")) exact.add(addressKey(entry)!);
    else if (cidr) ranges.push(cidr);
    else names.add(entry.toLowerCase());
  }
  const allows = (ip: string, device: DeviceIdentity | null): boolean => {
    if (exact.size) {
      const key = addressKey(ip);
      if (key !== null && exact.has(key)) return true;
    }
    for (const r of ranges) if (cidrContains(r, ip)) return true;
    if (!device || names.size === 0) return false;
    if (names.has(device.nodeId.toLowerCase())) return true;
    if (device.userLogin && names.has(device.userLogin.toLowerCase())) return true;
    for (const t of device.tags) if (names.has(t.toLowerCase())) return true;
    if (device.name) {
      const name = device.name.toLowerCase().replace(/\.$/, "");
      if (names.has(name) || names.has(name.split(".")[0]!)) return true;
    }
    return false;
  };
  return { allows, names, ranges };
}

/** Ranges that are never a device's public endpoint: private, CGNAT (tailnet), link-local, loopback, ULA. */
export const NON_PUBLIC_RANGES = ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "::1/128", "fc00::/7", "fe80::/10"] as const;

const nonPublic = NON_PUBLIC_RANGES.map((r) => parseCidr(r)!);

export const isPublicAddress = (ip: string): boolean => (parseIPv4(ip) !== null || parseIPv6(ip) !== null) && !nonPublic.some((r) => cidrContains(r, ip));
