// Checks what an executed SAE snippet printed against the server's own answer to the same request (sae-reference.ts):
// curl the frames or JSON as they came; fetch its /sae/generate lines (each token's text and scores, a line per
// correction, then the text and one line per behavior) or the /v1 frames; the OpenAI clients the text, then the
// scores per behavior (a stream) or the summary lines (an answer). Scores are compared to two decimals. mechanex
// sends no seed, so only that it printed a text is checked.
import { expect } from 'vitest';
import { z } from 'zod';
import { saeResultSchema } from '../../../protocol/sae.ts';
import type { RequestObject } from '../../api/request-object.ts';
import { isObject } from '../policy-shape.ts';
import { routeOf, streamsResponse } from '../request-parts.ts';
import type { SnippetTarget } from '../types.ts';
import { at, printedFrames } from './printed-answer.ts';
import type { Readings, Reference } from './sae-reference.ts';

/** A printed score `0.93` (or `0.93*` inside a drift run) against the reading it stands for. */
function expectScore(printed: string, reading: { score: number; drift: boolean } | undefined, where: string): void {
  expect(reading, where).toBeDefined();
  expect(printed.endsWith('*'), where).toBe(reading?.drift);
  expect(Math.abs(Number.parseFloat(printed) - (reading?.score ?? Number.NaN)), where).toBeLessThanOrEqual(0.0051);
}

/** The summary lines both fetch and the OpenAI clients print, one per behavior of the reference, in order. */
function expectSummary(lines: string[], ref: Reference, where: string): void {
  expect(
    lines.map((l) => /^(\S+) \((monitor|forced)\): max score [0-9.]+/.exec(l)?.slice(1, 3)),
    where,
  ).toEqual(ref.behaviors.map((b) => [b.name, b.mode]));
}

/** fetch's /sae/generate stream: token and correction lines replayed into the text, then the text and summary. */
function expectFetchSaeStream(stdout: string, ref: Reference, where: string): void {
  const lines = stdout.split('\n');
  const blank = lines.indexOf('');
  let text = '';
  let token = 0;
  let corrections = 0;
  for (const line of lines.slice(0, blank)) {
    const cut = /^-- (\S+) drifted: text cut at token (\d+), attempt \d+ goes on from there$/.exec(line);
    if (cut) {
      expect(Number(cut[2]), where).toBe(ref.corrections[corrections++]?.index);
      text = text.slice(0, Number(cut[2]));
      continue;
    }
    if (line.startsWith('-- ')) {
      expect(ref.corrections[corrections++]?.action, where).toBe('give_up');
      continue;
    }
    const m = /^(".*")\t(.*)$/.exec(line);
    expect(m, `${where}: ${line}`).not.toBeNull();
    text += z.string().parse(JSON.parse(m?.[1] ?? '""'));
    const readings = ref.readings[token++] as Readings;
    const printed = (m?.[2] ?? '').split(' ').map((s) => s.split('='));
    expect(
      printed.map(([name]) => name),
      where,
    ).toEqual(Object.keys(readings));
    for (const [name, score] of printed) expectScore(score ?? '', readings[name ?? ''], where);
  }
  expect(token, where).toBe(ref.readings.length);
  expect(corrections, where).toBe(ref.corrections.length);
  expect(text, where).toBe(ref.text);
  const rest = lines.slice(blank + 1).join('\n');
  expect(rest.startsWith(`${ref.text}\n`), where).toBe(true);
  expectSummary(
    rest
      .slice(ref.text.length + 1)
      .split('\n')
      .slice(0, -1),
    ref,
    where,
  );
}

/** The OpenAI clients' stream: the text, then per behavior its score at each token. */
function expectScoreLines(stdout: string, ref: Reference, where: string): void {
  expect(stdout.startsWith(`${ref.text}\n`), where).toBe(true);
  const lines = stdout
    .slice(ref.text.length + 1)
    .split('\n')
    .slice(0, -1);
  const names = Object.keys(ref.readings[0] ?? {});
  expect(
    lines.map((l) => l.split(': ')[0]),
    where,
  ).toEqual(names);
  lines.forEach((line, i) => {
    const scores = line.slice(`${names[i]}: `.length).split(' ');
    expect(scores, where).toHaveLength(ref.readings.length);
    scores.forEach((s, t) => {
      expectScore(s, ref.readings[t]?.[names[i] ?? ''], where);
    });
  });
}

