import { Badge } from "@/components/ui/badge";
import type { PostureLevel } from "@/lib/integrity/posture";

const TONE = { green: "success", amber: "warning", red: "danger" } as const;
const TEXT = { green: "Good", amber: "Check", red: "Bad" } as const;

export function PostureBadge({ level }: { level: PostureLevel }) {
  return <Badge tone={TONE[level]} data-level={level}>{TEXT[level]}</Badge>;
}
