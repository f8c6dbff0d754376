import { useId, useState } from 'react';
import { CopyButton } from '../../components/ui/copy-button.tsx';
import type { TokenInfo } from '../../components/ui/token-details.tsx';
import { TokenText } from '../../components/ui/token-text.tsx';
import type { DraftMessage } from '../../store/draft.ts';
import { useStore } from '../../store/store.ts';

export interface MessageActions {
  onRegenerate(id: string): void;
  onContinue(id: string): void;
  /** Whether Continue is possible on this target, and why not. */
  continueState: { ok: boolean; reason?: string };
  /** Whether a run is in progress (actions that start one wait). */
  busy: boolean;
}

const ROLE_NAMES = { system: 'System', user: 'User', assistant: 'Assistant' } as const;

/** One message of the conversation: its text (the streamed reply as tokens), versions, and its actions. */
export function MessageItem({
  m,
  index,
  last,
  actions,
  onPick,
}: {
  m: DraftMessage;
  index: number;
  last: boolean;
  actions: MessageActions;
  onPick(t: TokenInfo | undefined): void;
}) {
  const id = useId();
  const update = useStore((s) => s.updateMessage);
  const remove = useStore((s) => s.deleteMessage);
  const showVersion = useStore((s) => s.showVersion);
  const run = useStore((s) => (m.runId ? s.runs[m.runId] : undefined));
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const streaming = run?.status === 'running';
  const versions = m.versions ?? [];
  const version = m.version ?? 0;
  const isReply = m.role === 'assistant';
  const label = `${ROLE_NAMES[m.role]} message ${index + 1}`;
  const canContinue = isReply && last && !streaming;
  // the reply's tokens (with their logprobs) are shown while they match its text: streaming, or as the run left it
  const tokenText = run ? run.tokens.map((t) => t.text).join('') : '';
  const prefix = streaming ? m.streamPrefix : m.content.slice(0, m.content.length - tokenText.length);
  const tokensFit =
    run !== undefined && run.tokens.length > 0 && (streaming || m.content === (prefix ?? '') + tokenText);
  return (
    <li className={`message message-${m.role}`} aria-label={label}>
      <div className="message-head">
        <span className="role">{ROLE_NAMES[m.role]}</span>
        {versions.length > 1 && (
          <span className="versions">
            <button
              type="button"
              className="icon"
              onClick={() => showVersion(m.id, version - 1)}
              disabled={version === 0 || streaming}
            >
              Previous version
            </button>
            <span aria-live="polite">
              {version + 1} / {versions.length}
            </span>
            <button
              type="button"
              className="icon"
              onClick={() => showVersion(m.id, version + 1)}
              disabled={version >= versions.length - 1 || streaming}
            >
              Next version
            </button>
          </span>
        )}
        <span className="spacer" />
        {!streaming && editing === undefined && (
          <span className="message-actions">
            <CopyButton label="Copy" text={m.content} />
            <button type="button" onClick={() => setEditing(m.content)}>
              Edit
            </button>
            <button type="button" onClick={() => remove(m.id)}>
              Delete
            </button>
            {isReply && (
              <button type="button" onClick={() => actions.onRegenerate(m.id)} disabled={actions.busy}>
                Regenerate
              </button>
            )}
            {canContinue && (
              <button
                type="button"
                onClick={() => actions.onContinue(m.id)}
                disabled={actions.busy || !actions.continueState.ok}
                aria-describedby={actions.continueState.ok ? undefined : `${id}-cont`}
              >
                Continue
              </button>
            )}
          </span>
        )}
      </div>
      {editing !== undefined ? (
        <div className="message-edit">
          <label className="sr-only" htmlFor={`${id}-edit`}>
            Edit {label}
          </label>
          <textarea
            id={`${id}-edit`}
            rows={Math.min(12, Math.max(3, editing.split('\n').length + 1))}
            value={editing}
            onChange={(e) => setEditing(e.target.value)}
          />
          <div className="row">
            <button
              type="button"
              className="primary"
              onClick={() => {
                const versionsNow = m.versions ? m.versions.map((v, j) => (j === version ? editing : v)) : undefined;
                update(m.id, { content: editing, versions: versionsNow, runId: undefined, notice: undefined });
                setEditing(undefined);
              }}
            >
              Save
            </button>
            <button type="button" onClick={() => setEditing(undefined)}>
              Cancel
            </button>
          </div>
        </div>
      ) : run && tokensFit ? (
        <TokenText
          tokens={run.tokens}
          prefix={prefix}
          label={label}
          testId={isReply ? 'reply' : undefined}
          className="message-text"
          onPick={onPick}
        >
          {streaming && <span className="caret" aria-hidden="true" />}
        </TokenText>
      ) : (
        <div className="message-text plain" data-testid={isReply ? 'reply' : undefined}>
          {m.content ||
            (streaming ? (
              <span className="hint">Waiting for the first token…</span>
            ) : (
              <span className="hint">(empty)</span>
            ))}
        </div>
      )}
      {m.notice && <p className={/^Stopped/.test(m.notice) ? 'notice' : 'notice notice-error'}>{m.notice}</p>}
      {canContinue && !actions.continueState.ok && (
        <p className="hint" id={`${id}-cont`}>
          {actions.continueState.reason}
        </p>
      )}
    </li>
  );
}
