// Behaviour pinned after mutation testing of src/decider: what the rules are told about each
// kind of command (G3), which commands may open a ticket, the refusals recorded (E5) with their
// cause, and what a split's new ticket gets (its rules, its plan).
import { describe, expect, it } from 'vitest';
import { createDirectory, handle, type Command, type Rule, type Ticket, type TicketContext } from '../src/index.js';
import { addresses, agent, at, contextWith, edit, email, lightAgent, must, opened } from './support/tickets.js';
import { dispatch } from '../src/decider/dispatch.js';
import { resolveContext } from '../src/context/context.js';

const rule = (id: string, conditions: Rule['conditions'], actions: Rule['actions']): Rule => ({ id, title: id, active: true, conditions, actions });
const withRules = (rules: Rule[], overrides = {}): TicketContext => ({ ...contextWith(overrides), rules });
const refusal = (ticket: Ticket | null, command: Command, context = contextWith()) => {
  const r = handle(ticket, command, context);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
};
const refusedEvent = (events: readonly { type: string }[]) => events.find((e) => e.type === 'recipients-refused') as undefined | { cause: string; by: unknown; refused: { input: string; field: string; code: string }[] };

/** Ann's ticket with Bob and Cleo; Ann answers without Bob and with Dan: a notice holds the reply (F3). */
function noticed(context = contextWith()) {
  const t = opened('ann@acme.example', ['bob@acme.example', 'cleo@acme.example'], context);
  const r = must(t, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'cleo@acme.example, dan@acme.example' }), context);
  const notice = r.email?.notice;
  if (!notice) throw new Error('expected a notice');
  return { ticket: r.ticket!, notice };
}
const resolve = (ticket: Ticket, noticeId: string, resolution: 'update-recipients' | 'split', extra: object = {}): Command => ({ type: 'resolve-notice', noticeId, resolution, by: agent, at: at(), ...extra }) as Command;

describe('D7: the actor against the directory', () => {
  const people = createDirectory([
    { address: 'kate@desk.example', kind: 'agent', id: 'kate' },
    { address: 'liam@desk.example', kind: 'light-agent', id: 'liam' },
    { address: 'eve@acme.example', kind: 'end-user', id: 'eve' },
  ]);
  const ctx = { ...contextWith(), directory: people };

  it('D7: an unknown id is refused at by.id; a wrong kind at by.kind, and the message says what the directory has', () => {
    expect(refusal(opened(), edit([], { kind: 'agent', id: 'ghost' }), ctx).map((i) => [i.code, i.path])).toEqual([['unknown-actor', ['by', 'id']]]);
    expect(refusal(opened(), edit([], { kind: 'agent', id: 'eve' }), ctx).map((i) => [i.code, i.path, i.message])).toEqual([
      ['actor-mismatch', ['by', 'kind'], '"eve" is an end user in the directory, not an agent.'],
    ]);
    expect(refusal(opened(), edit([], { kind: 'admin', id: 'liam' }), ctx).map((i) => i.message)).toEqual(['"liam" is a light-agent in the directory, not an admin.']);
    expect(refusal(opened(), edit([], { kind: 'light-agent', id: 'kate' }), ctx).map((i) => i.message)).toEqual(['"kate" is an agent in the directory, not a light-agent.']);
  });
});

