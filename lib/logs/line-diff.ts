// A line diff of two texts (a policy file before and after), with runs of unchanged lines
// collapsed around `context` lines kept beside each change, as code review tools show it. Pure.
import { diffLines } from "diff";

export type DiffLine = { kind: "added" | "removed" | "same"; oldNo: number | null; newNo: number | null; text: string };
/** Lines shown, or a run of unchanged lines folded away (kept, for whoever wants to unfold it). */
export type DiffBlock = { kind: "shown" | "collapsed"; lines: DiffLine[] };
export type LineDiff = { blocks: DiffBlock[]; added: number; removed: number } | { tooDifferent: true };

const splitLines = (text: string) => {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
};

export function lineDiff(before: string, after: string, { context = 3, maxEditLength = 5000 } = {}): LineDiff {
  const changes = diffLines(before, after, { maxEditLength });
  if (!changes) return { tooDifferent: true };
  const rows: DiffLine[] = [];
  let oldNo = 1;
  let newNo = 1;
  for (const change of changes) {
    for (const text of splitLines(change.value)) {
      if (change.added) rows.push({ kind: "added", oldNo: null, newNo: newNo++, text });
      else if (change.removed) rows.push({ kind: "removed", oldNo: oldNo++, newNo: null, text });
      else rows.push({ kind: "same", oldNo: oldNo++, newNo: newNo++, text });
    }
  }

  const blocks: DiffBlock[] = [];
  const push = (kind: DiffBlock["kind"], lines: DiffLine[]) => {
    if (!lines.length) return;
    const last = blocks.at(-1);
    if (last?.kind === kind) last.lines.push(...lines);
    else blocks.push({ kind, lines: [...lines] });
  };
  for (let i = 0; i < rows.length; ) {
    if (rows[i]!.kind !== "same") {
      push("shown", [rows[i++]!]);
      continue;
    }
    let end = i;
    while (end < rows.length && rows[end]!.kind === "same") end++;
    const run = rows.slice(i, end);
    const keepBefore = i === 0 ? 0 : context; // context after the change above
    const keepAfter = end === rows.length ? 0 : context; // context before the change below
    // Folding one or two lines away saves nothing: show them.
    if (run.length - keepBefore - keepAfter <= 2) push("shown", run);
    else {
      push("shown", run.slice(0, keepBefore));
      push("collapsed", run.slice(keepBefore, run.length - keepAfter));
      push("shown", run.slice(run.length - keepAfter));
    }
    i = end;
  }
  return { blocks, added: rows.filter((r) => r.kind === "added").length, removed: rows.filter((r) => r.kind === "removed").length };
}
