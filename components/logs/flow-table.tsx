// Tailscale flow log entries as a table: the reporting node, the two ends named after their
// devices where known, and the traffic in both directions.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { FlowView } from "@/lib/logs/list-flows";
import { formatBytes } from "@/lib/logs/protocols";
import { LogTime } from "./log-time";

function Endpoint({ end }: { end: FlowView["src"] }) {
  if (!end.ip) return <span className="text-zinc-500">—</span>;
  const address = end.ip.includes(":") ? `[${end.ip}]` : end.ip;
  return (
    <>
      <span className="font-mono text-xs">
        {address}
        {end.port ? `:${end.port}` : ""}
      </span>
      {end.node ? (
        <Link href={`/devices/${encodeURIComponent(end.node.nodeId)}`} className="block max-w-40 truncate text-xs text-indigo-600 hover:underline dark:text-indigo-400">
          {end.node.name ?? end.node.nodeId}
        </Link>
      ) : null}
    </>
  );
}

function Traffic({ bytes, pkts }: { bytes: number; pkts: number }) {
  if (!bytes && !pkts) return <span className="text-zinc-500">0</span>;
  return (
    <span className="whitespace-nowrap" title={`${bytes} bytes, ${pkts} packets`}>
      {formatBytes(bytes)}
      <span className="block text-xs text-zinc-500">{pkts} pkt</span>
    </span>
  );
}

export function FlowTable({ flows, caption, showNode = true }: { flows: FlowView[]; caption: string; showNode?: boolean }) {
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <THead>
        <TR>
          <TH>Window start (UTC)</TH>
          {showNode ? <TH>Reported by</TH> : null}
          <TH>Kind</TH>
          <TH>Source</TH>
          <TH>Destination</TH>
          <TH className="text-right">Sent</TH>
          <TH className="text-right">Received</TH>
        </TR>
      </THead>
      <TBody>
        {flows.map((f) => (
          <TR key={`${f.windowStart}/${f.entryHash}`}>
            <TD>
              <LogTime iso={f.windowStart} />
            </TD>
            {showNode ? (
              <TD className="max-w-40">
                <Link href={`/devices/${encodeURIComponent(f.node.nodeId)}`} className="block truncate text-indigo-600 hover:underline dark:text-indigo-400" title={f.node.nodeId}>
                  {f.node.name ?? f.node.nodeId}
                </Link>
              </TD>
            ) : null}
            <TD>
              <Badge tone={f.kind === "EXIT" ? "warning" : f.kind === "PHYSICAL" ? "neutral" : "info"}>{f.kind.toLowerCase()}</Badge>
              {f.protocol ? <span className="mt-0.5 block font-mono text-xs text-zinc-500">{f.protocol}</span> : null}
            </TD>
            <TD>
              <Endpoint end={f.src} />
            </TD>
            <TD>
              <Endpoint end={f.dst} />
            </TD>
            <TD className="text-right">
              <Traffic bytes={f.txBytes} pkts={f.txPkts} />
            </TD>
            <TD className="text-right">
              <Traffic bytes={f.rxBytes} pkts={f.rxPkts} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
