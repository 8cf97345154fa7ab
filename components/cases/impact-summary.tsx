// The recorded impact, read only: for people who may not edit it, and beside the form.
import { DefinitionList } from "@/components/logs/definition-list";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ImpactValues } from "./impact-form";

const TONE: Record<string, BadgeTone> = { NONE: "neutral", LOW: "warning", HIGH: "danger" };
const level = (l: string | null) => (l ? <Badge tone={TONE[l]}>{l.charAt(0) + l.slice(1).toLowerCase()}</Badge> : "Not determined");

export function ImpactSummary({ impact, compact = false }: { impact: ImpactValues & { impactDeterminedAt: Date | null }; compact?: boolean }) {
  if (!impact.impactDeterminedAt) return <p className="text-sm text-zinc-600 dark:text-zinc-400">The impact has not been determined yet.</p>;
  return (
    <div className="grid gap-3">
      <DefinitionList
        items={[
          ["Confidentiality", level(impact.confidentiality)],
          ["Integrity", level(impact.integrity)],
          ["Availability", level(impact.availability)],
          ["Customers", impact.customersAffected ?? ""],
          ["People", impact.peopleAffected ?? ""],
          ...(compact
            ? []
            : ([
                ["Systems", impact.affectedSystems.join(", ")],
                ["Devices", impact.affectedDevices.join(", ")],
                ["Data types", impact.dataTypes.join(", ")],
              ] as [string, string][])),
        ]}
      />
      {!compact && impact.impactSummary ? <p className="whitespace-pre-wrap break-words text-sm">{impact.impactSummary}</p> : null}
    </div>
  );
}
