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

export type RiskKind = "allow-all" | "danger-all" | "ssh-root" | "ssh-any-user" | "ssh-everyone" | "tag-owners" | "auto-approve-exit-node" | "auto-approve-routes";
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

// Tailscale SSH rules name their sources like ACLs do (users, groups, tags, autogroup:member, `*`)
// and the local accounts as `root`, `autogroup:nonroot` (any account but root), `localpart:*@domain`
// or plain names. Each risky thing a rule allows is its own fact, so a change is judged by the facts
// it adds; the facts one rule adds are then told as one sentence.
const EVERYONE = ["*", "autogroup:member", "autogroup:danger-all"];
const isSelfOnly = (dst: string[]) => dst.length > 0 && dst.every((d) => d === "autogroup:self");
type SshFact = { fact: "root" | "any-user" | "everyone"; key: string; rule: string; action: string; src: string[]; dst: string[]; users: string[]; toEveryone: boolean };

function sshFacts(p: Record<string, unknown>): SshFact[] {
  return entries(p.ssh).flatMap((rule): SshFact[] => {
    const action = typeof rule.action === "string" ? rule.action : "accept";
    if (action !== "accept" && action !== "check") return [];
    const [src, dst, users] = [list(rule.src), list(rule.dst), list(rule.users)];
    // Everyone reaching only their own devices (autogroup:self) is Tailscale's default, not SSH opened to everyone.
    const toEveryone = src.some((s) => EVERYONE.includes(s)) && !isSelfOnly(dst);
    const id = `${action}:${names(src)}>${names(dst)}`;
    const facts: SshFact["fact"][] = [];
    if (users.includes("root")) facts.push("root");
    // `*` is not documented for users; read it as every local account, from anyone.
    if (users.includes("*") || (toEveryone && users.includes("autogroup:nonroot"))) facts.push("any-user");
    if (toEveryone) facts.push("everyone");
    return facts.map((fact) => ({ fact, key: `ssh-${fact}:${id}`, rule: id, action, src, dst, users, toEveryone }));
  });
}

const either = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(", ")} or ${xs.at(-1)}` : (xs[0] ?? "(none)"));

/** The facts one SSH rule adds, as one risk: the gravest fact names it, the text says all of them. */
function sshRisks(added: SshFact[]): PolicyRisk[] {
  const byRule = new Map<string, SshFact[]>();
  for (const f of added) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  return [...byRule.values()].map((facts) => {
    const { action, src, dst, toEveryone } = facts[0]!;
    const users = [...new Set(facts.flatMap((f) => f.users))].sort();
    const has = (fact: SshFact["fact"]) => facts.some((f) => f.fact === fact);
    const as: string[] = [];
    if (has("root")) as.push("root");
    if (has("any-user")) as.push(users.includes("*") ? 'any local user (users "*")' : "any non-root local user (autogroup:nonroot)");
    if (has("everyone") && !has("any-user")) as.push(...users.filter((u) => u !== "root" && u !== "autogroup:nonroot"));
    const who = !toEveryone ? names(src) : src.includes("autogroup:danger-all") ? `everyone, inside the tailnet or not (src ${names(src)})` : `everyone in the tailnet (src ${names(src)})`;
    const where = isSelfOnly(dst) ? "their own devices (autogroup:self)" : names(dst);
    const how = action === "check" ? "with re-authentication (check)" : "without re-authentication (accept)";
    const kind: RiskKind = has("root") ? "ssh-root" : has("any-user") ? "ssh-any-user" : "ssh-everyone";
    return { kind, key: [...new Set(facts.map((f) => f.key))].join("+"), text: `SSH as ${either(as)} from ${who} to ${where}, ${how}.` };
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
  const standing = (p: Record<string, unknown>) => [...allowAll(p), ...dangerAll(p)];
  const had = new Set([...standing(oldP), ...sshFacts(oldP)].map((r) => r.key));
  return dedupe([...standing(newP).filter((r) => !had.has(r.key)), ...sshRisks(sshFacts(newP).filter((f) => !had.has(f.key))), ...tagOwners(oldP, newP), ...autoApprovers(oldP, newP)]);
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