describe('G3: which commands open a ticket', () => {
  it('G3: only an inbound email or an import takes a null ticket; an import on a ticket is refused', () => {
    for (const command of [edit([]), { type: 'write-comment', commentId: 'c', visibility: 'public', by: agent, at: at() }] as Command[]) {
      expect(refusal(null, command).map((i) => [i.code, i.path])).toEqual([['invalid-command', ['type']]]);
    }
    const imported = must(null, { type: 'import-ticket', ticketId: 'T-9', participants: { requester: 'ann@acme.example' }, by: { kind: 'system' }, at: at() });
    expect(imported.ticket?.requester?.address).toBe('ann@acme.example');
    expect(refusal(imported.ticket, { type: 'import-ticket', ticketId: 'T-9', participants: { requester: 'ann@acme.example' }, by: { kind: 'system' }, at: at() }).map((i) => [i.code, i.path])).toEqual([['invalid-command', ['type']]]);
  });

  it('F0: a mail loop opens no ticket, fires no rule and plans nothing', () => {
    const r = must(null, email({ from: 'support@desk.example', to: 'support@desk.example' }), withRules([rule('any', { all: [{ type: 'update-is', kind: 'new-ticket' }] }, [{ type: 'notify-requester' }])]));
    expect([r.ticket, r.issues.map((i) => i.code), r.firedRules, r.notifications, r.plans]).toEqual([null, ['mail-loop'], [], [], []]);
  });

  it('E6: an import that creates nothing is refused', () => {
    expect(refusal(null, { type: 'import-ticket', ticketId: 'T-9', participants: { requester: 'ann@acme.example' }, by: agent, at: at() }).map((i) => [i.code, i.path])).toEqual([['not-permitted', ['by']]]);
  });

  it('G3: an import is a new ticket to the rules', () => {
    const ctx = withRules([rule('welcome', { all: [{ type: 'update-is', kind: 'new-ticket' }] }, [{ type: 'add-cc', address: 'w@acme.example' }])]);
    const r = must(null, { type: 'import-ticket', ticketId: 'T-9', participants: { requester: 'ann@acme.example' }, by: { kind: 'system' }, at: at() }, ctx);
    expect(r.firedRules).toEqual(['welcome']);
  });

  it('H4: a merged ticket takes no command but mail, and says where it went', () => {
    const target = opened('ann@acme.example');
    const source = opened('bob@acme.example');
    const merged = must(target, { type: 'merge-tickets', source: { ...source, id: 'T-2' }, by: agent, at: at() }).mergedTicket!;
    const issues = refusal(merged, edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]));
    expect(issues.map((i) => [i.code, i.path, (i as { mergedInto?: string }).mergedInto])).toEqual([['merged-ticket', [], 'T-1']]);
  });

  it('H4: a merge source of the wrong shape is refused at its path under source', () => {
    const issues = refusal(opened(), { type: 'merge-tickets', source: { ...opened('bob@acme.example'), id: 'T-2', ccs: 'nobody' } as unknown as Ticket, by: agent, at: at() });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.path[0] === 'source')).toBe(true);
  });

  it('C1: a ticket of the wrong shape is refused before any decision', () => {
    const issues = refusal({ ...opened(), ccs: 'nobody' } as unknown as Ticket, edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]));
    expect(issues.length).toBeGreaterThan(0);
  });
});

