// The parts every log explorer's filter form shares: the notice that some filters were left
// out, the Filter / Reset buttons, and suggestion lists for free-text fields.
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/lib/cn";

export function FilterErrorsNotice({ errors }: { errors: Record<string, string> }) {
  if (Object.keys(errors).length === 0) return null;
  return <Alert tone="warning" title="Some filters were not understood and were left out" className="mb-4" />;
}

export function FilterButtons({ resetHref, className }: { resetHref: string; className?: string }) {
  return (
    <div className={cn("flex gap-2", className)}>
      <Button type="submit">Filter</Button>
      <Link href={resetHref} className={buttonClasses({ variant: "ghost" })}>
        Reset
      </Link>
    </div>
  );
}

/** Options for an input's datalist: suggestions, not a closed list. */
export function Suggestions({ id, values }: { id: string; values: readonly string[] }) {
  return (
    <datalist id={id}>
      {values.map((v) => (
        <option key={v} value={v} />
      ))}
    </datalist>
  );
}
