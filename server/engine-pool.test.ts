import { afterAll, describe, expect, it } from 'vitest';
import { modelPath } from '../engine/node/load-model.ts';
import { EnginePool, QueueFullError } from './engine-pool.ts';

const pool = new EnginePool({ modelPath: process.env.AXPLAY_MODEL ?? modelPath(), size: 1, maxQueue: 1 });
afterAll(() => pool.close());

const job = (maxTokens: number) => ({ prompt: 'It is', maxTokens, sampling: { temperature: 0.8 }, seed: 1 });

describe('engine pool', () => {
  it('runs jobs off the main thread and streams their tokens', async () => {
    await pool.ready();
    const seen: string[] = [];
    const r = await pool.run(job(12), { onToken: (t) => seen.push(t.text) });
    expect(seen.join('')).toBe(r.text);
    expect(r.completionTokens).toBe(12);
  });

  it('queues up to maxQueue, then refuses', async () => {
    const a = pool.run(job(400));
    const b = pool.run(job(5));
    expect(() => pool.run(job(5))).toThrow(QueueFullError);
    await Promise.all([a, b]);
  });

  it('an aborted queued job never runs; an aborted running job stops', async () => {
    const ac1 = new AbortController();
    const ac2 = new AbortController();
    const running = pool.run(job(4000), { signal: ac1.signal });
    const queued = pool.run(job(4000), { signal: ac2.signal });
    ac2.abort();
    await expect(queued).rejects.toThrow(/queued/);
    ac1.abort();
    const r = await running;
    expect(r.finishReason).toBe('abort');
    expect(r.completionTokens).toBeLessThan(4000);
  });

  it('replaces a worker that dies and keeps serving', async () => {
    const slots = (pool as unknown as { slots: { worker: { terminate(): Promise<number> } }[] }).slots;
    const dying = pool.run(job(4000));
    await new Promise((r) => setTimeout(r, 50));
    await slots[0]?.worker.terminate();
    await expect(dying).rejects.toThrow(/worker failed/);
    const r = await pool.run(job(5));
    expect(r.completionTokens).toBe(5);
  });
});