/** curl and fetch on a /v1 route: the frames or the answer as they came, with axionic's readings. */
function expectOpenAiFrames(target: SnippetTarget, req: RequestObject, stdout: string, ref: Reference, where: string) {
  const chat = routeOf(req) === 'chat';
  const names = ref.behaviors.map((b) => b.name);
  if (!streamsResponse(req)) {
    const answer = JSON.parse(stdout) as unknown;
    expect(at(answer, 'choices', 0, ...(chat ? ['message', 'content'] : ['text'])), where).toBe(ref.text);
    expect(
      (at(answer, 'axionic', 'behaviors') as { name: string }[]).map((b) => b.name),
      where,
    ).toEqual(names);
    return;
  }
  const frames = printedFrames(target, stdout);
  const text = frames.map((f) => at(f, 'choices', 0, ...(chat ? ['delta', 'content'] : ['text'])) ?? '').join('');
  expect(text, where).toBe(ref.text);
  const tokens = frames.flatMap((f) => {
    const t = at(f, 'axionic', 'tokens');
    return Array.isArray(t) ? t.filter(isObject) : [];
  });
  expect(tokens.length, where).toBe(ref.readings.length);
  const last = frames.findLast((f) => at(f, 'axionic', 'behaviors') !== undefined);
  expect(
    (at(last, 'axionic', 'behaviors') as { name: string }[]).map((b) => b.name),
    where,
  ).toEqual(names);
}

/** curl on /sae/generate: the frames as they came, or the JSON result. */
function expectCurlSae(target: SnippetTarget, req: RequestObject, stdout: string, ref: Reference, where: string): void {
  const names = ref.behaviors.map((b) => b.name);
  if (!streamsResponse(req)) {
    const result = saeResultSchema.parse(JSON.parse(stdout));
    expect(result.text, where).toBe(ref.text);
    expect(
      result.behaviors.map((b) => b.name),
      where,
    ).toEqual(names);
    return;
  }
  const frames = printedFrames(target, stdout) as Record<string, unknown>[];
  expect(frames[0]?.status, where).toBe('started');
  expect(frames.filter((f) => f.status === 'token').map((f) => Object.keys(f.behaviors as Readings))).toEqual(
    ref.readings.map((r) => Object.keys(r)),
  );
  expect(frames.at(-1)?.status, where).toBe('complete');
  expect(at(frames.at(-1), 'result', 'text'), where).toBe(ref.text);
}

export function expectSaePrinted(target: SnippetTarget, req: RequestObject, stdout: string, ref: Reference): void {
  const where = `${req.meta.path} × ${target.id}`;
  const sae = routeOf(req) === 'sae-generate';
  const stream = streamsResponse(req);
  if (target.id === 'python-mechanex') {
    // mechanex sends no seed: a text, not the reference's
    expect(stdout.trim().length, where).toBeGreaterThan(0);
  } else if (target.id === 'curl') {
    if (sae) expectCurlSae(target, req, stdout, ref, where);
    else expectOpenAiFrames(target, req, stdout, ref, where);
  } else if (target.id === 'javascript-fetch') {
    if (!sae) expectOpenAiFrames(target, req, stdout, ref, where);
    else if (stream) expectFetchSaeStream(stdout, ref, where);
    else {
      expect(stdout.startsWith(`${ref.text}\n`), where).toBe(true);
      expectSummary(
        stdout
          .slice(ref.text.length + 1)
          .split('\n')
          .slice(0, -1),
        ref,
        where,
      );
    }
  } else if (stream) expectScoreLines(stdout, ref, where);
  else {
    expect(stdout.startsWith(`${ref.text}\n`), where).toBe(true);
    expectSummary(
      stdout
        .slice(ref.text.length + 1)
        .split('\n')
        .slice(0, -1),
      ref,
      where,
    );
  }
}
