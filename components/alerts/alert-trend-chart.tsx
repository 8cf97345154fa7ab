"use client";
// Alerts raised per day over the last two weeks, stacked by severity. Each severity has its own
// colour and its own name in the legend and tooltip; the figures are also in a table for those
// who cannot see the chart.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { SEVERITIES, SEVERITY_LABELS } from "@/lib/detections/severity";
import type { DayCounts } from "@/lib/alerts/count-alerts-by-day";

const COLORS = { INFO: "#a1a1aa", LOW: "#6366f1", MEDIUM: "#f59e0b", HIGH: "#ef4444", CRITICAL: "#991b1b" } as const;

const dayLabel = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

export function AlertTrendChart({ days }: { days: DayCounts[] }) {
  const total = days.reduce((n, d) => n + SEVERITIES.reduce((m, s) => m + d[s], 0), 0);
  return (
    <figure className="min-w-0">
      <div className="h-44 w-full text-zinc-500 dark:text-zinc-400" role="img" aria-label={`Alerts raised per day over the last ${days.length} days, by severity: ${total} in all. The figures are in the table below.`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={days} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
            <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
            <XAxis dataKey="day" tickFormatter={dayLabel} tick={{ fill: "currentColor", fontSize: 11 }} stroke="currentColor" minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fill: "currentColor", fontSize: 11 }} stroke="currentColor" width={40} />
            <Tooltip labelFormatter={(d) => dayLabel(String(d))} contentStyle={{ fontSize: 12 }} cursor={{ fillOpacity: 0.08 }} />
            <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
            {SEVERITIES.map((s) => (
              <Bar key={s} dataKey={s} name={SEVERITY_LABELS[s]} stackId="severity" fill={COLORS[s]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        <summary className="cursor-pointer">Figures</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="text-left">
            <caption className="sr-only">Alerts raised per day and severity</caption>
            <thead>
              <tr>
                <th scope="col" className="pr-3">Day (UTC)</th>
                {SEVERITIES.map((s) => (
                  <th key={s} scope="col" className="pr-3">{SEVERITY_LABELS[s]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day}>
                  <th scope="row" className="pr-3 font-mono font-normal">{d.day}</th>
                  {SEVERITIES.map((s) => (
                    <td key={s} className="pr-3">{d[s]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
