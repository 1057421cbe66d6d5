import type { IssueCode, IssueData } from './codes.js';

/** Where in the input an issue is: keys and list indexes, e.g. `['ccs', 3, 'address']`. */
export type Path = readonly (string | number)[];

/** What every issue carries, whatever its code. */
export interface IssueBase<C extends IssueCode> {
  /** What went wrong, for code to branch on. */
  readonly code: C;
  /** A sentence for a person. */
  readonly message: string;
  /** The offending input: the address text, the value at `path`, the command. */
  readonly input: unknown;
  /** Where the input was, from the top of what was checked; `[]` for the whole of it. */
  readonly path: Path;
  /** The recipient field a change was about. */
  readonly field?: 'requester' | 'cc' | 'bcc' | 'follower' | 'to';
  /** The header of an inbound email the entry came from. */
  readonly header?: 'from' | 'to' | 'cc' | 'reply-to';
  /** The rule whose action this was (G2). */
  readonly ruleId?: string;
}

/**
 * One problem the library reports: a union on `code`, with the data of each code
 * (`cc-limit-exceeded` carries `limit` and `count`). `Issue<'denylisted' | 'cc-limit-exceeded'>`
 * narrows it to some codes.
 */
export type Issue<C extends IssueCode = IssueCode> = { readonly [K in C]: IssueBase<K> & Readonly<IssueData[K]> }[C];

type Extra<C extends IssueCode> = Readonly<IssueData[C]> & Partial<Pick<IssueBase<C>, 'field' | 'header' | 'ruleId'>>;

/** Builds an issue; the one place issue objects are made, so they all have the same shape. */
export function issue<C extends IssueCode>(code: C, message: string, input: unknown, path: Path = [], extra?: Extra<C>): Issue<C> {
  return { code, message, input, path, ...extra } as unknown as Issue<C>;
}

/** The same issue found under `prefix` (a context's `settings`, a log's index). */
export const under = (prefix: Path) => <I extends Issue>(i: I): I => ({ ...i, path: [...prefix, ...i.path] });

/** A path as people write it: `ccs[3].address`. */
export function formatPath(path: Path): string {
  let out = '';
  if (!Array.isArray(path)) return '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string') out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** An untyped value in a message: short, and never a throw (objects without a prototype, cycles, BigInt). */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return `${value}`;
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
