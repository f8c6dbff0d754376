// Server-sent events with the headers streaming clients and proxies need: first byte at once, keep-alive
// comments, no caching or transformation, and an AbortSignal that fires when the client goes away.
export interface SseStream {
  /** Sends one `data:` frame (JSON-encoded unless a string), with an optional `event:` line. */
  send(data: unknown, event?: string): void;
  /** Sends several frames in one write (one socket write per batch of tokens). */
  sendMany(frames: readonly { data: unknown; event?: string }[]): void;
  readonly signal: AbortSignal;
}

export const SSE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

export function sseResponse(
  run: (s: SseStream) => Promise<void>,
  opts: { keepAliveMs?: number; requestSignal?: AbortSignal; headers?: Record<string, string> } = {},
): Response {
  const ac = new AbortController();
  opts.requestSignal?.addEventListener('abort', () => ac.abort(), { once: true });
  const enc = new TextEncoder();
  let timer: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const write = (s: string) => {
        if (!open) return;
        try {
          controller.enqueue(enc.encode(s));
        } catch {
          open = false;
        }
      };
      write(': stream open\n\n');
      timer = setInterval(() => write(': ping\n\n'), opts.keepAliveMs ?? 15_000);
      const frame = (data: unknown, event?: string) =>
        `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
      const stream: SseStream = {
        send(data, event) {
          write(frame(data, event));
        },
        sendMany(frames) {
          if (frames.length) write(frames.map((f) => frame(f.data, f.event)).join(''));
        },
        signal: ac.signal,
      };
      run(stream)
        .catch(() => {})
        .finally(() => {
          clearInterval(timer);
          if (open) {
            open = false;
            try {
              controller.close();
            } catch {
              // already closed by the client
            }
          }
        });
    },
    cancel() {
      clearInterval(timer);
      ac.abort();
    },
  });
  return new Response(body, { status: 200, headers: { ...SSE_HEADERS, ...opts.headers } });
}
