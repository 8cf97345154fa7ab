// A rule's guidance, as the alert page and the rule page show it: the runbook's steps, the
// references and the MITRE ATT&CK tags (linked to attack.mitre.org).
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { mitreTacticUrl, mitreTechniqueUrl, type RuleMeta } from "@/lib/alerts/rule-meta";

const link = "text-indigo-600 hover:underline dark:text-indigo-400";
const heading = "mb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase";

export function RunbookCard({ rule }: { rule: Pick<RuleMeta, "runbook" | "references" | "mitre"> }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Runbook</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4 pb-5 text-sm">
        <ol className="list-decimal space-y-1.5 pl-5">
          {rule.runbook.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        {rule.references.length ? (
          <div>
            <h3 className={heading}>References</h3>
            <ul className="space-y-1">
              {rule.references.map((r) => (
                <li key={r} className="break-all">
                  <a href={r} className={link} rel="noreferrer noopener" target="_blank">{r}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {rule.mitre.length ? (
          <div>
            <h3 className={heading}>MITRE ATT&amp;CK</h3>
            <ul className="flex flex-wrap gap-2">
              {rule.mitre.map((m) => (
                <li key={m.tag}>
                  <Badge tone="info">
                    <a href={mitreTacticUrl(m.tactic)} rel="noreferrer noopener" target="_blank" className="hover:underline">{m.tactic}</a>
                    <span aria-hidden>·</span>
                    <a href={mitreTechniqueUrl(m.technique)} rel="noreferrer noopener" target="_blank" className="hover:underline">{m.technique}</a>
                  </Badge>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
