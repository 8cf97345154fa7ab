import "server-only";
// A person's timeline entry: what happened, when it happened (not when it was written), the time
// zone they gave it in, and where the information came from.
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";
import { auditCase, lockCase, touchCase } from "./case-records";
import { ZTimelineNote } from "./schemas";

export async function addTimelineEntry({ viewer, reference, input }: { viewer: Viewer; reference: string; input: unknown }) {
  const note = parseInput(ZTimelineNote, input);
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference);
    const entry = await tx.caseTimelineEntry.create({
      data: { caseId: c.id, kind: "NOTE", occurredAt: note.occurredAt, timeZone: note.timeZone ?? null, source: note.source ?? null, body: note.body, actorId: viewer.kind === "user" ? viewer.id : null },
    });
    const updated = await touchCase(tx, c.id);
    await auditCase(tx, viewer, c, "timeline_note", undefined, { entryId: entry.id, occurredAt: note.occurredAt, length: note.body.length });
    return { reference, entry, version: updated.version };
  });
}
