// The README's rule table is what users read: every registered rule must be in it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { RULES } from "./registry";

it("the README lists every rule", () => {
  const readme = readFileSync(path.resolve(import.meta.dirname, "..", "..", "README.md"), "utf8");
  const missing = RULES.map((r) => r.id).filter((id) => !readme.includes(`| \`${id}\` |`));
  expect(missing).toEqual([]);
});
