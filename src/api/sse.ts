// Reads a fetch Response body as server-sent events (eventsource-parser does the framing; a streaming TextDecoder
// keeps multi-byte characters split across chunks intact). Yields each event with its arrival time.
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseEvent extends EventSourceMessage {
  /** performance.now() when the event's last byte arrived. */
  readonly receivedAt: number;
}

export async function* readSse(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const queue: SseEvent[] = [];
  const parser = createParser({
    onEvent(e) {
      queue.push({ ...e, receivedAt: performance.now() });
    },
  });
  try {
    for (;;) {
      if (signal?.aborted) return;
      const { value, done } = await reader.read();
      if (done) {
        parser.feed(`${decoder.decode()}\n\n`);
        yield* queue.splice(0);
        return;
      }
      parser.feed(decoder.decode(value, { stream: true }));
      yield* queue.splice(0);
    }
  } finally {
    reader.releaseLock();
  }
}
