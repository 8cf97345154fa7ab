import { describe, expect, it } from "vitest";
import { lineDiff } from "./line-diff";

const numbered = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `line ${i + from}`);

describe("lineDiff", () => {
  it("marks added and removed lines with both line numbers and folds long unchanged runs around the context", () => {
    const before = [...numbered(10), "old", ...numbered(10, 11)].join("\n") + "\n";
    const after = [...numbered(10), "new", "newer", ...numbered(10, 11)].join("\n") + "\n";
    const diff = lineDiff(before, after, { context: 3 });
    if ("tooDifferent" in diff) throw new Error("expected a diff");
    expect(diff).toMatchObject({ added: 2, removed: 1 });
    expect(diff.blocks.map((b) => [b.kind, b.lines.length])).toEqual([
      ["collapsed", 7],
      ["shown", 3 + 3 + 3],
      ["collapsed", 7],
    ]);
    const shown = diff.blocks[1]!.lines;
    expect(shown[3]).toEqual({ kind: "removed", oldNo: 11, newNo: null, text: "old" });
    expect(shown[4]).toEqual({ kind: "added", oldNo: null, newNo: 11, text: "new" });
    expect(shown[5]).toEqual({ kind: "added", oldNo: null, newNo: 12, text: "newer" });
    expect(shown[6]).toEqual({ kind: "same", oldNo: 12, newNo: 13, text: "line 11" });
    expect(diff.blocks[2]!.lines.at(-1)).toEqual({ kind: "same", oldNo: 21, newNo: 22, text: "line 20" });
  });

  it("shows short unchanged runs whole, handles CRLF, empty texts and identical texts", () => {
    const diff = lineDiff("a\r\nb\r\nc\r\nd", "a\r\nB\r\nc\r\nd");
    if ("tooDifferent" in diff) throw new Error("expected a diff");
    expect(diff.blocks.map((b) => b.kind)).toEqual(["shown"]);
    expect(diff.blocks[0]!.lines.map((l) => `${l.kind}:${l.text}`)).toEqual(["same:a", "removed:b", "added:B", "same:c", "same:d"]);
    expect(lineDiff("", "x\ny\n")).toMatchObject({ added: 2, removed: 0 });
    const same = lineDiff(numbered(20).join("\n"), numbered(20).join("\n"));
    expect(same).toMatchObject({ added: 0, removed: 0, blocks: [{ kind: "collapsed" }] });
  });

  it("gives up on texts too different to diff quickly", () => {
    expect(lineDiff(numbered(300).join("\n"), numbered(300, 1000).join("\n"), { maxEditLength: 10 })).toEqual({ tooDifferent: true });
  });
});
