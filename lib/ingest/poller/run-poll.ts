import "server-only";
// The Tailscale API poller job (configuration and network logs). Built in lib/ingest/poller.
export async function runTailscalePoll(): Promise<void> {
  // Replaced by the poller implementation.
}
