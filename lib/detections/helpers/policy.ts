// The tailnet policy file (HuJSON: JSON with comments and trailing commas) read the way the
// policy-change rule needs it: parsed without a dependency, and compared old against new for the
// risky things a change adds. Pure; never throws on a bad policy.
import { lineDiff } from "@/lib/logs/line-diff";

export type ParsedPolicy = { ok: true; policy: Record<string, unknown> } | { ok: false; error: string };

/**
 * HuJSON to JSON: drops `//` and `/* *\/` comments and commas before `]` or `}`, leaving strings
 * (which may hold `//`, as in URLs) alone.
 */
export function stripHuJSON(text: string): string {
  let out = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < n && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      out += " ";
    } else {
      out += c;
      i++;
    }
  }
  // Trailing commas, now that no comment sits between a comma and its bracket.
  let result = "";
  for (let k = 0; k < out.length; k++) {
    const c = out[k]!;
    if (c === '"') {
      let j = k + 1;
      while (j < out.length && out[j] !== '"') j += out[j] === "\\" ? 2 : 1;
      result += out.slice(k, j + 1);
      k = j;
      continue;
    }
    if (c === ",") {
      let j = k + 1;
      while (j < out.length && /\s/.test(out[j]!)) j++;
      if (out[j] === "]" || out[j] === "}") continue;
    }
    result += c;
  }
  return result;
}

/** A policy file's text as an object; empty text is the empty policy. */
export function parsePolicy(text: unknown): ParsedPolicy {
  if (text === null || text === undefined || (typeof text === "string" && text.trim() === "")) return { ok: true, policy: {} };
  if (typeof text !== "string") return { ok: false, error: `the policy is a ${Array.isArray(text) ? "list" : typeof text}, not text` };
  try {
    const value = JSON.parse(stripHuJSON(text)) as unknown;
    if (value === null || typeof value !== "object" || Array.isArray(value)) return { ok: false, error: "the policy is not an object" };
    return { ok: true, policy: value as Record<string, unknown> };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

// ---------------------------------------------------------------------------------------------
// What in a policy is risky: each finding has a key, so the ones a change adds are the keys the
// new policy has and the old one lacks.

export type RiskKind = "allow-all" | "danger-all" | "ssh-root" | "ssh-any-user" | "tag-owners" | "auto-approve-exit-node" | "auto-approve-routes";
export type PolicyRisk = { kind: RiskKind; key: string; text: string };

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);
const entries = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x)) : [];
const object = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const names = (xs: string[]) => (xs.length ? [...xs].sort().join(", ") : "(none)");

const BROAD_OWNERS = ["*", "autogroup:member", "autogroup:danger-all"];

function allowAll(p: Record<string, unknown>): PolicyRisk[] {
  const risks: PolicyRisk[] = [];
  // Older policies name src and dst `users` and `ports`.
  if (entries(p.acls).some((a) => list(a.src ?? a.users).includes("*") && list(a.dst ?? a.ports).includes("*:*")))
    risks.push({ kind: "allow-all", key: "allow-all:acls", text: "An allow-all ACL: every source may reach every device on every port (src \"*\", dst \"*:*\")." });
  if (entries(p.grants).some((g) => list(g.src).includes("*") && list(g.dst).includes("*") && list(g.ip).includes("*")))
    risks.push({ kind: "allow-all", key: "allow-all:grants", text: "An allow-all grant: every source may reach every destination on every port (src, dst and ip \"*\")." });
  return risks;
}

/** Every place `autogroup:danger-all` is used, by path with list positions folded (`acls[].src`). */
function dangerAll(value: unknown, path = ""): PolicyRisk[] {
  if (value === "autogroup:danger-all")
    return [{ kind: "danger-all", key: `danger-all:${path}`, text: `autogroup:danger-all (every device and user, including shared-in and external ones) used in ${path || "the policy"}.` }];
  if (Array.isArray(value)) return dedupe(value.flatMap((v) => dangerAll(v, `${path}[]`)));
  if (value !== null && typeof value === "object") return dedupe(Object.entries(value).flatMap(([k, v]) => dangerAll(v, path ? `${path}.${k}` : k)));
  return [];
}

function ssh(p: Record<string, unknown>): PolicyRisk[] {
  return entries(p.ssh).flatMap((rule) => {
    const users = list(rule.users);
    const action = typeof rule.action === "string" ? rule.action : "accept";
    const how = action === "check" ? "with re-authentication (check)" : "without re-authentication (accept)";
    const where = `from ${names(list(rule.src))} to ${names(list(rule.dst))}`;
    const risks: PolicyRisk[] = [];
    if (users.includes("root")) risks.push({ kind: "ssh-root", key: `ssh-root:${action}:${names(list(rule.src))}>${names(list(rule.dst))}`, text: `SSH as root ${where}, ${how}.` });
    if (users.includes("*"))
      risks.push({ kind: "ssh-any-user", key: `ssh-any-user:${action}:${names(list(rule.src))}>${names(list(rule.dst))}`, text: `SSH as any local user (users "*") ${where}, ${how}.` });
    return risks;
  });
}

