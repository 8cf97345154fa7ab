// A dynamic route segment as the node id it names: Next.js hands some segments over still
// percent-encoded, and a stray % must not turn into a 500.
export function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
