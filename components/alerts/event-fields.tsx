// An event's fields as path / value rows, the fields that made the rule match highlighted (a
// mark and the word "matched", not colour alone).
import { cn } from "@/lib/cn";

/** Leaf paths of a JSON value: `target.property`, `actor.tags.0`. */
export function flattenFields(value: unknown, prefix = "", out: [string, unknown][] = [], depth = 0): [string, unknown][] {
  if (value !== null && typeof value === "object" && depth < 6) {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
    if (!entries.length) out.push([prefix || "(value)", value]);
    for (const [k, v] of entries) flattenFields(v, prefix ? `${prefix}.${k}` : k, out, depth + 1);
    if (out.length > 400) out.length = 400;
    return out;
  }
  out.push([prefix || "(value)", value]);
  return out;
}

const isMatched = (path: string, matched: string[]) => matched.some((m) => path === m || path.startsWith(`${m}.`));

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

export function EventFields({ data, matchedFields }: { data: unknown; matchedFields: string[] }) {
  const rows = flattenFields(data);
  return (
    <dl className="grid gap-x-4 text-xs sm:grid-cols-[minmax(8rem,max-content)_1fr]">
      {rows.map(([path, value]) => {
        const matched = isMatched(path, matchedFields);
        return (
          <div key={path} className={cn("contents", matched && "[&>*]:bg-amber-100 dark:[&>*]:bg-amber-500/20")} data-matched={matched || undefined}>
            <dt className={cn("px-1.5 pt-1 font-mono text-zinc-500 sm:py-0.5 dark:text-zinc-400", matched && "font-semibold text-amber-900 dark:text-amber-200")}>
              {path}
              {matched ? <span className="ml-1 rounded bg-amber-300/60 px-1 font-sans text-[10px] tracking-wide uppercase dark:bg-amber-400/30">matched</span> : null}
            </dt>
            <dd className="min-w-0 px-1.5 pb-1 font-mono break-all text-zinc-900 sm:py-0.5 dark:text-zinc-100">{matched ? <mark className="bg-transparent text-inherit">{show(value)}</mark> : show(value)}</dd>
          </div>
        );
      })}
    </dl>
  );
}
