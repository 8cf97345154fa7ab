import "server-only";
// The node inventory learnt from flow logs: search, status (reporting, quiet, seen only by
// peers), most recently seen first.
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import type { NodeSighting } from "@/lib/ingest/records";
import { getIngestSettings } from "@/lib/ingest/settings";
import { deviceStatus, quietBoundary } from "./device-status";
import type { DeviceFilter, DeviceStatus } from "./filters";

export const DEVICE_PAGE_SIZE = 50;

export type DeviceView = Pick<NodeSighting, "nodeId" | "name" | "addresses" | "os" | "userLogin" | "tags"> & {
  firstSeenAt: string;
  lastSeenAt: string;
  lastRecordAt: string | null;
  lastReceivedAt: string | null;
  status: DeviceStatus;
};

type DeviceRecord = Prisma.DeviceGetPayload<object>;

export function toDeviceView(d: DeviceRecord, quietAfterMinutes: number, now: Date): DeviceView {
  return {
    nodeId: d.nodeId,
    name: d.name,
    addresses: d.addresses,
    os: d.os,
    userLogin: d.userLogin,
    tags: d.tags,
    firstSeenAt: d.firstSeenAt.toISOString(),
    lastSeenAt: d.lastSeenAt.toISOString(),
    lastRecordAt: d.lastRecordAt?.toISOString() ?? null,
    lastReceivedAt: d.lastReceivedAt?.toISOString() ?? null,
    status: deviceStatus(d.lastRecordAt, quietAfterMinutes, now),
  };
}

function statusWhere(status: DeviceStatus | undefined, boundary: Date): Prisma.DeviceWhereInput {
  if (status === "peer-only") return { lastRecordAt: null };
  if (status === "quiet") return { lastRecordAt: { lt: boundary } };
  if (status === "reporting") return { lastRecordAt: { gte: boundary } };
  return {};
}

export async function listDevices({ viewer, filter, now = new Date() }: { viewer: Viewer; filter: DeviceFilter; now?: Date }) {
  assertCan(viewer, "logs.read");
  const { quietAfterMinutes } = await getIngestSettings();
  const page = filter.page ?? 1;
  const q = filter.q;
  const where: Prisma.DeviceWhereInput = {
    AND: [
      statusWhere(filter.status, quietBoundary(quietAfterMinutes, now)),
      q
        ? {
            OR: [
              { nodeId: { contains: q, mode: "insensitive" } },
              { name: { contains: q, mode: "insensitive" } },
              { userLogin: { contains: q, mode: "insensitive" } },
              { os: { equals: q, mode: "insensitive" } },
              { addresses: { has: q } },
              { tags: { has: q } },
              { tags: { has: `tag:${q}` } },
            ],
          }
        : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db.device.findMany({ where, orderBy: [{ lastSeenAt: "desc" }, { nodeId: "asc" }], skip: (page - 1) * DEVICE_PAGE_SIZE, take: DEVICE_PAGE_SIZE }),
    db.device.count({ where }),
  ]);
  return { devices: rows.map((d) => toDeviceView(d, quietAfterMinutes, now)), total, page, pageSize: DEVICE_PAGE_SIZE, quietAfterMinutes };
}
