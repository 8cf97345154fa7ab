// Runs every rule's own tests and checks the registry: unique ids, files named after ids,
// positive and negative tests, MITRE tags, runbooks. `npm run test:rules` runs just this file.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "./registry";
import { contextOf, verdictOf, auditMatch, flowMatch, windowMatch } from "./engine";
import { eventsFromRecord } from "./events";
import { ZDetectionSettings, DEFAULT_DETECTION_SETTINGS } from "./settings-schema";
import type { AnyRealtimeRule, AnyWindowedRule, KnownDevice, Rule } from "./define-rule";

const RULES_DIR = path.join(import.meta.dirname, "rules");
const FIXED_NOW = Date.parse("2026-11-21T12:00:00Z");

/** `Tailscale.Audit.HTTPSDisabled` → `tailscale-audit/https-disabled.ts` */
function expectedFile(id: string): string {
  const parts = id.split(".");
  const kebab = (s: string) => s.replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2").replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
  const name = parts.pop()!;
  return `${parts.map(kebab).join("-")}/${kebab(name)}.ts`;
}

function ruleFiles(dir = RULES_DIR, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.isDirectory()) return ruleFiles(path.join(dir, d.name), `${prefix}${d.name}/`);
    return d.name.endsWith(".ts") && !d.name.endsWith(".test.ts") ? [`${prefix}${d.name}`] : [];
  });
}

function contextFor(test: { context?: { settings?: object; devices?: KnownDevice[] } }) {
  const settings = ZDetectionSettings.parse({ ...DEFAULT_DETECTION_SETTINGS, ...(test.context?.settings ?? {}) });
  return contextOf(settings, test.context?.devices ?? []);
}

describe("the rule registry", () => {
  it("has unique, dotted ids", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(Tailscale\.(Audit|Flow)|Countersign\.[A-Z][A-Za-z]+)\.[A-Z][A-Za-z0-9]+$/);
  });

  it("registers every rule file, each named after its rule's id", async () => {
    const files = ruleFiles();
    const byId = new Map(RULES.map((r) => [r.id, r]));
    for (const file of files) {
      const mod = (await import(/* @vite-ignore */ path.join(RULES_DIR, file))) as { default?: Rule };
      expect(mod.default, `${file} exports its rule as default`).toBeDefined();
      const rule = mod.default!;
      expect(byId.get(rule.id), `${rule.id} (${file}) is in the registry`).toBe(rule);
      expect(file).toBe(expectedFile(rule.id));
    }
    expect(files.length).toBe(RULES.length);
  });
});

describe.each(RULES.map((r) => [r.id, r] as const))("%s", (_id, rule) => {
  it("is documented: title, description, MITRE tags, runbook, references, dedup window", () => {
    expect(rule.title.length).toBeGreaterThan(5);
    expect(rule.description.length).toBeGreaterThan(40);
    expect(rule.mitre.length).toBeGreaterThan(0);
    for (const tag of rule.mitre) expect(tag).toMatch(/^TA\d{4}:T\d{4}(\.\d{3})?$/);
    expect(rule.runbook.split("\n").length).toBeGreaterThanOrEqual(2);
    expect(rule.reference.length).toBeGreaterThan(0);
    for (const url of rule.reference) expect(url).toMatch(/^https:\/\//);
    expect(rule.dedupMinutes).toBeGreaterThan(0);
  });

  it("has positive and negative tests", () => {
    const tests = rule.tests as { expected: boolean }[];
    expect(tests.some((t) => t.expected)).toBe(true);
    expect(tests.some((t) => !t.expected)).toBe(true);
  });

  if (rule.kind === "realtime") {
    it.each((rule as AnyRealtimeRule).tests.map((t) => [t.name, t] as const))("test: %s", (_name, test) => {
      const parsed = eventsFromRecord(test.event, FIXED_NOW);
      if ("error" in parsed) throw new Error(`test event does not parse: ${parsed.error}`);
      const ctx = contextFor(test);
      const events = rule.logType === "audit" ? parsed.audit : parsed.flow;
      expect(events.length, "the test event holds events of the rule's log type").toBeGreaterThan(0);
      const verdicts = events.map((e) => verdictOf(rule as never, e as never, ctx));
      expect(verdicts.includes("match")).toBe(test.expected);
      // A positive test also proves the alert can be built: title, dedup key, severity.
      events.forEach((event, i) => {
        if (verdicts[i] !== "match") return;
        const m = rule.logType === "audit" ? auditMatch(rule as never, event as never, "test", ctx) : flowMatch(rule as never, event as never, "test", ctx);
        expect(m?.title.length).toBeGreaterThan(5);
        expect(m?.dedupKey.length).toBeGreaterThan(0);
        expect(m?.matchedFields.length).toBeGreaterThan(0);
      });
    });
  } else {
    it.each((rule as AnyWindowedRule).tests.map((t) => [t.name, t] as const))("test: %s", (_name, test) => {
      const ctx = contextFor(test);
      expect(rule.evaluate(test.row as never, ctx)).toBe(test.expected);
      if (test.expected) {
        const m = windowMatch(rule, test.row, { from: new Date(FIXED_NOW - 300_000), to: new Date(FIXED_NOW) }, ctx);
        expect(m?.title.length).toBeGreaterThan(5);
        expect(m?.dedupKey.length).toBeGreaterThan(0);
      }
    });
    it("has SQL with the window's parameters", () => {
      expect(rule.sql).toContain("$1");
      expect(rule.sql).toContain("$2");
    });
  }
});
