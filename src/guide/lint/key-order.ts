// The order the compiled grammar writes a root object's keys in, found the way the compiler finds it
// (engine/constraints/json/compile-schema.ts → emit-object.ts): the root expanded into its conjunctions ($ref, allOf,
// one branch of each anyOf/oneOf), each merged; keys of the listed properties in schema order, then required names
// that are not listed. Where branches differ, the keys of all of them in order of first appearance.
import type { Draft } from '../../../engine/constraints/json/drafts.ts';
import { Expander } from '../../../engine/constraints/json/expand.ts';
import { newReport } from '../../../engine/constraints/json/keywords.ts';
import { buildNorm } from '../../../engine/constraints/json/norm.ts';
import { SchemaDocument } from '../../../engine/constraints/json/resolve.ts';

/** The root keys in written order, or undefined when the root is not an object schema (or cannot be read). */
export function rootKeyOrder(schema: unknown, draft: Draft): string[] | undefined {
  try {
    const doc = new SchemaDocument(schema, draft);
    const names: string[] = [];
    let object = false;
    for (const conj of new Expander(doc, newReport()).expand([doc.root])) {
      const n = buildNorm(conj, draft === '04');
      if (!n.types.has('object') || n.values) continue;
      object = true;
      for (const b of n.objects) for (const k of b.properties.keys()) if (!names.includes(k)) names.push(k);
      for (const r of n.required) if (!names.includes(r)) names.push(r);
    }
    return object ? names : undefined;
  } catch {
    return undefined;
  }
}
