// A report's conversation. Text is rendered as text (React escapes it) and isolated, so
// right-to-left overrides in one message cannot reorder what surrounds it.
import { Lock } from "lucide-react";
import { cn } from "@/lib/cn";
import { formatDateTime } from "@/lib/format";

export type ThreadMessage = { id: string; kind: "FROM_REPORTER" | "TO_REPORTER" | "INTERNAL_NOTE"; body: string; createdAt: Date; author: string };

export function MessageThread({ messages, empty }: { messages: ThreadMessage[]; empty: string }) {
  if (messages.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>;
  return (
    <ol className="flex flex-col gap-3" aria-label="Messages">
      {messages.map((m) => (
        <li
          key={m.id}
          className={cn(
            "rounded-lg border p-3 text-sm",
            m.kind === "INTERNAL_NOTE" && "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/40",
            m.kind === "TO_REPORTER" && "border-indigo-200 bg-indigo-50 dark:border-indigo-900 dark:bg-indigo-950/40",
            m.kind === "FROM_REPORTER" && "border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900",
          )}
        >
          <div className="mb-1 flex items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400">
            {m.kind === "INTERNAL_NOTE" ? <Lock aria-label="Internal note" className="size-3" /> : null}
            <span className="font-medium text-zinc-700 dark:text-zinc-300">
              <bdi>{m.author}</bdi>
            </span>
            <span>{formatDateTime(m.createdAt)}</span>
          </div>
          <p className="whitespace-pre-wrap break-words [unicode-bidi:isolate]">{m.body}</p>
        </li>
      ))}
    </ol>
  );
}
