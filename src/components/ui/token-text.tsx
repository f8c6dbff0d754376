import { type KeyboardEvent, type MouseEvent, type ReactNode, useId, useState } from 'react';
import type { TokenInfo } from './token-details.tsx';
import { type ShownToken, TokenSpans } from './token-spans.tsx';

export type TokenTextToken = ShownToken & TokenInfo;

/**
 * Text the model wrote, as a read-only text box of token spans (text, never HTML): hover a token, or focus the box
 * and use ←/→ (Home/End), to pick it; `onPick` receives the picked token (its logprob and alternatives).
 */
export function TokenText(p: {
  tokens: readonly TokenTextToken[];
  /** Text before the tokens (the prompt, or a reply being continued). */
  prefix?: string;
  prefixClass?: string;
  label: string;
  testId?: string;
  className?: string;
  onPick?(t: TokenTextToken | undefined): void;
  children?: ReactNode;
}) {
  const id = useId();
  const [active, setActive] = useState<number | undefined>(undefined);
  const pick = (i: number | undefined) => {
    setActive(i);
    p.onPick?.(i === undefined ? undefined : p.tokens[i]);
  };
  const onOver = (e: MouseEvent<HTMLDivElement>) => {
    const i = (e.target as HTMLElement).dataset.i;
    if (i !== undefined) pick(Number(i));
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const n = p.tokens.length;
    if (!n) return;
    if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      pick(e.key === 'Home' ? 0 : n - 1);
      return;
    }
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const d = e.key === 'ArrowRight' ? 1 : -1;
    pick(Math.max(0, Math.min(n - 1, (active ?? (d > 0 ? -1 : n)) + d)));
  };
  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: a read-only text box whose tokens are spans; a textarea cannot hold them */}
      <div
        className={p.className ? `token-text ${p.className}` : 'token-text'}
        data-testid={p.testId}
        role="textbox"
        aria-readonly="true"
        aria-multiline="true"
        aria-label={p.label}
        aria-describedby={`${id}-hint`}
        tabIndex={0}
        onMouseOver={onOver}
        onFocus={() => {
          if (active === undefined && p.tokens.length) pick(0);
        }}
        onKeyDown={onKey}
      >
        {p.prefix ? <span className={p.prefixClass}>{p.prefix}</span> : null}
        <span className="continuation">
          <TokenSpans tokens={p.tokens} active={active} />
        </span>
        {p.children}
      </div>
      <p id={`${id}-hint`} className="sr-only">
        Left and right arrow keys, Home and End move through the tokens and show each one's logprob.
      </p>
    </>
  );
}
