import { parseAddress } from '../address/parse-list.js';
import type { Mailbox } from '../address/types.js';
import { issue, type Issue } from '../issue/issue.js';
import { fieldIssue, forbiddenIssue, type RoleField } from '../policy/admission.js';
import type { Actor } from '../policy/actor.js';
import { asPerson } from '../policy/directory.js';
import { array, literal, object, string, unknown, type Schema } from '../schema/schema.js';
import type { ImportedParticipants, UnstampedEvent } from '../ticket/events.js';
import type { Env } from '../ticket/recipient-set.js';
import { actor } from '../ticket/schema.js';

/**
 * A ticket that exists elsewhere (a migration, a test fixture), created with its
 * participants as they are (E6). Addresses are header text or mailboxes.
 */
export interface ImportTicket {
  readonly type: 'import-ticket';
  readonly ticketId: string;
  readonly participants: {
    readonly requester?: unknown;
    readonly ccs?: readonly unknown[];
    readonly bccs?: readonly unknown[];
    readonly followers?: readonly unknown[];
  };
  /** D7: imports are the system's. */
  readonly by: Actor;
  readonly at: string;
}

export const importTicketSchema: Schema<ImportTicket> = /* @__PURE__ */ object({
  type: /* @__PURE__ */ literal('import-ticket'),
  ticketId: /* @__PURE__ */ string({ nonEmpty: true }),
  participants: /* @__PURE__ */ object(
    { requester: unknown, ccs: /* @__PURE__ */ array(unknown), bccs: /* @__PURE__ */ array(unknown), followers: /* @__PURE__ */ array(unknown) },
    'all-optional',
  ),
  by: actor,
  at: /* @__PURE__ */ string(),
});

/**
 * E6: one `ticket-imported` event with the participants as they were, today's policy
 * problems reported in it (and returned), nobody dropped but what cannot be a participant
 * at all: an address that does not parse, and the help desk's own addresses (they would
 * make every reply a mail loop). An address in two roles keeps the higher one (A4).
 */
const ROLE_NAME: Readonly<Record<RoleField, string>> = { requester: 'requester', cc: 'CC', bcc: 'BCC', follower: 'follower' };

export function decideImport(command: ImportTicket, env: Env): { events: UnstampedEvent[]; issues: Issue[] } {
  if (command.by.kind !== 'system') {
    return { events: [], issues: [issue('not-permitted', 'Only the system imports tickets (D7): pass by: { kind: "system" }.', command.by, ['by'])] };
  }
  const issues: Issue[] = [];
  const seen = new Map<string, RoleField>();
  const following = new Set<string>();
  const take = (value: unknown, field: RoleField, path: (string | number)[]): Mailbox | null => {
    const parsed = parseAddress(value, env.policy.identity);
    if (!parsed.ok) {
      issues.push({ ...parsed.error, path, field });
      return null;
    }
    const m = asPerson(env.directory, parsed.value); // H5: a person listed under two addresses holds one role
    const forbidden = forbiddenIssue(env.policy, m, field);
    if (forbidden?.code === 'support-address') {
      issues.push({ ...forbidden, path });
      return null;
    }
    // A4: the first (higher) role wins; a follower is tracked apart from the email roles, once.
    const before = field === 'follower' ? (following.has(m.key) ? 'follower' : undefined) : seen.get(m.key);
    if (before !== undefined) {
      const why = before === field ? `${m.address} is listed twice as ${ROLE_NAME[field]}; it is kept once.` : `${m.address} is already the ${ROLE_NAME[before]}; an address holds one role (A4).`;
      issues.push(issue('two-roles', why, m.address, path, { field }));
      return null;
    }
    if (field === 'follower') following.add(m.key);
    else seen.set(m.key, field);
    const problem = forbidden ?? fieldIssue(env.policy, env.directory, m, field);
    // Kept despite the problem (E6), so it carries no `field`: a field would record it as refused (E5), and it is on the ticket.
    if (problem !== null) {
      const { field: _kept, ...reported } = { ...problem, path };
      issues.push(reported);
    }
    return m;
  };
  const p = command.participants;
  const requester = p.requester === undefined || p.requester === null ? null : take(p.requester, 'requester', ['participants', 'requester']);
  const list = (values: readonly unknown[] | undefined, field: RoleField, key: string): Mailbox[] =>
    (values ?? []).flatMap((v, i) => {
      const m = take(v, field, ['participants', key, i]);
      return m === null ? [] : [m];
    });
  const ccs = list(p.ccs, 'cc', 'ccs');
  const bccs = list(p.bccs, 'bcc', 'bccs');
  const followers = list(p.followers, 'follower', 'followers');
  const limit = env.policy.settings.ccLimit;
  if (limit !== null && ccs.length > limit) {
    issues.push(issue('cc-limit-exceeded', `The ticket comes with ${ccs.length} CCs; the limit here is ${limit}. All were kept: remove some before replying.`, ccs.length, ['participants', 'ccs'], { limit, count: ccs.length }));
  }
  const participants: ImportedParticipants = { requester, ccs, bccs, followers };
  const base = { at: command.at, by: command.by, cause: 'import' as const };
  return {
    events: [
      { ...base, type: 'ticket-opened', ticketId: command.ticketId, splitFrom: null },
      { ...base, type: 'ticket-imported', participants, problems: issues.map((i) => ({ code: i.code, message: i.message, path: i.path })) },
    ],
    issues,
  };
}
