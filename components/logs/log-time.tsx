// A log timestamp in a table: UTC to the second, the full RFC 3339 time on hover and for machines.
export function LogTime({ iso }: { iso: string | null }) {
  if (!iso) return null;
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap font-mono text-xs">
      {iso.slice(0, 19).replace("T", " ")}
    </time>
  );
}