describe('G1: what the rules are told about each command', () => {
  const senderIsKate = rule('kate', { all: [{ type: 'sender-is', address: 'kate@desk.example' }, { type: 'update-is', kind: 'recipient-change' }] }, [{ type: 'add-cc', address: 's@acme.example' }]);
  const byStaff = rule('staff', { all: [{ type: 'sender-role', role: 'agent' }, { type: 'update-is', kind: 'recipient-change' }] }, [{ type: 'add-cc', address: 'r@acme.example' }]);

  it('G1: an agent edit is a recipient change sent by the agent, whose address the directory gives', () => {
    const r = must(opened(), edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]), withRules([senderIsKate, byStaff]));
    expect(r.firedRules).toEqual(['kate', 'staff']);
  });

  it('G1: an edit by the system has no sender and no staff role; one by an admin or a light agent is staff', () => {
    expect(must(opened(), edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }], { kind: 'system' }), withRules([senderIsKate, byStaff])).firedRules).toEqual([]);
    expect(must(opened(), edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }], { kind: 'admin', id: 'mia' }), withRules([byStaff])).firedRules).toEqual(['staff']);
    expect(must(opened(), edit([{ op: 'remove', field: 'cc', address: 'bob@acme.example' }], lightAgent), withRules([byStaff]), ).firedRules).toEqual([]);
    const t = opened('ann@acme.example', ['bob@acme.example']);
    expect(must(t, edit([{ op: 'remove', field: 'cc', address: 'bob@acme.example' }], lightAgent), withRules([byStaff])).firedRules).toEqual(['staff']);
  });

  it('G1: an edit that changes nobody is no update for the rules', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    expect(must(t, edit([{ op: 'add', field: 'cc', address: 'bob@acme.example' }]), withRules([byStaff])).firedRules).toEqual([]);
  });

  it('G1: an actor id the directory does not know (no directory checked) has no address', () => {
    const ctx: TicketContext = { settings: contextWith().settings!, rules: [senderIsKate, byStaff] };
    const r = must(opened('ann@acme.example', [], ctx), edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }], { kind: 'agent', id: 'kate' }), ctx);
    expect(r.firedRules).toEqual(['staff']);
  });

  it('G1: resolving a notice that changes the CCs is a recipient change by the agent', () => {
    const { ticket, notice } = noticed();
    const r = must(ticket, resolve(ticket, notice.id, 'update-recipients'), withRules([senderIsKate, byStaff]));
    expect(r.firedRules).toEqual(['kate', 'staff']);
  });

  it('G1: a comment written in the help desk is an agent reply by an agent', () => {
    const ctx = withRules([rule('reply', { all: [{ type: 'sender-role', role: 'agent' }, { type: 'update-is', kind: 'agent-reply' }] }, [{ type: 'add-cc', address: 'r@acme.example' }])]);
    const r = must(opened(), { type: 'write-comment', commentId: 'c-1', visibility: 'public', by: agent, at: at() } as Command, ctx);
    expect(r.firedRules).toEqual(['reply']);
  });

  it('G1: a merge that brings people is a recipient change by the agent', () => {
    const r = must(opened(), { type: 'merge-tickets', source: { ...opened('bob@acme.example'), id: 'T-2' }, by: agent, at: at() }, withRules([senderIsKate, byStaff]));
    expect(r.firedRules).toEqual(['kate', 'staff']);
  });
});

describe('B6: notifications the decider plans', () => {
  it('B6: a rule that notifies after an edit notifies about the rule itself, as a public message', () => {
    const ctx = withRules([rule('tell', { all: [{ type: 'update-is', kind: 'recipient-change' }] }, [{ type: 'notify-requester' }])]);
    const command = edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]) as Extract<Command, { type: 'edit-recipients' }>;
    const r = must(opened(), command, ctx);
    expect(r.notifications.map((p) => [p.commentId, p.visibility, p.messages.map((m) => m.kind)])).toEqual([[`tell@${command.at}`, 'public', ['notification']]]);
  });

  it('B9: a notification that cannot be planned (a ticket over a lowered CC limit) is not in the plans', () => {
    const t = opened('ann@acme.example', ['b@acme.example', 'c@acme.example', 'd@acme.example']);
    const ctx = withRules([rule('tell', { all: [{ type: 'update-is', kind: 'agent-reply' }] }, [{ type: 'notify-requester' }])], { ccLimit: 1 });
    const r = must(t, { type: 'write-comment', commentId: 'c-1', visibility: 'public', by: agent, at: at() } as Command, ctx);
    expect(r.firedRules).toEqual(['tell']);
    expect(r.notifications).toEqual([]);
    expect(r.plans).toEqual([]);
  });

  it('B7: a duplicate email is planned to nobody', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const once = email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example', id: '<same@mail.example>' });
    const first = must(t, once);
    expect(first.plans.length).toBeGreaterThan(0);
    const again = must(first.ticket, once);
    expect(again.email?.outcome).toBe('duplicate');
    expect(again.plans).toEqual([]);
  });
});

