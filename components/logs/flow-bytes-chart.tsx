"use client";
// Bytes sent and received over the flow explorer's window, one point per bucket. Sent is a solid
// line and received a dashed one, so the two differ by more than colour; the figures are also
// in a table below the chart for those who cannot see it.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { bucketLabel, type BucketPoint } from "@/lib/logs/flow-buckets";
import { formatBytes } from "@/lib/logs/protocols";

const SENT = "#6366f1"; // indigo-500: readable on white and on zinc-900
const RECEIVED = "#10b981"; // emerald-500

function ChartTooltip({ active, payload, bucketSeconds }: Pick<TooltipContentProps, "active" | "payload"> & { bucketSeconds: number }) {
  if (!active || !payload?.length) return null;
  const point = payload[0]!.payload as BucketPoint;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs shadow-sm dark:border-zinc-700 dark:bg-zinc-900">
      <p className="mb-1 font-mono">{bucketLabel(point.start, bucketSeconds, true)} UTC</p>
      <p>Sent: {formatBytes(point.txBytes)}</p>
      <p>Received: {formatBytes(point.rxBytes)}</p>
    </div>
  );
}

export function FlowBytesChart({ points, bucketSeconds, label }: { points: BucketPoint[]; bucketSeconds: number; label: string }) {
  return (
    <div className="h-60 w-full text-zinc-500 dark:text-zinc-400" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
          <XAxis dataKey="start" tickFormatter={(v: string) => bucketLabel(v, bucketSeconds)} tick={{ fill: "currentColor", fontSize: 11 }} stroke="currentColor" minTickGap={24} />
          <YAxis tickFormatter={(v: number) => formatBytes(v)} tick={{ fill: "currentColor", fontSize: 11 }} stroke="currentColor" width={64} />
          <Tooltip content={({ active, payload }) => <ChartTooltip active={active} payload={payload} bucketSeconds={bucketSeconds} />} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line type="linear" dataKey="txBytes" name="Sent" stroke={SENT} strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="linear" dataKey="rxBytes" name="Received" stroke={RECEIVED} strokeWidth={2} strokeDasharray="6 3" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
