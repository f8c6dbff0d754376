// Watches a relayed response body: if the upstream sends nothing for `idleMs`, the relay gives up on it. A stream
// (text/event-stream) then gets one last error frame in the shape its route uses — an OpenAI error chunk and
// [DONE] on /v1 routes, a `status: "error"` frame on native ones — so the client learns why it ended; any other
// body is cut off (its status line has long been sent).
import type { StreamKind } from '../protocol/routes.ts';

export function stallFrame(kind: StreamKind, message: string): string {
  if (kind === 'native' || kind === 'native-on-request')
    return `data: ${JSON.stringify({ status: 'error', message, code: 'upstream_timeout', http_status: 504 })}\n\n`;
  const chunk = { error: { message, type: 'server_error', code: 'upstream_timeout', param: null } };
  return `data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`;
}

export function watchIdle(
  body: ReadableStream<Uint8Array>,
  o: { idleMs: number; sse: boolean; kind: StreamKind; message: string; onStall(): void },
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      return new Promise<void>((resolve) => {
        let settled = false;
        timer = setTimeout(() => {
          if (settled) return;
          settled = true;
          o.onStall();
          void reader.cancel().catch(() => {});
          if (o.sse) controller.enqueue(new TextEncoder().encode(stallFrame(o.kind, o.message)));
          if (o.sse) controller.close();
          else controller.error(new Error(o.message));
          resolve();
        }, o.idleMs);
        reader.read().then(
          ({ value, done }) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            if (done) controller.close();
            else controller.enqueue(value);
            resolve();
          },
          (e: unknown) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            controller.error(e);
            resolve();
          },
        );
      });
    },
    cancel(reason) {
      clearTimeout(timer);
      return reader.cancel(reason);
    },
  });
}
