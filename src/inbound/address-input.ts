import { MAX_ADDRESSES_PER_HEADER, parseAddress, parseAddressList, type AddressListOptions } from '../address/parse-list.js';
import type { AddressIssue, Mailbox } from '../address/types.js';

/** An address that was not accepted, and where it was in the input (array indexes, `value`, `group`). */
export type AddressInputIssue = AddressIssue;

/** The mailboxes an address input held, in order, and every part that was not one. */
export interface AddressInput {
  readonly mailboxes: readonly Mailbox[];
  readonly invalid: readonly AddressInputIssue[];
}

type Path = readonly (string | number)[];

// The shapes nest at most this deep: [ AddressObject → value [ entry → group [ mailbox ] ] ] is six levels.
const MAX_DEPTH = 6;
// A display name that arrives decoded may still carry line breaks or controls, which no header may.
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]/;
const WHITESPACE_RUN = /[ \t]+/g;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const own = (record: Record<string, unknown>, key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined);

interface Reader {
  readonly options: AddressListOptions;
  readonly max: number;
  readonly mailboxes: Mailbox[];
  readonly invalid: AddressInputIssue[];
  /** Mailboxes and refused entries so far; the cap counts both. */
  count: number;
  full: boolean;
}

function refuse(r: Reader, input: unknown, path: Path, message: string, code: AddressIssue['code'] = 'invalid-address'): void {
  if (!room(r, path, input)) return;
  r.count += 1;
  r.invalid.push({ code, message, input, path });
}

function room(r: Reader, path: Path, input: unknown): boolean {
  if (r.full) return false;
  if (r.count < r.max) return true;
  r.full = true;
  r.invalid.push({ code: 'too-many-addresses', message: `More than ${r.max} addresses; the rest were not read.`, input, path });
  return false;
}

/** A parser's display name: already decoded, so never decoded again; dropped (the address kept) when it holds a control character. */
function displayName(name: unknown): string | null {
  if (typeof name !== 'string' || CONTROL.test(name)) return null;
  const clean = name.replace(WHITESPACE_RUN, ' ').trim();
  return clean === '' ? null : clean;
}

function readMailbox(r: Reader, entry: Record<string, unknown>, address: string, path: Path): void {
  const text = address.trim();
  const parsed = parseAddress(text, r.options);
  // The field holds one bare address; `Ann <a@x>` or a list there is not what a parser hands over.
  if (!parsed.ok || parsed.value.address !== text || parsed.value.name !== null) {
    const control = !parsed.ok && parsed.error.code === 'control-character';
    refuse(r, entry, [...path, 'address'], control ? parsed.error.message : `${JSON.stringify(text.slice(0, 200))} is not one bare email address.`, control ? 'control-character' : 'invalid-address');
    return;
  }
  if (!room(r, path, entry)) return;
  r.count += 1;
  r.mailboxes.push({ ...parsed.value, name: displayName(own(entry, 'name')) });
}

function readString(r: Reader, text: string, path: Path): void {
  if (!room(r, path, text)) return;
  const list = parseAddressList(text, { ...r.options, maxAddresses: r.max - r.count });
  for (const m of list.mailboxes) r.mailboxes.push(m);
  for (const issue of list.invalid) r.invalid.push({ ...issue, path });
  r.count += list.mailboxes.length + list.invalid.length;
  if (list.invalid.some((i) => i.code === 'too-many-addresses')) r.full = true;
}

function read(r: Reader, input: unknown, path: Path, depth: number): void {
  if (r.full || input === undefined || input === null) return;
  if (typeof input === 'string') return readString(r, input, path);
  if (depth >= MAX_DEPTH) return refuse(r, input, path, 'Addresses nested deeper than any mail parser writes them.');
  if (Array.isArray(input)) {
    for (let i = 0; i < input.length && !r.full; i++) read(r, input[i], [...path, i], depth + 1);
    return;
  }
  if (!isRecord(input)) return refuse(r, input, path, 'Not an address: expected a header string, { name, address }, a group or a parsed address list.');
  const address = own(input, 'address');
  const value = own(input, 'value');
  const group = own(input, 'group');
  if (typeof address === 'string' && address.trim() !== '') return readMailbox(r, input, address, path);
  // mailparser's AddressObject: `value` holds the entries; `text` and `html` repeat them and are not read.
  if (Array.isArray(value)) return read(r, value, [...path, 'value'], depth + 1);
  // A group (`Team: a@x, b@y;`): its members count, its name does not.
  if (Array.isArray(group)) return read(r, group, [...path, 'group'], depth + 1);
  refuse(r, input, path, 'Not an address: expected a header string, { name, address }, a group or a parsed address list.');
}

/**
 * Reads From, To, Cc or Reply-To as callers hand them over: a header string, an address
 * object `{ name, address }` (postal-mime, nodemailer), a group `{ name, group: [...] }`,
 * mailparser's `{ value, text, html }` or an array of any of these. Every address goes through
 * `parseAddress`/`parseAddressList`, so identity and validation are the same as for header
 * text. Never throws, never mutates; anything unrecognisable is reported, never dropped.
 *
 * @example
 * readAddressInput([{ name: 'Ann', address: 'ann@example.com' }, 'bob@example.org']).mailboxes.map((m) => m.address);
 * // ['ann@example.com', 'bob@example.org']
 */
export function readAddressInput(input: unknown, options: AddressListOptions = {}): AddressInput {
  const opts: AddressListOptions = isRecord(options) ? options : {};
  const max = typeof opts.maxAddresses === 'number' && opts.maxAddresses >= 0 ? opts.maxAddresses : MAX_ADDRESSES_PER_HEADER;
  const r: Reader = { options: opts, max, mailboxes: [], invalid: [], count: 0, full: false };
  read(r, input, [], 0);
  return { mailboxes: r.mailboxes, invalid: r.invalid };
}
