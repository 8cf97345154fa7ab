// Observables (IP addresses, node ids, device names, logins, key ids, domains, hashes, URLs)
// found in what an alert says: its context, entity fields and its events' data. Pure: walks the
// JSON, recognises values by their shape and by the name of the field that holds them.
import { isIP } from "node:net";
import type { ObservableType } from "@/lib/generated/prisma/enums";

export type Observable = { type: ObservableType; value: string };

const MAX_VALUE = 2048;
const MAX_DEPTH = 12;
const MAX_PER_SOURCE = 500;

const NODE_ID = /\bn[A-Za-z0-9]{4,}CNTRL\b/g;
const KEY_ID = /\bk[A-Za-z0-9]{4,}CNTRL\b/g;
const EMAIL = /(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?![\w@-])/g;
const URL_RE = /\bhttps?:\/\/[^\s"'<>()]+/gi;
const HASH = /\b(?:[a-f0-9]{128}|[a-f0-9]{64}|[a-f0-9]{40}|[a-f0-9]{32})\b/gi;
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g;
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$/i;

/** Field names that hold a device's name (flow-rule contexts, inventory records). */
const DEVICE_NAME_KEYS = new Set(["device", "devicename", "nodename", "hostname", "computedname", "machinename", "sender", "receiver", "scanner", "srcnodename", "dstnodename"]);
/** Field names that hold a host that may be a domain. */
const DOMAIN_KEYS = new Set(["domain", "host", "hostname", "fqdn", "dns", "servername", "sni"]);
/** File-ish endings that look like domains but are not. */
const NOT_TLDS = new Set(["txt", "json", "log", "cast", "csv", "md", "pdf", "png", "jpg", "exe", "zip", "gz", "ts", "js", "yaml", "yml", "conf", "key", "pem", "local"]);

function trimPunctuation(value: string) {
  return value.replace(/^[[(<'"]+|[\])>'",.;:]+$/g, "");
}

/** An address without brackets, port or prefix length, if it is one. */
function asIp(token: string): string | null {
  const bracketed = /^[("']*\[([^\]]+)\](?::\d+)?/.exec(token);
  let t = trimPunctuation(token);
  if (bracketed) t = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(t)) t = t.slice(0, t.lastIndexOf(":"));
  t = t.replace(/\/\d{1,3}$/, "");
  if (isIP(t) === 4) return t;
  if (isIP(t) === 6 && t.includes(":") && t.length > 2) return t.toLowerCase();
  return null;
}

function isDomain(value: string) {
  if (!DOMAIN.test(value) || isIP(value)) return false;
  const tld = value.slice(value.lastIndexOf(".") + 1).toLowerCase();
  return !NOT_TLDS.has(tld) && !/^\d+$/.test(tld);
}

function fromString(value: string, key: string, out: Map<string, Observable>) {
  const add = (type: ObservableType, v: string) => {
    const clean = v.slice(0, MAX_VALUE);
    if (!clean) return;
    const normal = type === "USER" || type === "DOMAIN" ? clean.toLowerCase() : clean;
    out.set(`${type}\u0000${normal}`, { type, value: normal });
  };
  // Secrets never become observables: a Tailscale key is kept by its id only.
  const text = value.replace(/tskey-[a-z]+-(k[A-Za-z0-9]+CNTRL)-[A-Za-z0-9]+/g, "$1").replace(/tskey-[A-Za-z0-9-]+/g, " ");

  for (const m of text.matchAll(URL_RE)) {
    const url = trimPunctuation(m[0]);
    add("URL", url);
    try {
      const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
      if (asIp(host)) add("IP", asIp(host)!);
      else if (isDomain(host)) add("DOMAIN", host);
    } catch {
      // not a URL after all
    }
  }
  const withoutUrls = text.replace(URL_RE, " ");
  for (const m of withoutUrls.matchAll(NODE_ID)) add("DEVICE_ID", m[0]);
  for (const m of withoutUrls.matchAll(KEY_ID)) add("KEY_ID", m[0]);
  for (const m of withoutUrls.matchAll(EMAIL)) add("USER", m[0]);
  for (const m of withoutUrls.matchAll(HASH)) add("HASH", m[0].toLowerCase());
  for (const m of withoutUrls.matchAll(IPV4)) {
    const ip = asIp(m[0]);
    if (ip) add("IP", ip);
  }
  for (const token of withoutUrls.split(/[\s,;]+/)) {
    if (token.includes(":") && !token.includes("@")) {
      const ip = asIp(token);
      if (ip && isIP(ip) === 6) add("IP", ip);
    }
  }

  const whole = value.trim();
  const k = key.toLowerCase();
  if (DEVICE_NAME_KEYS.has(k) && whole && whole.length <= 253 && !asIp(whole) && !/^n[A-Za-z0-9]+CNTRL$/.test(whole) && !whole.includes(" ")) add("DEVICE_NAME", whole);
  if (DOMAIN_KEYS.has(k) && isDomain(whole)) add("DOMAIN", whole);
}

function walk(node: unknown, key: string, depth: number, out: Map<string, Observable>) {
  if (depth > MAX_DEPTH || out.size >= MAX_PER_SOURCE) return;
  if (typeof node === "string") return fromString(node, key, out);
  if (Array.isArray(node)) {
    for (const item of node) walk(item, key, depth + 1, out);
    return;
  }
  if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    // A Tailscale audit record's target names a device when its type is NODE.
    if (typeof record.type === "string" && record.type.toUpperCase() === "NODE" && typeof record.name === "string" && record.name.trim()) {
      out.set(`DEVICE_NAME\u0000${record.name.trim()}`, { type: "DEVICE_NAME", value: record.name.trim() });
    }
    for (const [k, v] of Object.entries(record)) walk(v, k, depth + 1, out);
  }
}

export type AlertLike = {
  context?: unknown;
  deviceNodeId?: string | null;
  userLogin?: string | null;
  entityType?: string | null;
  entity?: string | null;
  events?: { data: unknown }[];
};

/** Every observable of one alert, each once, in a stable order. */
export function extractObservables(alert: AlertLike): Observable[] {
  const out = new Map<string, Observable>();
  if (alert.deviceNodeId) out.set(`DEVICE_ID\u0000${alert.deviceNodeId}`, { type: "DEVICE_ID", value: alert.deviceNodeId });
  if (alert.userLogin) out.set(`USER\u0000${alert.userLogin.toLowerCase()}`, { type: "USER", value: alert.userLogin.toLowerCase() });
  if (alert.entity) walk(alert.entity, alert.entityType === "device" ? "device" : "entity", 0, out);
  walk(alert.context, "", 0, out);
  for (const event of alert.events ?? []) walk(event.data, "", 0, out);
  return [...out.values()].sort((a, b) => a.type.localeCompare(b.type) || a.value.localeCompare(b.value));
}
