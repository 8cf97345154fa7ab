"use client";
// The case page's sections as tabs (lib/cases/case-tabs.ts), the current one marked for
// assistive technology with aria-current.
import { usePathname } from "next/navigation";
import { TabLink, TabNav } from "@/components/ui/tabs";
import { CASE_TABS, caseHref } from "@/lib/cases/case-tabs";

export function CaseTabNav({ reference }: { reference: string }) {
  const pathname = usePathname();
  return (
    <TabNav label="Case sections" className="mb-6">
      {CASE_TABS.map((tab) => {
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
