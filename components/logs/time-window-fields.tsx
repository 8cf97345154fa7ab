// The time filters every log explorer has: a recent range, or from / to in UTC.
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

const RANGE_LABELS = { "1h": "Last hour", "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days", "90d": "Last 90 days" } as const;

/** `defaultRange`: the range read when none is given (the flow log always reads a bounded window), offered instead of "Any time". */
export function TimeWindowFields({ raw, errors, defaultRange }: { raw: Record<string, string | undefined>; errors: Record<string, string>; defaultRange?: keyof typeof RANGE_LABELS }) {
  const range = errors.range ? undefined : raw.range;
  return (
    <>
      <Field label="Time range" htmlFor="f-range" error={errors.range}>
        <Select {...fieldControlProps("f-range", { error: errors.range })} name="range" defaultValue={range ?? defaultRange ?? ""}>
          {defaultRange ? null : <option value="">Any time</option>}
          {Object.entries(RANGE_LABELS).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="From (UTC)" htmlFor="f-from" error={errors.from}>
        <Input {...fieldControlProps("f-from", { error: errors.from })} name="from" defaultValue={raw.from ?? ""} placeholder="2026-11-21T09:00" maxLength={40} />
      </Field>
      <Field label="To (UTC)" htmlFor="f-to" error={errors.to}>
        <Input {...fieldControlProps("f-to", { error: errors.to })} name="to" defaultValue={raw.to ?? ""} placeholder="2026-11-21" maxLength={40} />
      </Field>
    </>
  );
}