function tagOwners(oldP: Record<string, unknown>, newP: Record<string, unknown>): PolicyRisk[] {
  const before = object(oldP.tagOwners);
  return Object.entries(object(newP.tagOwners)).flatMap(([tag, owners]): PolicyRisk[] => {
    const now = list(owners);
    if (tag in before) {
      const added = now.filter((o) => !list(before[tag]).includes(o));
      return added.length ? [{ kind: "tag-owners", key: `tag-owners:${tag}:${names(added)}`, text: `${tag} can now also be applied by ${names(added)}.` }] : [];
    }
    const broad = now.filter((o) => BROAD_OWNERS.includes(o));
    return broad.length ? [{ kind: "tag-owners", key: `tag-owners:${tag}:${names(broad)}`, text: `New tag ${tag} can be applied by ${names(broad)}: anyone can give their device its access.` }] : [];
  });
}

function autoApprovers(oldP: Record<string, unknown>, newP: Record<string, unknown>): PolicyRisk[] {
  const before = object(oldP.autoApprovers);
  const after = object(newP.autoApprovers);
  const risks: PolicyRisk[] = [];
  const exitAdded = list(after.exitNode).filter((a) => !list(before.exitNode).includes(a));
  if (exitAdded.length) risks.push({ kind: "auto-approve-exit-node", key: `auto-approve-exit-node:${names(exitAdded)}`, text: `Exit nodes advertised by ${names(exitAdded)} are now approved automatically.` });
  const routesBefore = object(before.routes);
  for (const [route, approvers] of Object.entries(object(after.routes))) {
    const added = list(approvers).filter((a) => !list(routesBefore[route]).includes(a));
    if (added.length) risks.push({ kind: "auto-approve-routes", key: `auto-approve-routes:${route}:${names(added)}`, text: `Routes to ${route} advertised by ${names(added)} are now approved automatically.` });
  }
  return risks;
}

function dedupe(risks: PolicyRisk[]): PolicyRisk[] {
  const seen = new Set<string>();
  return risks.filter((r) => !seen.has(r.key) && !!seen.add(r.key));
}

/** Risky things the new policy has that the old one did not (compared by what they allow, not by text). */
export function riskyAdditions(oldP: Record<string, unknown>, newP: Record<string, unknown>): PolicyRisk[] {
  const standing = (p: Record<string, unknown>) => [...allowAll(p), ...dangerAll(p), ...ssh(p)];
  const had = new Set(standing(oldP).map((r) => r.key));
  return dedupe([...standing(newP).filter((r) => !had.has(r.key)), ...tagOwners(oldP, newP), ...autoApprovers(oldP, newP)]);
}

// ---------------------------------------------------------------------------------------------

export const DIFF_MAX_LINES = 200;

/** The change as compact unified text (`+`/`-`/` ` lines, folded runs as `@@ … @@`), capped. */
export function policyDiffText(before: string, after: string, maxLines = DIFF_MAX_LINES): { text: string; added: number; removed: number; truncated: boolean } | null {
  const diff = lineDiff(before, after);
  if ("tooDifferent" in diff) return null;
  const lines: string[] = [];
  for (const block of diff.blocks) {
    if (block.kind === "collapsed") lines.push(`@@ ${block.lines.length} unchanged line${block.lines.length === 1 ? "" : "s"} @@`);
    else for (const l of block.lines) lines.push(`${l.kind === "added" ? "+" : l.kind === "removed" ? "-" : " "} ${l.text}`);
  }
  const truncated = lines.length > maxLines;
  const shown = truncated ? [...lines.slice(0, maxLines), `@@ ${lines.length - maxLines} more lines not shown @@`] : lines;
  return { text: shown.join("\n"), added: diff.added, removed: diff.removed, truncated };
}

export type PolicyChange = {
  risks: PolicyRisk[];
  /** Why the risks could not be judged (a policy that does not parse), when they could not. */
  note: string | null;
  diff: ReturnType<typeof policyDiffText>;
};

/** The whole analysis of one policy change: risky additions, a note when a side did not parse, the diff. */
export function analysePolicyChange(before: unknown, after: unknown): PolicyChange {
  const oldP = parsePolicy(before);
  const newP = parsePolicy(after);
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const diff = policyDiffText(text(before), text(after));
  if (!oldP.ok || !newP.ok) {
    const which = !newP.ok ? `new policy (${newP.error})` : `previous policy (${(oldP as { error: string }).error})`;
    return { risks: [], note: `The ${which} could not be parsed, so its risky additions were not judged; read the diff.`, diff };
  }
  return { risks: riskyAdditions(oldP.policy, newP.policy), note: null, diff };
}
