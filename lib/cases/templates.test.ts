import { describe, expect, it } from "vitest";
import { CASE_TEMPLATES, templateTasksOf } from "./templates";

describe("case templates", () => {
  it("has the eight kinds of the policy, each with unique kind and name", () => {
    expect(CASE_TEMPLATES).toHaveLength(8);
    expect(new Set(CASE_TEMPLATES.map((t) => t.kind)).size).toBe(8);
    expect(new Set(CASE_TEMPLATES.map((t) => t.name)).size).toBe(8);
  });

  it.each(CASE_TEMPLATES.map((t) => [t.name, t] as const))("%s covers the policy's steps with required items", (_name, template) => {
    const titles = template.tasks.map((t) => t.title);
    for (const step of ["Confirm and scope", "Preserve logs and evidence", "Contain", "Determine impact", "Decide disclosure", "Lessons learned"]) expect(titles).toContain(step);
    expect(template.tasks.find((t) => t.title === "Determine impact")?.required).toBe(true);
    expect(template.tasks.find((t) => t.title === "Decide disclosure")?.required).toBe(true);
  });

  it("reads stored tasks defensively", () => {
    expect(templateTasksOf([{ title: "A", required: true }, { title: "" }, null, "x", { title: "B", description: "d" }])).toEqual([
      { title: "A", required: true },
      { title: "B", description: "d", required: false },
    ]);
    expect(templateTasksOf({})).toEqual([]);
  });
});
