// The window fields shared by the coverage pages: last 24 h / 7 d, or from/to in a time zone.
import { FilterButtons } from "@/components/logs/filter-form-parts";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export function WindowForm({ raw, errors, resetHref, extra }: { raw: Record<string, string | undefined>; errors: Record<string, string | undefined>; resetHref: string; extra?: React.ReactNode }) {
  return (
    <form method="get" className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" aria-label="Coverage window">
      <Field label="Range" htmlFor="w-range" error={errors.range}>
        <Select {...fieldControlProps("w-range", { error: errors.range })} name="range" defaultValue={raw.range ?? ""}>
          <option value="">Last 24 hours, or From and To</option>
          <option value="7d">Last 7 days</option>
        </Select>
      </Field>
      <Field label="From (local time)" htmlFor="w-from" error={errors.from}>
        <Input {...fieldControlProps("w-from", { error: errors.from })} name="from" type="datetime-local" defaultValue={raw.from ?? ""} />
      </Field>
      <Field label="To (local time)" htmlFor="w-to" error={errors.to}>
        <Input {...fieldControlProps("w-to", { error: errors.to })} name="to" type="datetime-local" defaultValue={raw.to ?? ""} />
      </Field>
      <Field label="Time zone" htmlFor="w-tz" error={errors.tz}>
        <Input {...fieldControlProps("w-tz", { error: errors.tz })} name="tz" defaultValue={raw.tz ?? "UTC"} maxLength={64} placeholder="Europe/Berlin" />
      </Field>
      {extra}
      <FilterButtons resetHref={resetHref} />
    </form>
  );
}
