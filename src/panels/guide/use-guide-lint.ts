// Lints the constraint being edited (debounced, in a worker, with the server's own compiler) and keeps the last
// report in the store, keyed by what it checked, so the Run bar can refuse a constraint the local server would.
import { useCallback, useEffect, useRef, useState } from 'react';
import { lintInWorker } from '../../guide/lint/lint-client.ts';
import type { LintInput, LintReport } from '../../guide/lint/types.ts';
import { guideCheckKey, lintRoute } from '../../store/guide-check.ts';
import { useStore } from '../../store/store.ts';

export interface GuideLintState {
  readonly report?: LintReport;
  readonly pending: boolean;
  /** The input the report is about (for the sample preview). */
  readonly input?: LintInput;
  /** Lints on the hosted and custom targets are warnings: that runtime may accept more or less than ours. */
  readonly advisory: boolean;
  /** Lints now (the Validate button). */
  validate(): void;
}

const DEBOUNCE_MS = 250;

export function useGuideLint(): GuideLintState {
  const guide = useStore((s) => s.draft.guide);
  const maxTokens = useStore((s) => s.draft.params.max_tokens);
  const target = useStore((s) => s.target);
  const check = useStore((s) => s.guideCheck);
  const setGuideCheck = useStore((s) => s.setGuideCheck);
  const [pending, setPending] = useState(false);
  const seq = useRef(0);
  const mode = useStore((s) => s.draft.mode);
  const key = guideCheckKey(guide, maxTokens, mode);
  const input: LintInput | undefined =
    guide.kind === 'none' || guide.kind === 'policy'
      ? undefined
      : { kind: guide.kind, text: guide.texts[guide.kind], maxTokens, route: lintRoute(guide, mode) };
  const inputKey = input ? JSON.stringify(input) : undefined;

  // the latest input and key, read when the debounced lint fires (or Validate is pressed)
  const latest = useRef({ input, key });
  latest.current = { input, key };
  const lint = useCallback(() => {
    const { input: now, key: nowKey } = latest.current;
    if (!now || !nowKey) return;
    const n = ++seq.current;
    setPending(true);
    void lintInWorker(now).then((report) => {
      if (n !== seq.current) return;
      setPending(false);
      setGuideCheck({ key: nowKey, report });
    });
  }, [setGuideCheck]);

  useEffect(() => {
    if (!inputKey) return;
    const t = setTimeout(lint, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [inputKey, lint]);

  const current = check && check.key === key ? check.report : undefined;
  return { report: current, pending, input, advisory: target !== 'local', validate: lint };
}
