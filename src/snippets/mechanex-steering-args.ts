// Request-level steering (`steering_vector_id`, or `steering_vector` naming an id, at `steering_strength`) as
// mechanex 1.0.x's generate() keywords `steering_vector=` and `steering_strength=`. On its simple path they become
// the /generate body's steering_vector_id and steering_strength; on its policy path, the inline policy's steering
// block {enabled, strength, vector_id} (see steeringBlockOf). The server steers at strength 1 when a vector comes
// without a strength, mechanex at its default 0 (not at all), so the snippet writes that 1 out. An inline vector
// ({layer: floats}) reaches no route through generate()'s simple path: it stays unsent (listed by the caller).
import { isObject, type JsonObject } from './policy-shape.ts';

export interface MechanexSteering {
  /** `steering_vector` and `steering_strength` keyword arguments, as they are written. */
  args: [string, unknown][];
  /** The body fields the keywords carry (or that say "no steering": null, "", strength 0). */
  used: string[];
  notes: string[];
}

/** The server's strength for a vector named without one. */
const DEFAULT_STRENGTH = 1;

export function mechanexSteering(body: JsonObject): MechanexSteering {
  const used: string[] = [];
  const notes: string[] = [];
  const idField = body.steering_vector_id;
  const vectorField = body.steering_vector;
  if (typeof idField === 'string' || idField === null) used.push('steering_vector_id');
  const fromId = typeof idField === 'string' && idField !== '' ? idField : undefined;
  const fromVector = typeof vectorField === 'string' && vectorField !== '' ? vectorField : undefined;
  // `steering_vector` as an id is the same vector (a different one beside steering_vector_id is the server's 400)
  if (vectorField === null || vectorField === '' || (fromVector !== undefined && fromVector === (fromId ?? fromVector)))
    used.push('steering_vector');
  const id = fromId ?? fromVector;
  // an inline vector (a mix's floats) has no generate() keyword: its strength goes unsent with it
  const inline = id === undefined && typeof vectorField === 'object' && vectorField !== null;
  const given = typeof body.steering_strength === 'number' && !inline ? body.steering_strength : undefined;
  if (!inline && (given !== undefined || body.steering_strength === null)) used.push('steering_strength');
  if (inline)
    notes.push(
      'mechanex’s generate() takes a vector id, not an inline steering_vector (a mix): this call is unsteered.',
    );
  const args: [string, unknown][] = id === undefined ? [] : [['steering_vector', id]];
  const strength = given ?? (id === undefined ? 0 : DEFAULT_STRENGTH);
  if (strength !== 0) args.push(['steering_strength', strength]);
  if (id !== undefined && given === undefined) {
    notes.push(
      `The server steers at strength ${DEFAULT_STRENGTH} when none is given and mechanex at 0, so the snippet passes steering_strength=${DEFAULT_STRENGTH}.`,
    );
  }
  return { args, used, notes };
}

/** The steering block mechanex's policy path builds from generate()'s steering keywords. */
export function steeringBlockOf(vector: unknown, strength: unknown): JsonObject {
  const s = typeof strength === 'number' ? strength : 0;
  if (typeof vector === 'string') return { enabled: true, strength: s, vector_id: vector };
  return { enabled: s !== 0, strength: s };
}

/**
 * The keywords that make mechanex's policy path build this steering block (an absent block: none), or undefined
 * when it cannot: a block that steers must be {enabled: true, vector_id, strength?} (method "caa" at most), and one
 * that does not may hold nothing but enabled: false and strength 0.
 */
export function blockKeywords(block: unknown): [string, unknown][] | undefined {
  if (block == null) return [];
  if (!isObject(block)) return undefined;
  const extra = Object.entries(block).some(
    ([k, v]) => v != null && !['enabled', 'vector_id', 'strength', 'method'].includes(k),
  );
  if (extra || (block.method != null && block.method !== 'caa')) return undefined;
  const strength = block.strength ?? DEFAULT_STRENGTH;
  if (typeof strength !== 'number') return undefined;
  if (block.enabled !== true) return block.vector_id == null && (block.strength ?? 0) === 0 ? [] : undefined;
  if (typeof block.vector_id !== 'string' || block.vector_id === '') return undefined;
  const args: [string, unknown][] = [['steering_vector', block.vector_id]];
  if (strength !== 0) args.push(['steering_strength', strength]);
  return args;
}
