import "server-only";
// Case comments: internal only (reporters never see them; nothing here is reachable from the
// reporter's pages). Comments are added, never edited or deleted: they are part of the record.
// `@` mentions (lib/cases/mentions.ts) resolve among the people who may see the case; a mention
// of anyone else is refused with the same message as a mention of nobody, so the author learns
// nothing about who exists or who may see what. Each person mentioned (not the author) gets a
// `case.mention` notification, e-mailed to them alone.
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { Visibility } from "@/lib/generated/prisma/enums";
import { usersWithPermissionWhere } from "@/lib/auth/permissions";
import { auditWhere, userMayWorkCaseClass } from "@/lib/auth/visibility";
import type { Viewer } from "@/lib/auth/viewer";
import { text } from "@/lib/reports/schemas";
import { notifyInTx } from "@/lib/notifications/process";
import { auditCase, autoEntry, findVisibleCaseId, lockCase, touchCase } from "./case-records";
import { handleOf, parseMentions, resolveMentions, type MentionCandidate } from "./mentions";

export const ZCaseComment = z.object({ body: text(20_000, "The comment").pipe(z.string().min(1, "Write a comment.")) }).strict();

/** Everyone who may see a case of this class: who may be mentioned and who the autocomplete offers. */
export async function mentionCandidates(client: Tx | typeof db, visibility: Visibility): Promise<(MentionCandidate & { handle: string })[]> {
  const users = await client.user.findMany({ where: usersWithPermissionWhere("cases.access"), select: { id: true, email: true, name: true, roles: true, disabledAt: true }, orderBy: { name: "asc" } });
  return users.filter((u) => userMayWorkCaseClass(u, visibility)).map((u) => ({ id: u.id, email: u.email, name: u.name, handle: handleOf(u.email) }));
}

/** For the comment form's autocomplete: the people the viewer may mention on this case. */
export async function listMentionable({ viewer, reference }: { viewer: Viewer; reference: string }) {
  const id = await findVisibleCaseId(db, viewer, reference);
  const c = await db.case.findUniqueOrThrow({ where: { id }, select: { visibility: true } });
  return mentionCandidates(db, c.visibility);
}

export async function addCaseComment({ viewer, reference, input, now = new Date() }: { viewer: Viewer; reference: string; input: unknown; now?: Date }) {
  const { body } = parseInput(ZCaseComment, input);
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference);
    const tokens = parseMentions(body);
    const { users, unknown, ambiguous } = tokens.length ? resolveMentions(tokens, await mentionCandidates(tx, c.visibility)) : { users: [], unknown: [], ambiguous: [] };
    if (unknown.length || ambiguous.length) {
      const parts = [
        ...(unknown.length ? [`${unknown.map((t) => `@${t}`).join(", ")} ${unknown.length === 1 ? "is not someone" : "are not people"} who can see this case.`] : []),
        ...(ambiguous.length ? [`${ambiguous.map((t) => `@${t}`).join(", ")} could be more than one person: write the e-mail address (@name@example.com).`] : []),
      ];
      throw new AppError("INVALID_INPUT", `${parts.join(" ")} Nothing was posted.`, { fieldErrors: { body: parts } });
    }
    const comment = await tx.caseComment.create({ data: { caseId: c.id, authorId: viewer.kind === "user" ? viewer.id : null, body, mentions: users.map((u) => u.id), createdAt: now } });
    const notified = users.filter((u) => viewer.kind !== "user" || u.id !== viewer.id);
    for (const u of notified) await notifyInTx(tx, { type: "case.mention", commentId: comment.id, userId: u.id });
    await autoEntry(tx, viewer, c.id, `Comment added${users.length ? ` mentioning ${users.map((u) => u.name).join(", ")}` : ""}`, { commentId: comment.id }, now);
    await auditCase(tx, viewer, c, "comment", undefined, { commentId: comment.id, length: body.length, mentions: users.map((u) => u.id) });
    const updated = await touchCase(tx, c.id);
    return { reference, comment, mentioned: users.map((u) => ({ id: u.id, name: u.name, email: u.email })), version: updated.version };
  });
}

export async function listCaseComments({ viewer, reference }: { viewer: Viewer; reference: string }) {
  const id = await findVisibleCaseId(db, viewer, reference);
  const comments = await db.caseComment.findMany({ where: { caseId: id }, orderBy: { createdAt: "asc" }, take: 1000 });
  const ids = [...new Set(comments.flatMap((c) => [c.authorId, ...c.mentions]).filter((x): x is string => !!x))];
  const users = new Map((ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } }) : []).map((u) => [u.id, u]));
  return comments.map((c) => ({ ...c, author: c.authorId ? (users.get(c.authorId) ?? null) : null, mentioned: c.mentions.map((m) => users.get(m)).filter((u) => !!u) }));
}

export const CASE_AUDIT_PAGE = 200;

/**
 * This case's entries on the audit trail, newest first: for anyone who may see the case (the
 * COO too, who has no audit.view), read through the same class filter as the audit view.
 */
export async function listCaseAudit({ viewer, reference }: { viewer: Viewer; reference: string }) {
  const id = await findVisibleCaseId(db, viewer, reference);
  return db.auditLog.findMany({
    where: { AND: [auditWhere(viewer), { targetType: "Case", targetId: id }] },
    orderBy: { seq: "desc" },
    take: CASE_AUDIT_PAGE,
    select: { seq: true, createdAt: true, actorLabel: true, action: true, before: true, after: true },
  });
}
