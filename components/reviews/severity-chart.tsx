"use client";
// Alerts raised in a review's period by severity; the figures are also written out beside it.
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const COLORS: Record<string, string> = { INFO: "#a1a1aa", LOW: "#6366f1", MEDIUM: "#f59e0b", HIGH: "#ef4444", CRITICAL: "#991b1b" };

export function SeverityChart({ counts }: { counts: Record<string, number> }) {
  const data = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"].map((s) => ({ severity: s.charAt(0) + s.slice(1).toLowerCase(), key: s, count: counts[s] ?? 0 }));
  const total = data.reduce((n, d) => n + d.count, 0);
  return (
    <div className="h-40 w-full text-zinc-500 dark:text-zinc-400" role="img" aria-label={`Alerts raised in the period by severity: ${data.map((d) => `${d.severity} ${d.count}`).join(", ")}; ${total} in all.`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
          <XAxis dataKey="severity" tick={{ fill: "currentColor", fontSize: 11 }} stroke="currentColor" />
          <YAxis allowDecimals={false} tick={{ fill: "currentColor", fontSize: 11 }} stroke="currentColor" width={40} />
          <Tooltip contentStyle={{ fontSize: 12 }} cursor={{ fillOpacity: 0.08 }} />
          <Bar dataKey="count" name="Alerts" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.key} fill={COLORS[d.key]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
