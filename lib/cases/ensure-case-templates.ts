import "server-only";
// Puts the starting templates (lib/cases/templates.ts) into the database, once: called by
// `npm run db:seed` and on first use (listing templates, opening a case from one), so a new
// installation has them without a step. A template someone edited or renamed is never
// overwritten: rows are matched by kind and only missing kinds are inserted.
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CASE_TEMPLATES } from "./templates";

let ensured = false;

export async function ensureCaseTemplates(client: Tx | typeof db = db): Promise<void> {
  if (ensured) return;
  await client.caseTemplate.createMany({
    data: CASE_TEMPLATES.map((t) => ({ kind: t.kind, name: t.name, description: t.description, tasks: t.tasks as unknown as Prisma.InputJsonValue })),
    skipDuplicates: true,
  });
  ensured = true;
}
