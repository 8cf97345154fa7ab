import "server-only";
// A person's saved views of the cases list: a name and the filter query it was saved from. Each
// is private to its owner; the query is re-checked against the list's filter schema on save, so a
// view never holds a filter the list would refuse. Opening a view is the list with that query:
// visibility is applied by the list itself, so a view can never show more than its owner may see.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { ZListCases } from "./schemas";

/** The filter keys a view keeps (paging is not part of a view). */
export const VIEW_KEYS = ["status", "severity", "visibility", "lead", "mine", "q", "open", "overdue", "sort"] as const;
const MAX_VIEWS = 50;

/** The view's canonical query string from a page's query values; unknown keys and paging dropped. */
export function viewQuery(raw: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const key of VIEW_KEYS) {
    const value = raw[key]?.trim();
    if (value) params.set(key, value);
  }
  return params.toString();
}

const ZSaveView = z
  .object({
    name: z.string({ error: "Name the view." }).trim().min(1, "Name the view.").max(60, "A view's name is at most 60 characters."),
    query: z.string({ error: "query is the list's query string." }).max(2000, "That filter is too long to save."),
  })
  .strict();

function requireUser(viewer: Viewer) {
  assertCan(viewer, "cases.access");
  if (viewer.kind !== "user") throw new AppError("FORBIDDEN", "Saved views belong to a person.");
  return viewer.id;
}

export async function listSavedViews({ viewer }: { viewer: Viewer }) {
  const userId = requireUser(viewer);
  return db.savedCaseView.findMany({ where: { userId }, orderBy: [{ name: "asc" }], select: { id: true, name: true, query: true, createdAt: true } });
}

export async function saveView({ viewer, input }: { viewer: Viewer; input: unknown }) {
  const userId = requireUser(viewer);
  const { name, query: rawQuery } = parseInput(ZSaveView, input);
  const raw = Object.fromEntries(new URLSearchParams(rawQuery.replace(/^\?/, "")));
  const query = viewQuery(raw);
  // The list page reads status "open" and "all" itself (tabs); the rest is the list's filter.
  const values = Object.fromEntries(new URLSearchParams(query));
  const parsed = ZListCases.safeParse({ ...values, status: values.status === "open" || values.status === "all" ? undefined : values.status });
  if (!parsed.success) throw new AppError("INVALID_INPUT", "The current filters are not valid: fix them before saving the view.", { fieldErrors: { query: [parsed.error.issues[0]?.message ?? "Not understood."] } });
  return db.$transaction(async (tx) => {
    const existing = await tx.savedCaseView.findUnique({ where: { userId_name: { userId, name } } });
    if (!existing && (await tx.savedCaseView.count({ where: { userId } })) >= MAX_VIEWS) {
      throw new AppError("INVALID_INPUT", `At most ${MAX_VIEWS} saved views: delete one first.`, { fieldErrors: { name: [`At most ${MAX_VIEWS} saved views.`] } });
    }
    // Saving under an existing name replaces that view's filters.
    const view = await tx.savedCaseView.upsert({ where: { userId_name: { userId, name } }, create: { userId, name, query }, update: { query } });
    await appendAudit(tx, viewer, { action: existing ? "case_view.update" : "case_view.create", targetType: "SavedCaseView", targetId: view.id, before: existing ? { query: existing.query } : undefined, after: { name, query } });
    return { id: view.id, name: view.name, query: view.query, replaced: !!existing };
  });
}

export async function deleteView({ viewer, id }: { viewer: Viewer; id: string }) {
  const userId = requireUser(viewer);
  return db.$transaction(async (tx) => {
    const view = typeof id === "string" && id.length <= 40 ? await tx.savedCaseView.findFirst({ where: { id, userId } }) : null;
    if (!view) throw notFound("saved view");
    await tx.savedCaseView.delete({ where: { id: view.id } });
    await appendAudit(tx, viewer, { action: "case_view.delete", targetType: "SavedCaseView", targetId: view.id, before: { name: view.name, query: view.query } });
    return { id: view.id, name: view.name };
  });
}
