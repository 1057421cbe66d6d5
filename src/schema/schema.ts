import { isRecord } from '../json.js';
import type { IssueCode } from '../issue/codes.js';
import { formatPath, issue, type Issue } from '../issue/issue.js';

/**
 * The one schema layer behind every validator (settings, rules, commands, events,
 * tickets): a schema walks an untyped value, reports each problem with its path, and
 * says whether the value has the type it describes. Values are checked, not copied.
 */
export interface Walk {
  readonly path: (string | number)[];
  readonly issues: Issue[];
  /**
   * Values already checked, each with the schema it passed. Only deeply frozen values go
   * in (a frozen value whose object children are all in it), since those cannot change
   * after the check: a ticket that shares its lists with one checked before (as each
   * ticket `handle` returns does) is checked again in the time its new parts take.
   */
  readonly memo?: WeakMap<object, unknown> | undefined;
}

/** A check of an untyped value; `T` names the type it vouches for (documentation: the schema is not inferred from it). */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export type Schema<T = unknown> = (input: unknown, walk: Walk) => boolean;

export const walk = (path: readonly (string | number)[] = [], memo?: WeakMap<object, unknown>): Walk => ({ path: [...path], issues: [], memo });

const seen = (w: Walk, v: object, schema: Schema): boolean => w.memo !== undefined && w.memo.get(v) === schema;

/** Remembers a value that passed `schema`, when nothing in it can change any more. */
function remember(w: Walk, v: object, children: readonly unknown[], schema: Schema): void {
  const memo = w.memo;
  if (memo === undefined || !Object.isFrozen(v)) return;
  for (const x of children) if (typeof x === 'object' && x !== null && !memo.has(x)) return;
  memo.set(v, schema);
}

/** Reports a problem at the current path. */
export function report(w: Walk, code: Exclude<IssueCode, 'cc-limit-exceeded' | 'too-long' | 'too-deep' | 'machine-mail' | 'merged-ticket' | `sequence-${string}` | 'other-ticket'>, what: string, input: unknown): false {
  const where = formatPath(w.path);
  w.issues.push(issue(code, `${where === '' ? 'The value' : where} ${what}.`, input, [...w.path]) as Issue);
  return false;
}

/** Runs `schema` one step down the path. */
export function at<T>(w: Walk, key: string | number, schema: Schema<T>, value: unknown): boolean {
  w.path.push(key);
  const good = schema(value, w);
  w.path.pop();
  return good;
}

const CONTROL = /[\x00-\x1f\x7f\u2028\u2029]/;

export const string = (options: { readonly nonEmpty?: boolean; readonly header?: boolean } = {}): Schema<string> => (v, w) => {
  if (typeof v !== 'string') return report(w, 'wrong-type', 'must be a string', v);
  if (options.nonEmpty === true && v === '') return report(w, 'invalid-value', 'must not be empty', v);
  // Text that may reach a mail header never carries a line break or control character.
  if (options.header === true && CONTROL.test(v)) return report(w, 'control-character', 'holds a line break or control character', v);
  return true;
};

export const boolean: Schema<boolean> = (v, w) => typeof v === 'boolean' || report(w, 'wrong-type', 'must be true or false', v);

export const integer = (min: number, max = Number.MAX_SAFE_INTEGER): Schema<number> => (v, w) => {
  if (typeof v !== 'number' || !Number.isInteger(v)) return report(w, 'wrong-type', 'must be a whole number', v);
  if (v < min || v > max) return report(w, 'out-of-range', `must be between ${min} and ${max}`, v);
  return true;
};

/** One of a list of values (an array, not a spread: a spread at module level would keep the schema out of tree-shaking). */
export const oneOf = <const L extends readonly (string | number | boolean | null)[]>(values: L): Schema<L[number]> => (v, w) =>
  values.includes(v as L[number]) || report(w, 'invalid-value', `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}`, v);

export const literal = <const L extends readonly (string | number | boolean | null)[]>(...values: L): Schema<L[number]> => oneOf(values);

export const nullable = <T>(schema: Schema<T>): Schema<T | null> => (v, w) => v === null || schema(v, w);

