"use client";
// The case page's sections as tabs (lib/cases/case-tabs.ts), the current one marked for
// assistive technology with aria-current.
import { usePathname } from "next/navigation";
import { TabLink, TabNav } from "@/components/ui/tabs";
import { CASE_TABS, caseHref, type CaseTabSegment } from "@/lib/cases/case-tabs";

/** `hide`: sections the viewer may not open (the Coverage tab needs permission to read the logs). */
export function CaseTabNav({ reference, hide = [] }: { reference: string; hide?: CaseTabSegment[] }) {
  const pathname = usePathname();
  return (
    <TabNav label="Case sections" className="mb-6">
      {CASE_TABS.filter((tab) => !hide.includes(tab.segment)).map((tab) => {
        const href = caseHref(reference, tab.segment);
        return (
          <TabLink key={tab.segment || "overview"} href={href} active={pathname === href || decodeURIComponent(pathname) === decodeURIComponent(href)}>
            {tab.label}
          </TabLink>
        );
      })}
    </TabNav>
  );
}
