// The detection settings form's fields as the settings' shape: lists one per line (or comma-
// separated), numbers as numbers. What cannot be read is named per field; the rest (ranges,
// formats) is the settings schema's to judge. Pure.
export const LIST_FIELDS = ["companyDomains", "expectedDeviceOwners", "sensitivePortAllowList"] as const;
export const NUMBER_FIELDS = [
  "portScan.windowMinutes",
  "portScan.distinctPorts",
  "portScan.distinctHosts",
  "volume.windowMinutes",
  "volume.factor",
  "volume.minBytes",
  "volume.minWindows",
  "newPort.learningHours",
  "newPort.maxPort",
  "failedChanges.windowMinutes",
  "failedChanges.threshold",
  "signInFailures.windowMinutes",
  "signInFailures.threshold",
] as const;

const items = (text: string) => text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);

export function settingsFromForm(form: FormData): { input: Record<string, unknown>; fieldErrors: Record<string, string[]> } {
  const input: Record<string, unknown> = {};
  const fieldErrors: Record<string, string[]> = {};
  const text = (name: string) => String(form.get(name) ?? "");
  input.notifyMinSeverity = text("notifyMinSeverity");
  for (const name of LIST_FIELDS) input[name] = items(text(name));
  const ports = items(text("sensitivePorts").replace(/\s+/g, ","));
  const bad = ports.filter((p) => !/^\d{1,5}$/.test(p));
  if (bad.length) fieldErrors.sensitivePorts = [`Not a port number: ${bad.slice(0, 3).join(", ")}. Give numbers from 1 to 65535.`];
  else input.sensitivePorts = [...new Set(ports.map(Number))];
  for (const name of NUMBER_FIELDS) {
    const [group, key] = name.split(".") as [string, string];
    const raw = text(name).trim().replace(/_/g, "");
    const value = Number(raw);
    if (!raw || !Number.isFinite(value)) {
      fieldErrors[name] = ["A number."];
      continue;
    }
    input[group] = { ...((input[group] as object | undefined) ?? {}), [key]: value };
  }
  return { input, fieldErrors };
}

/** The error of a field, list entries included (`sensitivePorts.3` is the list's). */
export function errorOf(fieldErrors: Record<string, string[]> | undefined, name: string): string | undefined {
  if (!fieldErrors) return undefined;
  const key = Object.keys(fieldErrors).find((k) => k === name || k.startsWith(`${name}.`));
  if (!key) return undefined;
  const index = key.slice(name.length + 1);
  const message = fieldErrors[key]![0];
  return index && /^\d+$/.test(index) ? `Entry ${Number(index) + 1}: ${message}` : message;
}
