import type { DirectoryEntry } from '../policy/directory.js';
import type { Settings } from '../policy/settings.js';

/**
 * Why a decision came out as it did, as plain JSON (stored in events, `reasons`): the rule
 * of the behaviour reference that decided, and what it read to decide. Made where the
 * decision is made, never reconstructed afterwards.
 *
 * - `rule`: the rule's id in docs/behaviour.md (`F4`, `D2`, `G2`, …).
 * - `setting`: the setting that decided and its value then. For a list setting (`denylist`,
 *   `supportAddresses`) the value is the address that was found on it, not the whole list.
 * - `header`: the header that decided (`Auto-Submitted: auto-replied`).
 * - `directory`: the directory entry that decided (a light agent, an agent).
 * - `callerRule`: the id of the caller's rule (G) whose action it was.
 */
export interface Reason {
  readonly rule: string;
  readonly setting?: { readonly name: keyof Settings; readonly value: string | number | boolean | null };
  readonly header?: { readonly name: string; readonly value: string };
  readonly directory?: { readonly address: string; readonly kind: DirectoryEntry['kind'] };
  readonly callerRule?: string;
}

/** A reason naming the setting that decided, with its value. */
export const bySetting = <K extends keyof Settings>(rule: string, settings: Settings, name: K, extra?: Omit<Reason, 'rule' | 'setting'>): Reason => {
  const value: unknown = settings?.[name] ?? null;
  return { rule, setting: { name, value: Array.isArray(value) ? null : (value as string | number | boolean | null) }, ...extra };
};

/** The rule and setting behind a refusal of a recipient (E5), from its issue code. */
export function refusalReason(code: string, input: string, settings: Settings, ruleId?: string): Reason {
  const caller = ruleId === undefined ? {} : { callerRule: ruleId };
  switch (code) {
    case 'cc-limit-exceeded':
      return bySetting('D1', settings, 'ccLimit', caller);
    case 'denylisted':
      return { rule: 'D2', setting: { name: 'denylist', value: input }, ...caller };
    case 'support-address':
      return { rule: 'A5', setting: { name: 'supportAddresses', value: input }, ...caller };
    case 'ccs-disabled':
      return bySetting('D4', settings, 'emailCcsEnabled', caller);
    case 'bcc-disabled':
      return bySetting('D4', settings, 'bccEnabled', caller);
    case 'followers-disabled':
      return bySetting('D4', settings, 'followersEnabled', caller);
    case 'not-permitted':
    case 'not-an-agent':
      return { rule: 'D4', ...caller };
    case 'role-conflict':
      return { rule: 'A4', ...caller };
    default:
      return { rule: 'D3', ...caller };
  }
}

/**
 * The reason behind an issue that kept a recipient out (D1–D4, A4, A5), under these
 * settings: what a refused command (nothing stored) can show next to each of its issues.
 * An issue of another kind gets D3 (the address is not one a header can carry).
 *
 * @example
 * reasonOfIssue({ code: 'cc-limit-exceeded', message: '', input: 'x@acme.example', path: [] }, { ...defaultSettings, ccLimit: 2 }); // { rule: 'D1', setting: { name: 'ccLimit', value: 2 } }
 */
export const reasonOfIssue = (issue: { readonly code: string; readonly input: unknown; readonly ruleId?: string }, settings: Settings): Reason =>
  refusalReason(typeof issue?.code === 'string' ? issue.code : '', typeof issue?.input === 'string' ? issue.input : '', settings, typeof issue?.ruleId === 'string' ? issue.ruleId : undefined);


/** What each rule id says in English, as the end of a sentence beginning "because …". */
const WORDS: Readonly<Record<string, string>> = {
  A4: 'an address holds one role',
  'A4:agentCcBecomesFollower': 'an agent who becomes a CC follows the ticket',
  A5: "it is one of the help desk's own addresses",
  B5: 'an open notice holds the reply',
  B10: 'they are on the suppression list',
  B4: 'the directory no longer lists them as staff',
  C1: 'an agent asked for it in the help desk',
  'C1:formerRequesterBecomesCc': 'the former requester stays on as a CC',
  C4: 'an agent changed it in the help desk',
  D1: 'the ticket holds as many CCs as it may',
  D2: 'the address is on the denylist',
  D3: 'the address is not one a header can carry',
  D4: 'it is not allowed',
  F0: 'they were on the message that opened the ticket',
  F1: 'it answers an internal note, or has no usable sender',
  F2: 'the reply reached everyone on the ticket',
  F3: 'the requester left out some of the CCs',
  F4: 'a CC replied without the requester',
  F5: 'the reply brought them',
  F6: 'its sender is a BCC',
  F7: 'an agent or a follower wrote it',
  F8: 'its sender is not on the ticket',
  F9: 'the reply from the ticket left them out',
  F10: 'an agent resolved the notice',
  F11: 'it is machine mail',
  F12: 'the help desk only got a copy',
  F13: 'its sender failed authentication',
  F14: 'an agent opened the ticket for a customer',
  G2: "a rule's conditions held",
  H1: 'a delivery report said their mail does not arrive',
  H2: 'an agent muted them',
  H3: 'the agent left them out of this reply',
  H4: 'the tickets were merged',
  H5: 'they wrote from it, and the directory lists it as theirs',
  // Where a rule reads differently about a comment (its visibility, its notice) than about a person.
  'comment:D4': 'a light agent writes internal notes only',
  'comment:F0': 'it opened the ticket',
  'comment:F10': 'an agent resolved its notice',
};

/**
 * A reason in English, as the end of a sentence beginning "because …": the rule's words,
 * then what decided (`ccReplyWithoutRequester is "private"`, a header, a caller's rule).
 *
 * @example
 * reasonInEnglish({ rule: 'F4', setting: { name: 'ccReplyWithoutRequester', value: 'private' } }); // 'a CC replied without the requester (ccReplyWithoutRequester is "private")'
 */
export function reasonInEnglish(reason: Reason, about: 'comment' | 'person' = 'person'): string {
  if (!isObject(reason) || typeof reason.rule !== 'string') return '';
  const what: string[] = [];
  const { setting, header, directory } = reason;
  if (isObject(setting)) {
    const name = text(setting.name);
    what.push(name === 'denylist' || name === 'supportAddresses' ? `${name} lists ${text(setting.value)}` : `${name} is ${typeof setting.value === 'string' ? `"${setting.value}"` : text(setting.value)}`);
  }
  if (isObject(header)) what.push(`${text(header.name)}: ${text(header.value)}`);
  if (isObject(directory)) what.push(`the directory lists ${text(directory.address)} as ${text(directory.kind)}`);
  if (reason.callerRule !== undefined) what.push(`rule ${text(reason.callerRule)}`);
  const rule = text(reason.rule);
  const look = (key: string) => (Object.hasOwn(WORDS, key) ? WORDS[key] : undefined);
  // A setting that makes a rule do something else has words of its own (`C1:formerRequesterBecomesCc`).
  const words = look(`${about === 'comment' ? 'comment' : 'person'}:${rule}`) ?? look(`${rule}:${isObject(setting) ? text(setting.name) : ''}`) ?? look(rule) ?? `of ${rule}`;
  return what.length === 0 ? words : `${words} (${what.join('; ')})`;
}

// Reasons read back from storage are data: say what is there, and nothing for what is not text.
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? String(v) : '');
