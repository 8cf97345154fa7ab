import "server-only";
// A signed-off review for an auditor: Markdown or JSON with the frozen data, the ticks, notes,
// sign-off and the hash of the sign-off entry on the audit trail (which an auditor checks with
// `countersign audit verify`). Only signed-off reviews are exported; every export is audited.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Viewer } from "@/lib/auth/viewer";
import type { ChecklistData } from "./checklist";
import { getReview, type ReviewDetail } from "./reviews";

const ZFormat = z.enum(["md", "json"], { error: "format must be md or json." });

const pct = (r: number | null) => (r === null ? "no two-sided traffic" : `${(r * 100).toFixed(2)} %`);
const state = (s: ChecklistData["logging"]["flowLogging"]) => (s.enabled === null ? "no change on record" : `${s.enabled ? "enabled" : "DISABLED"} (since ${s.changedAt}${s.actor ? `, by ${s.actor}` : ""})`);
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");

export function reviewMarkdown(r: ReviewDetail): string {
  const d = r.data;
  const lines: string[] = [];
  lines.push(`# Log review ${d.period.from} to ${d.period.to}`, "");
  lines.push(`- Status: ${r.status === "SIGNED_OFF" ? "signed off" : "open"}`);
  lines.push(`- Signed off by: ${r.signedOffByLabel ?? "—"} at ${r.signedOffAt?.toISOString() ?? "—"}`);
  lines.push(`- Due: ${r.dueAt.toISOString()}`);
  lines.push(`- Data frozen at: ${d.computedAt}`);
  lines.push(`- Audit trail hash of the sign-off entry: \`${r.signOffAuditHash ?? "—"}\``, "");
  if (r.notes) lines.push("## Sign-off notes", "", r.notes, "");
  lines.push("## Checklist", "", "| Item | Ticked by | At | Note |", "| --- | --- | --- | --- |");
  for (const i of r.items) lines.push(`| ${cell(i.label)} | ${cell(i.tick?.checked ? (i.tick.checkedByLabel ?? "") : "not ticked")} | ${i.tick?.checkedAt ?? ""} | ${cell(i.tick?.note ?? "")} |`);
  lines.push("", "## Logging enabled and streaming", "");
  lines.push(`- Network flow logging: ${state(d.logging.flowLogging)}`, `- Exit-flow logging: ${state(d.logging.exitFlowLogging)}`);
  lines.push(`- Streaming destination changes: ${d.logging.streamingChanges.length}`);
  for (const c of d.logging.streamingChanges) lines.push(`  - ${c.at} ${c.action} by ${c.actor ?? "unknown"}`);
  lines.push("", "| Source | Kind | Records | Errors | Last record |", "| --- | --- | --- | --- | --- |");
  for (const s of d.logging.sources) lines.push(`| ${cell(s.name)}${s.revoked ? " (revoked)" : ""} | ${s.kind} | ${s.records} | ${s.errors} | ${s.lastRecordAt ?? "never"} |`);
  const left = (n: number | undefined, indent = "") => (n ? [`${indent}- … and ${n} more, not listed`] : []);
  lines.push("", `Quiet spans: ${d.logging.quietSpans.length + (d.omitted?.quietSpans ?? 0)}`);
  for (const q of d.logging.quietSpans) lines.push(`- ${cell(q.source)}: ${q.from} to ${q.to} (${q.minutes} min)`);
  lines.push(...left(d.omitted?.quietSpans));
  lines.push("", "## New alerts and suspicious activity", "");
  lines.push(`- Alerts raised: ${d.alerts.total} (${Object.entries(d.alerts.bySeverity).map(([s, n]) => `${s.toLowerCase()} ${n}`).join(", ")}); still open: ${d.alerts.stillOpen}`);
  for (const rep of d.alerts.reports) lines.push(`- Reports (${rep.visibility.toLowerCase()}): ${rep.count}${rep.byCategory ? ` — ${Object.entries(rep.byCategory).map(([c, n]) => `${c.toLowerCase()} ${n}`).join(", ")}` : ""}`);
  if (!d.alerts.reports.length) lines.push("- Reports filed: 0");
  lines.push("", "## Missing time spans", "");
  const cs = d.gaps.countersign;
  lines.push(`- Countersign rate: ${pct(cs.rate)} (countersigned ${cs.countersigned}, mismatched ${cs.mismatched}, silent ${cs.silent}, peer silent ${cs.peerSilent})`);
  lines.push(`- Silent spans: ${d.gaps.silentSpans.length + (d.omitted?.silentSpans ?? 0)}`);
  for (const s of d.gaps.silentSpans) lines.push(`  - ${cell(s.device ?? s.nodeId)}: ${s.from} to ${s.to} (${s.minutes} min)`);
  lines.push(...left(d.omitted?.silentSpans, "  "));
  lines.push("", "## Login failures and lockouts", "");
  lines.push(`- Tailscale: ${d.logins.tailscale.failed} failed of ${d.logins.tailscale.logins} logins`);
  for (const a of d.logins.tailscale.byActor) lines.push(`  - ${cell(a.actor)}: ${a.count}`);
  lines.push(...left(d.omitted?.tailscaleActors, "  "));
  const own = d.logins.countersign;
  lines.push(`- Countersign: ${own.failed} failed sign-ins, ${own.blocked} blocked, ${own.lockouts} lockouts`);
  for (const a of own.byAccount) lines.push(`  - ${cell(a.account)}: ${a.failed} failed, ${a.lockouts} lockouts`);
  lines.push(...left(d.omitted?.countersignAccounts, "  "));
  lines.push("", "## Unexpected restarts", "");
  lines.push(`- Devices quiet ${d.restarts.thresholdMinutes}+ minutes that came back at another endpoint: ${d.restarts.spans.length + (d.omitted?.restarts ?? 0)}`);
  for (const s of d.restarts.spans) lines.push(`  - ${cell(s.device ?? s.nodeId)}: ${s.from} to ${s.to}, ${s.endpointBefore} → ${s.endpointAfter}`);
  lines.push(...left(d.omitted?.restarts, "  "));
  return `${lines.join("\n")}\n`;
}

export async function exportReview({ viewer, id, format }: { viewer: Viewer; id: string; format: unknown }) {
  const f = parseInput(ZFormat, format);
  const review = await getReview({ viewer, id });
  if (review.status !== "SIGNED_OFF") throw new AppError("CONFLICT", "Only a signed-off review can be exported.");
  await db.$transaction((tx) => appendAudit(tx, viewer, { action: "reviews.export", targetType: "LogReview", targetId: id, after: { format: f } }));
  const stamp = review.periodEnd.toISOString().slice(0, 10);
  if (f === "json") {
    const body = Buffer.from(JSON.stringify(review, null, 2));
    return { body, contentType: "application/json; charset=utf-8", fileName: `log-review-${stamp}.json` };
  }
  return { body: Buffer.from(reviewMarkdown(review)), contentType: "text/markdown; charset=utf-8", fileName: `log-review-${stamp}.md` };
}
