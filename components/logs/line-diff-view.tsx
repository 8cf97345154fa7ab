// A line diff as a reader needs it: a + or − in its own column and a spoken "added" or
// "removed" (not colour alone), both line numbers, and unchanged runs folded into a disclosure.
import type { DiffLine, LineDiff } from "@/lib/logs/line-diff";
import { cn } from "@/lib/cn";

const LOOK = {
  added: { marker: "+", spoken: "added", row: "bg-emerald-50 dark:bg-emerald-950/50", text: "text-emerald-900 dark:text-emerald-200" },
  removed: { marker: "−", spoken: "removed", row: "bg-red-50 dark:bg-red-950/50", text: "text-red-900 dark:text-red-200" },
  same: { marker: " ", spoken: null, row: "", text: "" },
} as const;

function Line({ line }: { line: DiffLine }) {
  const look = LOOK[line.kind];
  const Tag = line.kind === "added" ? "ins" : line.kind === "removed" ? "del" : "span";
  return (
    <div className={cn("grid grid-cols-[3ch_3ch_2ch_1fr] gap-x-2 px-2 sm:grid-cols-[4ch_4ch_2ch_1fr]", look.row)}>
      <span className="text-right text-zinc-400 select-none dark:text-zinc-500" aria-hidden>{line.oldNo ?? ""}</span>
      <span className="text-right text-zinc-400 select-none dark:text-zinc-500" aria-hidden>{line.newNo ?? ""}</span>
      <span className={cn("font-bold select-none", look.text)} aria-hidden>{look.marker}</span>
      <Tag className={cn("min-w-0 break-all whitespace-pre-wrap no-underline", look.text)}>
        {look.spoken ? <span className="sr-only">{look.spoken}: </span> : null}
        {line.text || " "}
      </Tag>
    </div>
  );
}

export function LineDiffView({ diff, label }: { diff: LineDiff; label: string }) {
  if ("tooDifferent" in diff) return <p className="text-sm text-zinc-600 dark:text-zinc-400">The two texts differ too much to compare line by line; both are shown whole below.</p>;
  return (
    <figure aria-label={label} className="min-w-0">
      <figcaption className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
        <span className="font-medium text-emerald-700 dark:text-emerald-400">+{diff.added}</span> {diff.added === 1 ? "line" : "lines"} added,{" "}
        <span className="font-medium text-red-700 dark:text-red-400">−{diff.removed}</span> removed
      </figcaption>
      <div tabIndex={0} className="max-h-[40rem] overflow-auto rounded-md border border-zinc-200 py-1 font-mono text-xs leading-5 dark:border-zinc-800">
        {diff.blocks.map((block, i) =>
          block.kind === "shown" ? (
            block.lines.map((line) => <Line key={`${i}:${line.oldNo}:${line.newNo}`} line={line} />)
          ) : (
            <details key={i} className="border-y border-dashed border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950">
              <summary className="cursor-pointer px-2 py-0.5 font-sans text-zinc-600 dark:text-zinc-400">
                {block.lines.length} unchanged lines ({block.lines[0]!.newNo}–{block.lines.at(-1)!.newNo})
              </summary>
              {block.lines.map((line) => (
                <Line key={`${line.oldNo}:${line.newNo}`} line={line} />
              ))}
            </details>
          ),
        )}
      </div>
    </figure>
  );
}
