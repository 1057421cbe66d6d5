// Trust on a real mailbox: machine mail (F11), copies that did not address the desk (F12),
// unverified senders (F13), agents opening tickets by mail (F14), forged actors (D7), light
// agents by email (D4), and rules on all of them (G3).
import { describe, expect, it } from 'vitest';
import {
  createDirectory,
  handle,
  presets,
  type Command,
  type Handled,
  type InboundEmail,
  type Rule,
  type Settings,
  type Ticket,
  type TicketContext,
} from '../src/index.js';

const SUPPORT = ['support@desk.example', 'reply+*@in.desk.example'];
const ANN = 'Ann Lee <ann@acme.example>';
const BOB = 'bob@acme.example';
const CLEO = 'cleo@acme.example';
const KATE = { kind: 'agent', id: 'kate' } as const;

const directory = createDirectory([
  { address: 'kate@desk.example', kind: 'agent', id: 'kate' },
  { address: 'lena@desk.example', kind: 'light-agent', id: 'lena' },
  { address: 'mia@desk.example', kind: 'admin', id: 'mia' },
]);

type PresetName = keyof typeof presets;
const PRESETS = Object.keys(presets) as PresetName[];

const contextFor = (preset: PresetName, overrides: Partial<Settings> = {}, rules: readonly Rule[] = []): TicketContext => ({
  settings: { ...presets[preset], supportAddresses: SUPPORT, ...overrides },
  directory,
  rules,
});

let n = 0;
function mail(fields: Partial<InboundEmail> & { from: unknown }): InboundEmail {
  n += 1;
  return { type: 'receive-email', messageId: `<t${n}@mail.example>`, at: `2026-02-01T10:${String(n % 60).padStart(2, '0')}:00Z`, ...fields };
}

function ok(ticket: Ticket | null, command: Command, context: TicketContext): Handled {
  const r = handle(ticket, command, context);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Ann's ticket with Bob and Cleo in CC; under servicecamp (no CCs by email) an agent adds them. */
function annsTicket(context: TicketContext): Ticket {
  const opened = ok(null, mail({ from: ANN, to: 'support@desk.example', cc: `${BOB}, ${CLEO}`, newTicketId: 'T-1' }), context).ticket!;
  if (opened.ccs.length === 2) return opened;
  const edit: Command = { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: BOB }, { op: 'add', field: 'cc', address: CLEO }], by: KATE, at: '2026-02-01T09:00:00Z' };
  return ok(opened, edit, context).ticket!;
}

const participants = (t: Ticket | null) =>
  t === null ? null : { requester: t.requester?.key ?? null, ccs: t.ccs.map((m) => m.key), bccs: t.bccs.map((m) => m.key), followers: t.followers.map((m) => m.key) };
const recipientEvents = (r: Handled) => r.events.filter((e) => ['recipient-added', 'recipient-removed', 'requester-changed'].includes(e.type));

describe('F11: the measured failures, as regression tests', () => {
  it("F11: under Zendesk, Ann's auto-reply to support only removes no CC (it removed both)", () => {
    const context = contextFor('zendesk');
    const t = annsTicket(context);
    const r = ok(t, mail({ from: ANN, to: 'support@desk.example', headers: { 'Auto-Submitted': 'auto-replied' } }), context);
    expect(participants(r.ticket)).toEqual(participants(t));
    expect(recipientEvents(r)).toEqual([]);
    expect(r.email?.classification).toEqual({ kind: 'automatic', reason: { header: 'auto-submitted', value: 'auto-replied' } });
    expect(r.email?.comment?.visibility).toBe('internal');
    expect(r.email?.notice).toBeNull();
  });

  it("F11: under Omnidesk, Ann's auto-reply raises no dropped-recipients notice", () => {
    const context = contextFor('omnidesk');
    const t = annsTicket(context);
    const r = ok(t, mail({ from: ANN, to: 'support@desk.example', headers: { 'Auto-Submitted': 'auto-replied' } }), context);
    expect(r.email?.notice).toBeNull();
    expect(r.ticket?.notices).toEqual([]);
    expect(participants(r.ticket)).toEqual(participants(t));
  });

  it.each(['MAILER-DAEMON@mx.acme.example', 'postmaster@acme.example', 'Mail Delivery System <Mailer-Daemon@mx.acme.example>'])(
    'F11: %s is never added, even with thirdPartyReply "add-as-cc"',
    (from) => {
      for (const preset of PRESETS) {
        const context = contextFor(preset, { thirdPartyReply: 'add-as-cc' });
        const t = annsTicket(context);
        const r = ok(t, mail({ from, to: 'support@desk.example' }), context);
        expect(r.email?.classification.kind).toBe('bounce');
        expect(participants(r.ticket)).toEqual(participants(t));
        expect(r.email?.comment?.visibility).toBe('internal');
        // A person at a normal address with the same settings is added (where CCs by email are on): the test can fail.
        const person = ok(t, mail({ from: 'dora@partner.example', to: 'support@desk.example' }), context);
        expect(person.ticket?.ccs.some((m) => m.key === 'dora@partner.example')).toBe(presets[preset].emailCcsEnabled);
      }
    },
  );
});

