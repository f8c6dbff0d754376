// A parsed JSON value as a collapsible tree: objects and arrays are native <details> (keyboard and screen-reader
// support come with them), open down to OPEN_DEPTH; keys, indexes and each kind of value styled apart (strings
// quoted with JSON's escapes). Styles: the `json-tree` block of src/app/app.css.

/** Containers this shallow start open (the root and its children). */
const OPEN_DEPTH = 2;

type Key = string | number | undefined;

function KeyLabel({ name }: { name: Key }) {
  if (name === undefined) return null;
  return (
    <>
      <span className={typeof name === 'number' ? 'json-index' : 'json-key'}>{name}</span>
      <span className="json-punct">: </span>
    </>
  );
}

function Scalar({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-boolean">{String(value)}</span>;
  if (value === null) return <span className="json-null">null</span>;
  return <span className="json-other">{String(value)}</span>;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function TreeNode({ name, value, depth }: { name: Key; value: unknown; depth: number }) {
  const isArray = Array.isArray(value);
  const entries: [string | number, unknown][] = isArray
    ? value.map((v, i): [number, unknown] => [i, v])
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
      : [];
  const container = isArray || (typeof value === 'object' && value !== null);
  if (!container || entries.length === 0)
    return (
      <li className="json-leaf">
        <KeyLabel name={name} />
        {container ? <span className="json-punct">{isArray ? '[]' : '{}'}</span> : <Scalar value={value} />}
      </li>
    );
  return (
    <li>
      <details open={depth < OPEN_DEPTH}>
        <summary>
          <KeyLabel name={name} />
          <span className="json-punct">{isArray ? '[ ]' : '{ }'}</span>{' '}
          <span className="json-count">
            {isArray ? count(entries.length, 'item', 'items') : count(entries.length, 'key', 'keys')}
          </span>
        </summary>
        <ul>
          {entries.map(([k, v]) => (
            <TreeNode key={k} name={k} value={v} depth={depth + 1} />
          ))}
        </ul>
      </details>
    </li>
  );
}

/** `value` as a tree in a group named `label`. */
export function JsonTree({ value, label }: { value: unknown; label: string }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls; this groups read-only content
    <div role="group" aria-label={label} className="json-tree">
      <ul>
        <TreeNode name={undefined} value={value} depth={0} />
      </ul>
    </div>
  );
}
