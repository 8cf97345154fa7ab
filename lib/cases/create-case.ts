import "server-only";
// Opens a case, from scratch or from alerts and reports ("open a case" in the queue and the
// inbox): title, severity and the awareness time default from what it came from, the class is at
// least the strictest report's, a template brings its checklist, and everything is linked.
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { ReportUrgency, Severity, Visibility } from "@/lib/generated/prisma/enums";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { maxSeverity } from "@/lib/detections/severity";
import { auditCase, autoEntry, resolveCaseUser } from "./case-records";
import { nextReference } from "@/lib/db/next-reference";
import { dueAt } from "./deadlines";
import { ensureCaseTemplates } from "./ensure-case-templates";
import { linkAlertsInTx } from "./link-alerts";
import { findReportsForCase, linkReportsInTx, stricter } from "./link-report";
import { ZCaseCreate } from "./schemas";
import { getSlaHours } from "./sla";
import { templateTasksOf } from "./templates";

const URGENCY_SEVERITY: Record<ReportUrgency, Severity> = { LOW: "LOW", NORMAL: "MEDIUM", HIGH: "HIGH", URGENT: "CRITICAL" };

export async function createCase({ viewer, input, now = new Date() }: { viewer: Viewer; input: unknown; now?: Date }) {
  assertCan(viewer, "cases.access");
  const data = parseInput(ZCaseCreate, input);

  let template: { id: string; name: string; tasks: unknown } | null = null;
  if (data.template) {
    await ensureCaseTemplates();
    template = await db.caseTemplate.findFirst({ where: { OR: [{ kind: data.template }, { id: data.template }] }, select: { id: true, name: true, tasks: true } });
    if (!template) throw new AppError("INVALID_INPUT", `No case template "${data.template}".`, { fieldErrors: { template: ["Choose one of the case templates."] } });
  }

  const created = await db.$transaction(
    async (tx) => {
      const alerts = data.alertIds.length
        ? await tx.alert.findMany({ where: { id: { in: data.alertIds } }, select: { id: true, title: true, severity: true, firstSeenAt: true }, orderBy: { firstSeenAt: "asc" } })
        : [];
      if (alerts.length < new Set(data.alertIds).size) {
        const missing = data.alertIds.filter((id) => !alerts.some((a) => a.id === id));
        throw new AppError("NOT_FOUND", `No such alert: #${missing.join(", #")}.`);
      }
      const reports = await findReportsForCase(tx, viewer, data.reports);

      const firstAlert = alerts[0];
      const firstReport = reports[0];
      const title =
        data.title ??
        (firstAlert ? `${firstAlert.title}${alerts.length > 1 ? ` (+${alerts.length - 1} more)` : ""}` : `Report ${firstReport!.reference}: ${firstReport!.description.slice(0, 120)}`);
      const severity =
        data.severity ??
        [...alerts.map((a) => a.severity), ...reports.map((r) => URGENCY_SEVERITY[r.urgency])].reduce<Severity>((a, b) => maxSeverity(a, b), "INFO");
      const times = [...alerts.map((a) => a.firstSeenAt), ...reports.map((r) => r.createdAt)];
      const awareAt = data.awareAt ?? (times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : now);
      const visibility = reports.reduce<Visibility>((v, r) => stricter(v, r.visibility), data.visibility ?? "STANDARD");

      const lead = data.lead ? await resolveCaseUser(tx, data.lead, visibility, "lead") : null;
      const memberIds = [...new Set([...(viewer.kind === "user" ? [viewer.id] : []), ...(lead ? [lead.id] : [])])];
      const tasks = template ? templateTasksOf(template.tasks) : [];
      const reference = await nextReference(tx, "CASE", now);
      const row = await tx.case.create({
        data: {
          reference,
          title,
          summary: data.summary ?? "",
          severity,
          visibility,
          awareAt,
          dueAt: dueAt(severity, awareAt, await getSlaHours(tx)),
          leadId: lead?.id ?? null,
          templateId: template?.id ?? null,
          createdById: viewer.kind === "user" ? viewer.id : null,
          members: { create: memberIds.map((userId) => ({ userId })) },
          tasks: { create: tasks.map((t, position) => ({ title: t.title, description: t.description ?? null, required: t.required, position })) },
        },
      });
      await autoEntry(tx, viewer, row.id, `Case opened${template ? ` from the template "${template.name}"` : ""}`, { severity, visibility, awareAt: awareAt.toISOString() }, now);
      const linkedAlerts = await linkAlertsInTx(tx, viewer, row, data.alertIds, now);
      const linkedReports = await linkReportsInTx(tx, viewer, row, reports, now);
      await auditCase(tx, viewer, row, "create", undefined, {
        reference,
        title,
        severity,
        visibility,
        awareAt,
        leadId: row.leadId,
        template: template?.name ?? null,
        alertIds: linkedAlerts,
        reports: linkedReports,
      });
      return row;
    },
    { timeout: 30_000 },
  );
  return { id: created.id, reference: created.reference, visibility: created.visibility, status: created.status, version: created.version };
}
