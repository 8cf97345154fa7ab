"use client";
// Records per minute over the last hour, as a small bar chart; the numbers are also given as
// text for screen readers.
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type Point = { minute: string; records: number };

const time = (iso: string) => iso.slice(11, 16);

export function RecordsChart({ points, label }: { points: Point[]; label: string }) {
  const total = points.reduce((n, p) => n + p.records, 0);
  const peak = points.reduce((n, p) => Math.max(n, p.records), 0);
  const summary = `${label}: ${total} records in the last hour, at most ${peak} in one minute.`;
  return (
    <figure className="m-0">
      <figcaption className="sr-only">{summary}</figcaption>
      <div aria-hidden="true" className="h-20 w-full text-indigo-500 dark:text-indigo-400">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 4, right: 16, bottom: 0, left: 16 }} barCategoryGap={1}>
            <XAxis dataKey="minute" tickFormatter={time} interval={14} tick={{ fontSize: 10, fill: "#71717a" }} tickLine={false} axisLine={false} />
            <YAxis hide allowDecimals={false} domain={[0, (max: number) => Math.max(1, max)]} />
            <Tooltip
              cursor={{ fill: "rgba(99,102,241,0.12)" }}
              formatter={(value) => [`${value} records`, "per minute"]}
              labelFormatter={(label) => `${time(String(label))} UTC`}
              contentStyle={{ fontSize: 12, borderRadius: 6 }}
            />
            <Bar dataKey="records" fill="currentColor" radius={[2, 2, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
