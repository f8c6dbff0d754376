// The contrast pairs of a create dialog (a steering vector, a behavior): "Pairs (JSONL)" with its hint and the
// problems of each line, "Upload JSONL" (a file's text replaces the field; a file that cannot be read is said in
// words) and "Example".
import { type ReactNode, useId, useState } from 'react';

const MAX_SHOWN_ERRORS = 8;

export interface PairsFieldProps {
  readonly text: string;
  onText(text: string): void;
  /** Under the field: what a line holds, and how many pairs are ready. */
  readonly hint: ReactNode;
  /** The problems, each naming its line. */
  readonly errors: readonly string[];
  onExample(): void;
}

export function PairsField({ text, onText, hint, errors, onExample }: PairsFieldProps) {
  const id = useId();
  const [fileError, setFileError] = useState<string | null>(null);
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      onText(await file.text());
      setFileError(null);
    } catch (e) {
      setFileError(`Could not read ${file.name}: ${(e as Error).message}`);
    }
  };
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-pairs`}>Pairs (JSONL)</label>
        <textarea
          id={`${id}-pairs`}
          className="pairs-input"
          rows={8}
          spellCheck={false}
          value={text}
          onChange={(e) => onText(e.target.value)}
          aria-invalid={errors.length > 0}
          aria-describedby={`${id}-pairs-hint ${id}-pairs-errors`}
        />
        <p className="hint" id={`${id}-pairs-hint`}>
          {hint}
        </p>
        <ul className="field-error pairs-errors" id={`${id}-pairs-errors`} aria-label="Problems in the pairs">
          {errors.slice(0, MAX_SHOWN_ERRORS).map((e) => (
            <li key={e}>{e}</li>
          ))}
          {errors.length > MAX_SHOWN_ERRORS && <li>…and {errors.length - MAX_SHOWN_ERRORS} more</li>}
        </ul>
      </div>
      <div className="row">
        <label htmlFor={`${id}-file`} className="file-label">
          Upload JSONL
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".jsonl,.json,.txt,application/jsonl,application/json,text/plain"
          onChange={(e) => {
            void readFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <button type="button" onClick={onExample}>
          Example
        </button>
      </div>
      {fileError && (
        <p className="field-error" role="alert">
          {fileError}
        </p>
      )}
    </>
  );
}