describe('F12: a copy that did not address the desk', () => {
  it.each(PRESETS)('F12 (%s): Ann writes to a vendor, Cc Cleo, desk in BCC: nothing changes, internal note with a desk-not-addressed notice', (preset) => {
    const context = contextFor(preset);
    const t = annsTicket(context);
    const r = ok(t, mail({ from: ANN, to: 'sales@vendor.example', cc: CLEO }), context);
    expect(participants(r.ticket)).toEqual(participants(t));
    expect(recipientEvents(r)).toEqual([]);
    expect(r.email?.comment?.visibility).toBe('internal');
    expect(r.email?.notice?.kind).toBe('desk-not-addressed');
    expect(r.email?.notice?.resolutions).toEqual(['make-public']);
    // Nobody outside the desk hears of it.
    for (const plan of r.plans) for (const m of plan.messages) expect(m.kind).not.toBe('customer-reply');
  });

  it('F12: the make-public resolution publishes the copy and changes no participant', () => {
    const context = contextFor('omnidesk');
    const t = annsTicket(context);
    const copy = ok(t, mail({ from: ANN, to: 'sales@vendor.example', cc: CLEO }), context);
    const notice = copy.email!.notice!;
    const r = ok(copy.ticket, { type: 'resolve-notice', noticeId: notice.id, resolution: 'make-public', by: KATE, at: '2026-02-01T12:00:00Z' }, context);
    expect(r.events.map((e) => e.type)).toEqual(['comment-visibility-changed', 'notice-resolved']);
    const change = r.events[0];
    expect(change?.type === 'comment-visibility-changed' && change.visibility).toBe('public');
    expect(r.ticket?.notices).toEqual([]);
    expect(participants(r.ticket)).toEqual(participants(t));
    expect(r.plans.flatMap((p) => p.messages).some((m) => m.envelope.some((e) => e.address === 'sales@vendor.example'))).toBe(false);
  });

  it('F12: a copy that answers an internal note still carries the desk-not-addressed notice (no rules run on it)', () => {
    const rule: Rule = { id: 'r-bcc', title: 'BCC Mia on replies', active: true, conditions: { all: [{ type: 'update-is', kind: 'inbound-reply' }] }, actions: [{ type: 'add-bcc', address: 'mia@desk.example' }] };
    const context = contextFor('omnidesk', {}, [rule]);
    const t = annsTicket(contextFor('omnidesk'));
    const r = ok(t, mail({ from: 'kate@desk.example', to: 'lena@desk.example', answers: { commentId: 'n1', visibility: 'internal' } }), context);
    expect(r.email?.comment?.visibility).toBe('internal');
    expect(r.email?.notice?.kind).toBe('desk-not-addressed');
    expect(r.firedRules).toEqual([]);
    expect(participants(r.ticket)).toEqual(participants(t));
  });
});

describe('F14: an agent opens a ticket by mail', () => {
  it('F14: "customer": the first non-staff To address is the requester, the rest CCs, the agent writes the first public comment', () => {
    const context = contextFor('omnidesk');
    const r = ok(null, mail({ from: 'Kate <kate@desk.example>', to: 'mia@desk.example, Ann <ann@acme.example>, support@desk.example', cc: BOB, newTicketId: 'T-9' }), context);
    expect(r.email?.outcome).toBe('opened');
    expect(r.ticket?.requester?.key).toBe('ann@acme.example');
    expect(r.ticket?.ccs.map((m) => m.key)).toEqual(['mia@desk.example', BOB]);
    expect(r.email?.comment?.author?.key).toBe('kate@desk.example');
    expect(r.email?.comment?.authorRole).toBe('agent');
    expect(r.email?.comment?.visibility).toBe('public');
  });

  it('F14: "sender": the agent is the requester', () => {
    const context = contextFor('omnidesk', { agentOpensTicketFor: 'sender' });
    const r = ok(null, mail({ from: 'kate@desk.example', to: 'ann@acme.example, support@desk.example', cc: BOB }), context);
    expect(r.ticket?.requester?.key).toBe('kate@desk.example');
    expect(r.ticket?.ccs.map((m) => m.key)).toEqual(['ann@acme.example', BOB]);
  });

  it('F14: a customer opening a ticket is the requester under either setting', () => {
    for (const agentOpensTicketFor of ['customer', 'sender'] as const) {
      const r = ok(null, mail({ from: ANN, to: 'support@desk.example, dora@partner.example' }), contextFor('omnidesk', { agentOpensTicketFor }));
      expect(r.ticket?.requester?.key).toBe('ann@acme.example');
      expect(r.ticket?.ccs.map((m) => m.key)).toEqual(['dora@partner.example']);
    }
  });

  it("F11 F14: an agent's auto-reply that may open a ticket has its sender as requester and no CCs", () => {
    const context = contextFor('omnidesk', { machineMailOpensTickets: true });
    const r = ok(null, mail({ from: 'kate@desk.example', to: 'ann@acme.example, support@desk.example', cc: BOB, headers: { 'auto-submitted': 'auto-replied' } }), context);
    expect(r.ticket?.requester?.key).toBe('kate@desk.example');
    expect(r.ticket?.ccs).toEqual([]);
  });
});

