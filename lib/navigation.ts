// The signed-in navigation: each role sees only what it can use.
import { can, type Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";

export type NavItem = {
  href: string;
  label: string;
  icon: "home" | "user" | "users" | "scroll" | "inbox" | "flag" | "bell" | "settings" | "network" | "server" | "activity" | "plug" | "siren" | "shield" | "review" | "briefcase" | "integrity";
  permission?: Permission;
};

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Home", icon: "home" },
  { href: "/alerts", label: "Alerts", icon: "siren", permission: "alerts.read" },
  { href: "/cases", label: "Cases", icon: "briefcase", permission: "cases.access" },
  { href: "/review", label: "COO review", icon: "review", permission: "disclosure.approve" },
  { href: "/rules", label: "Rules", icon: "shield", permission: "alerts.read" },
  { href: "/reports", label: "My reports", icon: "flag", permission: "reports.create" },
  { href: "/triage", label: "Report inbox", icon: "inbox", permission: "reports.triage" },
  { href: "/logs/audit", label: "Config log", icon: "settings", permission: "logs.read" },
  { href: "/logs/flows", label: "Flow log", icon: "network", permission: "logs.read" },
  { href: "/devices", label: "Devices", icon: "server", permission: "logs.read" },
  { href: "/integrity", label: "Log integrity", icon: "integrity", permission: "logs.read" },
  { href: "/reviews", label: "Log review", icon: "review", permission: "logs.read" },
  { href: "/ingest", label: "Ingest", icon: "activity", permission: "ingest.status" },
  { href: "/admin/users", label: "Users", icon: "users", permission: "users.manage" },
  { href: "/admin/notifications", label: "Notifications", icon: "bell", permission: "settings.manage" },
  { href: "/admin/ingest", label: "Log sources", icon: "plug", permission: "settings.manage" },
  { href: "/admin/audit", label: "Audit trail", icon: "scroll", permission: "audit.view" },
  { href: "/account", label: "Account", icon: "user" },
];

export function navigationFor(viewer: Viewer): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || can(viewer, item.permission));
}