export const array = <T>(schema: Schema<T>): Schema<readonly T[]> => {
  const self: Schema<readonly T[]> = (v, w) => {
    if (!Array.isArray(v)) return report(w, 'wrong-type', 'must be a list', v);
    if (seen(w, v, self)) return true;
    const memo = w.memo;
    let good = true;
    // Whether every entry is known unchangeable (a primitive, or remembered): then so is the list, if frozen.
    let known = memo !== undefined && Object.isFrozen(v);
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      const object = typeof x === 'object' && x !== null;
      // An entry remembered with this very schema passed it before and cannot have changed.
      if (object && memo !== undefined && memo.get(x) === schema) continue;
      good = at(w, i, schema, x) && good;
      if (known && object && memo !== undefined && !memo.has(x)) known = false;
    }
    if (good && known && memo !== undefined) memo.set(v, self);
    return good;
  };
  return self;
};

type Shape = Readonly<Record<string, Schema>>;

/** An object with exactly these fields (`optional` ones may be absent); any other field is reported. */
export const object = <S extends Shape>(shape: S, optional: readonly (keyof S)[] | 'all-optional' = []): Schema => {
  const fields = Object.keys(shape);
  const self: Schema = (v, w) => {
    if (!isRecord(v)) return report(w, 'wrong-type', 'must be an object', v);
    if (seen(w, v, self)) return true;
    const memo = w.memo;
    let good = true;
    // Known fields that are own enumerable ones: when they are all of the value's keys, none is unknown.
    let listed = 0;
    for (const key of fields) {
      if (Object.prototype.propertyIsEnumerable.call(v, key)) listed++;
      if (!Object.prototype.hasOwnProperty.call(v, key) || v[key] === undefined) {
        if (optional !== 'all-optional' && !optional.includes(key)) good = at(w, key, (x, ww) => report(ww, 'missing-field', 'is missing', x), undefined) && good;
        continue;
      }
      const x = v[key];
      const schema = shape[key] as Schema<unknown>;
      // A field remembered with this very schema passed it before and cannot have changed.
      if (memo !== undefined && typeof x === 'object' && x !== null && memo.get(x) === schema) continue;
      good = at(w, key, schema, x) && good;
    }
    const keys = Object.keys(v);
    if (keys.length !== listed) {
      for (const key of keys) {
        if (!Object.prototype.hasOwnProperty.call(shape, key)) good = at(w, key, (x, ww) => report(ww, 'unknown-field', 'is not a known field', x), v[key]) && good;
      }
    }
    if (good) remember(w, v, Object.values(v), self);
    return good;
  };
  return self;
};

/** A union tagged by one field (`type`, `kind`, `op`): the tag picks the schema. */
export const tagged = <K extends string, T>(tag: K, table: Readonly<Record<string, Schema<unknown>>>): Schema<T> => (v, w) => {
  if (!isRecord(v)) return report(w, 'wrong-type', 'must be an object', v);
  const t = v[tag];
  if (typeof t !== 'string' || !Object.prototype.hasOwnProperty.call(table, t)) {
    return at(w, tag, (x, ww) => report(ww, 'invalid-value', `must be one of ${Object.keys(table).map((x) => JSON.stringify(x)).join(', ')}`, x), t);
  }
  return (table[t] as Schema<unknown>)(v, w);
};

/** A schema with one more check, run only when the first passes. */
export const refine = <T>(schema: Schema<T>, check: (value: T, w: Walk) => boolean): Schema<T> => (v, w) => schema(v, w) && check(v as T, w);

/** Any of these schemas (the first that fits), reporting the last one's problems when none does. */
export const either = <A, B>(a: Schema<A>, b: Schema<B>): Schema<A | B> => (v, w) => {
  const trial = walk(w.path, w.memo);
  if (a(v, trial)) return true;
  return b(v, w);
};

export const unknown: Schema<unknown> = () => true;

/** Validates `input` against `schema`: every problem with its path, or none. */
export function check<T>(schema: Schema<T>, input: unknown, path: readonly (string | number)[] = [], memo?: WeakMap<object, unknown>): readonly Issue[] {
  const w = walk(path, memo);
  schema(input, w);
  return w.issues;
}
