import "server-only";
// The response SLA of cases: hours to resolve per severity, one AppSetting row over
// DEFAULT_SLA_HOURS, edited by the security team. Creating a case and changing its severity take
// the due date from here; changing the SLA does not move the due dates of existing cases (each
// case keeps the promise made when it was opened or re-graded).
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { SEVERITIES, type Severity } from "@/lib/detections/severity";
import { DEFAULT_SLA_HOURS } from "./deadlines";

export const SLA_SETTING_KEY = "cases.sla";
/** At most a year: a longer "deadline" is no deadline. */
export const MAX_SLA_HOURS = 24 * 366;

const hours = z.coerce
  .number({ error: "Give a number of hours." })
  .int("Give whole hours.")
  .min(1, "At least 1 hour.")
  .max(MAX_SLA_HOURS, `At most ${MAX_SLA_HOURS} hours (a year).`);

export const ZSlaHours = z.object(Object.fromEntries(SEVERITIES.map((s) => [s, hours])) as Record<Severity, typeof hours>).strict();
export type SlaHours = Record<Severity, number>;

/** The stored SLA over the defaults; a stored value that no longer validates falls back to them. */
export async function getSlaHours(client: Tx | typeof db = db): Promise<SlaHours> {
  const row = await client.appSetting.findUnique({ where: { key: SLA_SETTING_KEY } });
  const parsed = ZSlaHours.safeParse({ ...DEFAULT_SLA_HOURS, ...((row?.value as object | undefined) ?? {}) });
  return parsed.success ? parsed.data : { ...DEFAULT_SLA_HOURS };
}

export async function updateSlaHours({ viewer, input }: { viewer: Viewer; input: unknown }): Promise<SlaHours> {
  assertCan(viewer, "cases.work");
  const next = parseInput(ZSlaHours, input);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('case_sla_settings'))`;
    const current = await getSlaHours(tx);
    const changed = SEVERITIES.filter((s) => current[s] !== next[s]);
    if (!changed.length) return current;
    const value = next as unknown as Prisma.InputJsonValue;
    await tx.appSetting.upsert({ where: { key: SLA_SETTING_KEY }, create: { key: SLA_SETTING_KEY, value }, update: { value } });
    await appendAudit(tx, viewer, {
      action: "cases.sla_update",
      targetType: "AppSetting",
      targetId: SLA_SETTING_KEY,
      before: Object.fromEntries(changed.map((s) => [s, current[s]])),
      after: Object.fromEntries(changed.map((s) => [s, next[s]])),
    });
    return next;
  });
}
