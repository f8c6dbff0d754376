import { visibleToken } from './visible-token.ts';

/** A token with its logprob and top alternatives (the model's own distribution). */
export interface TokenInfo {
  readonly text: string;
  readonly logprob?: number;
  readonly top?: readonly { token: string; logprob: number }[];
}

const show = visibleToken;
const pct = (lp: number) => `${(Math.exp(lp) * 100).toFixed(1)}%`;

/** The logprob of the hovered (or focused) token and its top alternatives. */
export function TokenDetails({ token }: { token?: TokenInfo }) {
  if (!token)
    return (
      <div className="token-info">Hover a token, or focus the output and use the arrow keys, to see its logprob.</div>
    );
  return (
    <div className="token-info" data-testid="token-details" aria-live="polite">
      <div>
        Token <code>{show(token.text)}</code>
        {token.logprob !== undefined ? (
          <>
            {' '}
            logprob <b>{token.logprob.toFixed(3)}</b> ({pct(token.logprob)})
          </>
        ) : (
          ' (no logprobs: set “Alternatives per token” above 0)'
        )}
      </div>
      {token.top && token.top.length > 0 && (
        <table>
          <caption className="sr-only">Top alternatives</caption>
          <tbody>
            {token.top.map((a) => (
              <tr key={a.token}>
                <td>
                  <code>{show(a.token)}</code>
                </td>
                <td>{a.logprob.toFixed(3)}</td>
                <td>{pct(a.logprob)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
