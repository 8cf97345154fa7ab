"use client";
// Plays a Tailscale SSH session recording in the page with asciinema-player (from the npm
// package: no network beyond this app). A search result elsewhere on the page seeks it by
// dispatching `evidence:seek` with { evidenceId, at }.
import { useEffect, useRef, useState } from "react";
import "asciinema-player/dist/bundle/asciinema-player.css";

export const SEEK_EVENT = "evidence:seek";
export type SeekDetail = { evidenceId: string; at: number };

export function CastPlayer({ evidenceId, src, cols, rows }: { evidenceId: string; src: string; cols?: number; rows?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let disposed = false;
    let player: { seek: (at: number) => Promise<unknown>; dispose: () => void; play: () => Promise<unknown> } | null = null;
    const onSeek = (event: Event) => {
      const detail = (event as CustomEvent<SeekDetail>).detail;
      if (detail?.evidenceId !== evidenceId || !player) return;
      void player.seek(detail.at);
      box.current?.scrollIntoView({ block: "center", behavior: "smooth" });
    };
    import("asciinema-player")
      .then((AsciinemaPlayer) => {
        if (disposed || !box.current) return;
        player = AsciinemaPlayer.create({ url: src, fetchOpts: { credentials: "same-origin" } }, box.current, { cols, rows, fit: "width", idleTimeLimit: 2, terminalFontSize: "small" });
        window.addEventListener(SEEK_EVENT, onSeek);
      })
      .catch((e: unknown) => setError(`The player could not start: ${(e as Error).message}`));
    return () => {
      disposed = true;
      window.removeEventListener(SEEK_EVENT, onSeek);
      player?.dispose();
    };
  }, [evidenceId, src, cols, rows]);

  return (
    <div>
      <div ref={box} className="cast-player overflow-hidden rounded-md" data-evidence-player={evidenceId} aria-label="Session recording player" />
      {error ? <p role="alert" className="mt-2 text-xs text-red-600 dark:text-red-400">{error}</p> : null}
    </div>
  );
}
