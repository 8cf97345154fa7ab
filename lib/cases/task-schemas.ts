// What people and the API send to the task, template, observable and comment operations. Pure.
import { z } from "zod";
import { text } from "@/lib/reports/schemas";
import { ZVersion } from "./schemas";

export const MAX_TEMPLATE_TASKS = 100;
export const MAX_CASE_TASKS = 300;

const taskTitle = text(300, "The task title").pipe(z.string().min(1, "Give the task a title."));
const description = text(5000, "The description");
const userRef = z.string().trim().max(320, "An assignee is a user id or e-mail address.");

/** A due date: a day (2026-11-30, the end of that day UTC) or a time. Past dates are refused by the operation with `now`. */
export const ZDueDate = z
  .union([z.string().trim(), z.date(), z.null()], { error: "The due date is a date such as 2026-11-30." })
  .transform((v, ctx) => {
    if (v === null || v === "") return null;
    const d = typeof v === "string" ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T23:59:59.999Z` : v) : v;
    if (Number.isNaN(d.getTime()) || d.getUTCFullYear() > 9999) {
      ctx.addIssue({ code: "custom", message: "The due date is a date such as 2026-11-30." });
      return z.NEVER;
    }
    return d;
  });

const bool = z.union([z.boolean(), z.enum(["on", "true", "false", "1", "0", ""])], { error: "required is true or false." }).transform((v) => v === true || v === "on" || v === "true" || v === "1");

export const ZTaskCreate = z
  .object({
    version: ZVersion,
    title: taskTitle,
    description: description.optional(),
    required: bool.default(false),
    assignee: userRef.nullish(),
    dueAt: ZDueDate.optional(),
  })
  .strict();

export const ZTaskUpdate = z
  .object({
    version: ZVersion,
    title: taskTitle.optional(),
    description: description.nullish(),
    required: bool.optional(),
    assignee: userRef.nullish(),
    dueAt: ZDueDate.optional(),
  })
  .strict();

export const ZTaskDone = z.object({ version: ZVersion, done: bool }).strict();
export const ZTaskDelete = z.object({ version: ZVersion, reason: text(1000, "The reason").optional() }).strict();
export const ZTaskReorder = z.object({ version: ZVersion, order: z.array(z.string().trim().min(1).max(40), { error: "order is a list of task ids." }).min(1).max(MAX_CASE_TASKS) }).strict();
export const ZTaskComment = z.object({ body: text(10_000, "The comment").pipe(z.string().min(1, "Write a comment.")) }).strict();
export const ZApplyTemplate = z.object({ version: ZVersion, template: z.string().trim().min(1, "Choose a template.").max(100) }).strict();

const templateName = text(200, "The name").pipe(z.string().min(1, "Give the template a name."));
export const ZTemplateTask = z
  .object({ title: taskTitle, description: text(5000, "A task's description").optional(), required: bool.default(false) })
  .strict()
  .transform((t) => ({ title: t.title, ...(t.description ? { description: t.description } : {}), required: t.required }));

export const ZTemplateEdit = z
  .object({
    name: templateName,
    description: text(5000, "The description").default(""),
    tasks: z.array(ZTemplateTask, { error: "tasks is a list of { title, description, required }." }).max(MAX_TEMPLATE_TASKS, `A template has at most ${MAX_TEMPLATE_TASKS} tasks.`),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.tasks.forEach((t, i) => {
      const key = t.title.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["tasks", i, "title"], message: `"${t.title}" is in the list twice.` });
      seen.add(key);
    });
  });
export type TemplateEditInput = z.input<typeof ZTemplateEdit>;

/** A new template's stable key, from its name. */
export function kindFromName(name: string): string {
  return (
    name
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "template"
  );
}