describe('D7: the actor is who the directory says', () => {
  const edit = (by: unknown): Command => ({ type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'dora@partner.example' }], by, at: '2026-02-01T11:00:00Z' }) as Command;

  it('D7: a light agent claiming to be an agent is refused with actor-mismatch', () => {
    const context = contextFor('omnidesk');
    const r = handle(annsTicket(context), edit({ kind: 'agent', id: 'lena' }), context);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.map((i) => i.code)).toEqual(['actor-mismatch']);
      expect(r.error[0]?.path).toEqual(['by', 'kind']);
    }
  });

  it('D7: an id not in the directory is refused with unknown-actor', () => {
    const context = contextFor('omnidesk');
    const r = handle(annsTicket(context), edit({ kind: 'agent', id: 'nobody' }), context);
    expect(r.ok ? [] : r.error.map((i) => i.code)).toEqual(['unknown-actor']);
  });

  it('D7: the directory kind decides on a notice resolution too', () => {
    const context = contextFor('omnidesk');
    const copy = ok(annsTicket(context), mail({ from: ANN, to: 'sales@vendor.example' }), context);
    const resolve = (by: unknown) => handle(copy.ticket, { type: 'resolve-notice', noticeId: copy.email!.notice!.id, resolution: 'make-public', by, at: 't' } as Command, context);
    const forged = resolve({ kind: 'admin', id: 'lena' });
    expect(forged.ok ? [] : forged.error.map((i) => i.code)).toEqual(['actor-mismatch']);
    expect(resolve({ kind: 'agent', id: 'kate' }).ok).toBe(true);
  });

  it('D7: the real kind is accepted, and an agent as agent may edit', () => {
    const context = contextFor('omnidesk');
    expect(handle(annsTicket(context), edit({ kind: 'agent', id: 'kate' }), context).ok).toBe(true);
    const light = handle(annsTicket(context), edit({ kind: 'light-agent', id: 'lena' }), context);
    // Accepted as who she is, then D4 refuses the change itself.
    expect(light.ok ? [] : light.error.map((i) => i.code)).toEqual(['not-permitted']);
  });
});

describe("D4: a light agent's email is internal", () => {
  it.each(PRESETS)("D4 (%s): Lena's Reply all to the requester and CCs is an internal note and adds nobody", (preset) => {
    const context = contextFor(preset);
    const t = annsTicket(context);
    const r = ok(t, mail({ from: 'lena@desk.example', to: 'support@desk.example, ann@acme.example', cc: `${BOB}, ${CLEO}, dora@partner.example` }), context);
    expect(r.email?.comment?.visibility).toBe('internal');
    expect(participants(r.ticket)).toEqual(participants(t));
  });

  it('D4: a light agent in BCC replying to all is still internal', () => {
    const context = contextFor('omnidesk');
    const t = ok(annsTicket(context), { type: 'edit-recipients', changes: [{ op: 'add', field: 'bcc', address: 'lena@desk.example' }], by: KATE, at: 't' }, context).ticket!;
    expect(t.bccs.map((m) => m.key)).toEqual(['lena@desk.example']);
    const r = ok(t, mail({ from: 'lena@desk.example', to: 'support@desk.example, ann@acme.example', cc: `${BOB}, ${CLEO}` }), context);
    expect(r.email?.comment?.visibility).toBe('internal');
  });

  it('D4: a light agent in CC replying to all is internal and removes nobody under Zendesk', () => {
    const context = contextFor('zendesk');
    const t = ok(annsTicket(context), { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'lena@desk.example' }], by: KATE, at: 't' }, context).ticket!;
    const r = ok(t, mail({ from: 'lena@desk.example', to: 'support@desk.example, ann@acme.example' }), context);
    expect(r.email?.comment?.visibility).toBe('internal');
    expect(participants(r.ticket)).toEqual(participants(t));
  });

  it("D4: a light agent's auto-reply stays internal even with machineMail public", () => {
    const context = contextFor('omnidesk', { machineMail: 'public' });
    const t = annsTicket(context);
    const r = ok(t, mail({ from: 'lena@desk.example', to: 'support@desk.example', headers: { 'auto-submitted': 'auto-replied' } }), context);
    expect(r.email?.comment?.visibility).toBe('internal');
    const person = ok(t, mail({ from: ANN, to: 'support@desk.example', headers: { 'auto-submitted': 'auto-replied' } }), context);
    expect(person.email?.comment?.visibility).toBe('public');
  });
});