describe('E5: refusals recorded with their cause', () => {
  it('E5: a rule action refused is recorded by the system with cause rule', () => {
    const ctx = withRules([rule('bad', { all: [{ type: 'update-is', kind: 'recipient-change' }] }, [{ type: 'add-cc', address: 'x@spam.example' }])], { denylist: ['spam.example'] });
    const r = must(opened('ann@acme.example', [], ctx), edit([{ op: 'add', field: 'cc', address: 'bob@acme.example' }]), ctx);
    const e = refusedEvent(r.events);
    expect([e?.cause, e?.by, e?.refused.map((x) => [x.input, x.field, x.code])]).toEqual(['rule', { kind: 'system' }, [['x@spam.example', 'cc', 'denylisted']]]);
  });

  it('E5: what a notice resolution keeps out is recorded with cause notice-resolution', () => {
    const { ticket, notice } = noticed();
    const r = must(ticket, resolve(ticket, notice.id, 'update-recipients'), contextWith({ denylist: ['dan@acme.example'] }));
    expect(refusedEvent(r.events)?.cause).toBe('notice-resolution');
    expect(refusedEvent(r.events)?.refused.map((x) => [x.input, x.code])).toEqual([['dan@acme.example', 'denylisted']]);
  });

  it('E5: what a merge keeps out is recorded with cause merge', () => {
    const source = { ...opened('bob@acme.example', ['x@spam.example']), id: 'T-2' };
    const r = must(opened(), { type: 'merge-tickets', source, by: agent, at: at() }, contextWith({ denylist: ['spam.example'] }));
    expect(refusedEvent(r.events)?.cause).toBe('merge');
  });

  it('E5: an inbound refusal is recorded with its input cut to 320 characters', () => {
    const ctx = contextWith({ denylist: ['spam.example'] });
    const r = must(opened('ann@acme.example', [], ctx), email({ from: 'ann@acme.example', to: 'support@desk.example', cc: `${'y'.repeat(330)}@spam.example` }), ctx);
    const e = refusedEvent(r.events);
    expect(e?.cause).toBe('inbound-email');
    expect(e?.refused.map((x) => [x.input, x.field, x.code])).toEqual([['y'.repeat(320), 'cc', 'denylisted']]);
  });
});

describe('F10: a split through the decider', () => {
  it('F10: the new ticket is a new ticket to its rules, sent by the reply\'s author, and its reply is planned', () => {
    const ctx = withRules([
      rule('new', { all: [{ type: 'update-is', kind: 'new-ticket' }, { type: 'sender-is', address: 'ann@acme.example' }, { type: 'sender-role', role: 'requester' }] }, [{ type: 'add-bcc', address: 'mia@desk.example' }, { type: 'add-cc', address: 'x@spam.example' }]),
    ], { denylist: ['spam.example'] });
    const { ticket, notice } = noticed(ctx);
    const r = must(ticket, resolve(ticket, notice.id, 'split', { newTicketId: 'T-2' }), ctx);
    expect(r.firedRules).toEqual(['new']);
    expect(addresses(r.splitTicket!.bccs)).toEqual(['mia@desk.example']);
    expect(r.split?.events.some((e) => e.type === 'added' && e.cause === 'rule')).toBe(true);
    expect(r.issues.map((i) => i.code)).toEqual(['denylisted']);
    // The reply goes out from its new ticket, to its people; nothing is released on the old one.
    expect(r.plans.map((p) => p.commentId)).toEqual([notice.comment.id]);
    expect(r.plans[0]?.messages[0]?.recipients.to.map((m) => m.address)).toEqual(['ann@acme.example']);
  });

  it('F10: a split\'s rules may notify, and the notification is among the plans', () => {
    const ctx = withRules([rule('tell', { all: [{ type: 'update-is', kind: 'new-ticket' }] }, [{ type: 'notify-requester' }])]);
    const { ticket, notice } = noticed(ctx);
    const r = must(ticket, resolve(ticket, notice.id, 'split', { newTicketId: 'T-2' }), ctx);
    expect(r.notifications.map((p) => p.commentId)).toEqual([notice.comment.id]);
    // Cleo and Dan were on the reply (B7): its plan has no message; the rule's notification follows it.
    expect(r.plans.map((p) => p.messages.map((m) => m.kind))).toEqual([[], ['notification']]);
  });
});

describe('E5: what an import drops is recorded with cause import', () => {
  it('E5: an import\'s unreadable address is recorded as refused by the system, with cause import', () => {
    const r = must(null, { type: 'import-ticket', ticketId: 'T-9', participants: { requester: 'ann@acme.example', ccs: ['bob@acme.example', 'not an address'] }, by: { kind: 'system' }, at: at() });
    const e = refusedEvent(r.events);
    expect([e?.cause, e?.by, e?.refused.map((x) => [x.input, x.field, x.code])]).toEqual(['import', { kind: 'system' }, [['not an address', 'cc', 'invalid-address']]]);
  });
});

