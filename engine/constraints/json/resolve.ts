// $ref resolution inside one schema document: JSON pointers (`#/definitions/a`), anchors (`$anchor`, or an `$id`
// / draft-04 `id` of the form `#name`), and `$id`-based URIs relative to the enclosing base. Every subschema gets
// one canonical pointer for messages. References outside the document (remote schemas) are refused.
import type { Draft } from './drafts.ts';
import { childPointer, SchemaError, showPointer } from './schema-error.ts';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type SchemaObject = { readonly [k: string]: Json };
export type Schema = boolean | SchemaObject;

/** Keywords whose value is a schema, a list of schemas, or a map of schemas (where $ids and anchors can hide). */
const SCHEMA_VALUED = new Set([
  'additionalProperties',
  'additionalItems',
  'items',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
]);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items']);
const SCHEMA_MAPS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'dependencies',
]);

const isObject = (v: unknown): v is SchemaObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Joins a reference with a base URI (enough for ids within one document: absolute, path-relative, fragment). */
export function joinUri(base: string, ref: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return ref;
  const hash = base.indexOf('#');
  const noFrag = hash >= 0 ? base.slice(0, hash) : base;
  if (ref.startsWith('#')) return noFrag + ref;
  if (ref === '') return noFrag;
  if (ref.startsWith('/')) {
    const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)/i.exec(noFrag);
    return (m?.[1] ?? '') + ref;
  }
  const slash = noFrag.lastIndexOf('/');
  return (slash >= 0 ? noFrag.slice(0, slash + 1) : '') + ref;
}

const decodePointerToken = (t: string) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~');

export class SchemaDocument {
  readonly root: Schema;
  private readonly pointers = new Map<object, string>();
  private readonly bases = new Map<object, string>();
  private readonly byUri = new Map<string, Schema>();

  constructor(
    root: unknown,
    readonly draft: Draft,
  ) {
    if (typeof root !== 'boolean' && !isObject(root))
      throw new SchemaError('the schema must be an object or a boolean');
    this.root = root;
    this.index(root, '', 'urn:axplay:root');
  }

  /** The canonical pointer of a subschema (where it was first found). */
  pointerOf(s: Schema): string {
    return typeof s === 'object' ? (this.pointers.get(s) ?? '') : '';
  }

  private idOf(s: SchemaObject): string | undefined {
    const id = this.draft === '04' ? (s.id ?? s.$id) : s.$id;
    return typeof id === 'string' ? id : undefined;
  }

  private index(s: unknown, pointer: string, base: string): void {
    if (!isObject(s) || this.pointers.has(s)) return;
    this.pointers.set(s, pointer);
    let b = base;
    const id = this.idOf(s);
    if (id !== undefined) {
      b = joinUri(base, id);
      this.byUri.set(b.includes('#') ? b : `${b}#`, s);
    }
    if (typeof s.$anchor === 'string') this.byUri.set(`${joinUri(b, '')}#${s.$anchor}`, s);
    this.bases.set(s, b);
    for (const [k, v] of Object.entries(s)) {
      if (SCHEMA_VALUED.has(k) && isObject(v)) this.index(v, childPointer(pointer, k), b);
      if (SCHEMA_LISTS.has(k) && Array.isArray(v))
        for (const [i, x] of v.entries()) this.index(x, childPointer(pointer, k, i), b);
      if (SCHEMA_MAPS.has(k) && isObject(v))
        for (const [name, x] of Object.entries(v)) this.index(x, childPointer(pointer, k, name), b);
    }
  }

  /** The schema `ref` points at, seen from the schema `from` that holds it. */
  resolve(ref: string, from: SchemaObject): Schema {
    const base = this.bases.get(from) ?? 'urn:axplay:root';
    const uri = joinUri(base, ref);
    const hash = uri.indexOf('#');
    const doc = hash >= 0 ? uri.slice(0, hash) : uri;
    const frag = hash >= 0 ? uri.slice(hash + 1) : '';
    const known = this.byUri.get(`${doc}#${frag}`);
    if (known !== undefined) return known;
    const docRoot = doc === 'urn:axplay:root' ? this.root : this.byUri.get(`${doc}#`);
    if (docRoot === undefined) {
      throw new SchemaError(
        `$ref "${ref}" at ${showPointer(this.pointerOf(from))} points outside this schema (remote references are not supported)`,
        { keywords: [{ keyword: '$ref (remote)', pointer: this.pointerOf(from) }] },
      );
    }
    if (frag === '' || frag === '/') return docRoot;
    if (!frag.startsWith('/'))
      throw new SchemaError(
        `$ref "${ref}" at ${showPointer(this.pointerOf(from))} names an anchor that does not exist`,
      );
    let cur: unknown = docRoot;
    for (const raw of frag.slice(1).split('/')) {
      const t = decodePointerToken(raw);
      if (Array.isArray(cur)) cur = cur[Number(t)];
      else if (isObject(cur)) cur = cur[t];
      else cur = undefined;
      if (cur === undefined) break;
    }
    if (typeof cur !== 'boolean' && !isObject(cur))
      throw new SchemaError(`$ref "${ref}" at ${showPointer(this.pointerOf(from))} points at nothing`);
    if (isObject(cur) && !this.pointers.has(cur)) this.index(cur, frag, base);
    return cur;
  }
}
