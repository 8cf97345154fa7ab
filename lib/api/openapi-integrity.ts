// OpenAPI paths of the countersigned logs (lib/integrity): per-device coverage and the
// connections whose two sides did not agree.
import { MAX_PAIR_LIMIT, OUTCOMES, PAIR_PAGE_SIZE } from "@/lib/integrity/api-filters";
import { RANGES } from "@/lib/logs/filters";
import { errorResponses, json, nullableStr, nullableTime, query, str, time } from "./openapi-parts";

const timeParam = { type: "string", description: "2026-11-21 (a whole day, UTC), 2026-11-21T14:05 (UTC unless an offset is given) or RFC 3339" };
const nodeParam = query("node", { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" }, "Only this node id");
const side = {
  type: "object",
  properties: {
    address: str,
    port: { type: "integer" },
    nodeId: nullableStr,
    txPkts: { type: "number", description: "As this side reported it, summed over the bucket (windows split over buckets by overlap, so fractional)" },
    rxPkts: { type: "number" },
    txBytes: { type: "number" },
    rxBytes: { type: "number" },
  },
};

export const INTEGRITY_PATHS = {
  "/api/v1/integrity/devices": {
    get: {
      summary: "Per device: how much of its traffic its peers countersigned over a window (access: logs.read)",
      description:
        "Counts are connections per bucket (a connection: protocol and both ends' address and port). countersigned: both sides agree; mismatched: both logged, the counts disagree beyond the tolerance; silent: a peer logged it and this device did not; peerSilent: this device logged it and the peer did not; singleSided: subnet and exit entries, which have one side by nature. The window is 24 hours ending now by default, at most 31 days.",
      operationId: "listIntegrityDevices",
      parameters: [
        query("range", { type: "string", enum: Object.keys(RANGES) }, "A window ending at `to` or now (default 24h)"),
        query("from", timeParam, "Start (inclusive); wins over range"),
        query("to", timeParam, "End; a date includes that whole day"),
        nodeParam,
      ],
      responses: {
        "200": {
          description: "Devices with traffic in the window",
          content: json({
            type: "object",
            properties: {
              window: { type: "object", properties: { from: time, to: time } },
              checkedBuckets: { type: "integer", description: "Buckets of the window the verification has checked" },
              lastCheckedBucket: nullableTime,
              devices: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    nodeId: str,
                    name: nullableStr,
                    lastRecordAt: nullableTime,
                    buckets: { type: "integer" },
                    countersigned: { type: "integer" },
                    mismatched: { type: "integer" },
                    silent: { type: "integer" },
                    peerSilent: { type: "integer" },
                    singleSided: { type: "integer" },
                    countersignRate: { type: ["number", "null"], description: "countersigned / (countersigned + mismatched + silent + peerSilent)" },
                  },
                },
              },
            },
          }),
        },
        ...errorResponses("An unknown or repeated query parameter"),
      },
    },
  },
  "/api/v1/integrity/pairs": {
    get: {
      summary: "Connections whose two sides did not agree, per bucket, since a time (access: logs.read)",
      description: `Oldest first. "low" is the end with the smaller (address, port). Countersigned buckets are not stored and not listed. Pages of ${PAIR_PAGE_SIZE} by default; follow nextCursor.`,
      operationId: "listIntegrityPairs",
      parameters: [
        { ...query("since", timeParam, "Results for buckets from this time on"), required: true },
        query("outcome", { type: "string", enum: [...OUTCOMES] }),
        nodeParam,
        query("limit", { type: "integer", minimum: 1, maximum: MAX_PAIR_LIMIT }),
        query("cursor", str, "nextCursor of the previous page"),
      ],
      responses: {
        "200": {
          description: "A page of results",
          content: json({
            type: "object",
            properties: {
              results: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    bucket: time,
                    outcome: { type: "string", enum: [...OUTCOMES] },
                    proto: { type: "integer" },
                    low: side,
                    high: side,
                    silentNodeId: { ...nullableStr, description: "ONE_SIDED: the node with no record of the connection, when known" },
                  },
                },
              },
              nextCursor: nullableStr,
            },
          }),
        },
        ...errorResponses("An unknown or repeated query parameter"),
      },
    },
  },
};