describe('H4: only a merge closes a source ticket', () => {
  it('H4: a command other than a merge has no merged ticket: both are null', () => {
    const r = must(opened(), edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]));
    expect([r.merged, r.mergedTicket]).toEqual([null, null]);
  });
});

describe('B9: who a held reply reached, recorded on its notice', () => {
  /** An imported ticket over a lowered CC limit: nothing can be planned on it until an agent removes CCs. */
  const overLimit = () => {
    const c = contextWith({ ccLimit: 1 });
    const t = must(null, { type: 'import-ticket', ticketId: 'T-9', participants: { requester: 'ann@acme.example', ccs: ['bob@acme.example', 'cy@acme.example'] }, by: { kind: 'system' }, at: at() }, c).ticket!;
    return { t, c };
  };

  it('B9: a held reply that could not be planned reached nobody: its notice records nobody, in the ticket and in the log', () => {
    const { t, c } = overLimit();
    const r = must(t, email({ from: 'zed@z.example', to: 'support@desk.example', cc: 'ann@acme.example' }), c);
    expect(r.plans).toEqual([]);
    expect(r.issues.map((i) => i.code)).toEqual(['cc-limit-exceeded']);
    expect(r.ticket!.notices.map((n) => [n.kind, n.told])).toEqual([['third-party-reply', []]]);
    const raised = r.events.find((e) => e.type === 'notice-raised');
    expect(raised?.type === 'notice-raised' && raised.notice.told).toEqual([]);
  });

  it('B9: a reply held again by the notice its acceptance raises keeps who had it while held, and adds whom the release reached', () => {
    const c = contextWith({ internalNotesToStaffCcs: false });
    let t = opened('ann@acme.example', ['bob@acme.example'], c);
    t = must(t, edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }]), c).ticket!;
    const held = must(t, { ...(email({ from: 'zed@z.example', to: 'support@desk.example', cc: 'ann@acme.example' }) as Extract<Command, { type: 'receive-email' }>), commentId: 'held', authentication: 'fail' }, c);
    expect(held.ticket!.notices.map((n) => [n.id, n.told?.map((m) => m.address)])).toEqual([['held#unverified-sender', ['otto@desk.example']]]);
    // Meanwhile Kate follows, and Ann's own reply dropping Bob raises a notice of its own.
    const followed = must(held.ticket, edit([{ op: 'add', field: 'follower', address: 'kate@desk.example' }]), c).ticket!;
    const other = must(followed, { ...(email({ from: 'ann@acme.example', to: 'support@desk.example' }) as Extract<Command, { type: 'receive-email' }>), commentId: 'drop' }, c).ticket!;
    const before = other.notices.find((n) => n.id !== 'held#unverified-sender');
    expect(before?.id).toBe('drop#recipients-changed');
    const accepted = must(other, { type: 'resolve-notice', noticeId: 'held#unverified-sender', resolution: 'accept', by: agent, at: at() }, c);
    // The release reaches Kate, who was not following while it was held; Otto had it then.
    expect(accepted.plans.flatMap((p) => p.messages.flatMap((m) => addresses(m.envelope)))).toEqual(['kate@desk.example']);
    expect(accepted.ticket!.notices.map((n) => [n.id, n.told?.map((m) => m.address)])).toEqual([
      ['drop#recipients-changed', before?.told?.map((m) => m.address)],
      ['held#third-party-reply', ['otto@desk.example', 'kate@desk.example']],
    ]);
    const raised = accepted.events.find((e) => e.type === 'notice-raised');
    expect(raised?.type === 'notice-raised' && raised.notice.told?.map((m) => m.address)).toEqual(['otto@desk.example', 'kate@desk.example']);
  });
});

describe('G3: the decider\'s one dispatch', () => {
  it('G3: a command of no known type that reaches dispatch past the gate is refused, not ignored', () => {
    const t = opened();
    const r = dispatch(t, { type: 'unknown', by: agent, at: at() } as unknown as Command, resolveContext(contextWith()));
    expect(!r.ok && r.error.map((i) => [i.code, i.path])).toEqual([['invalid-command', ['type']]]);
  });
});
