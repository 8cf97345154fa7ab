// Whether the page's scripts have taken over. The case forms submit through React (so a refused
// submission keeps what was typed); before that, a click would submit the form natively and
// reload the page, so their buttons wait until then.
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
