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

/** Every sign F11 reads, with the kind it gives and the header named as the reason. */
const SIGNS: readonly { readonly name: string; readonly headers: Record<string, string>; readonly from?: string; readonly kind: 'automatic' | 'list' | 'bounce'; readonly reason: string }[] = [
  { name: 'Auto-Submitted: auto-replied', headers: { 'Auto-Submitted': 'auto-replied' }, kind: 'automatic', reason: 'auto-submitted' },
  { name: 'Auto-Submitted: auto-generated', headers: { 'Auto-Submitted': 'auto-generated' }, kind: 'automatic', reason: 'auto-submitted' },
  { name: 'Precedence: bulk', headers: { Precedence: 'bulk' }, kind: 'automatic', reason: 'precedence' },
  { name: 'Precedence: junk', headers: { Precedence: 'junk' }, kind: 'automatic', reason: 'precedence' },
  { name: 'Precedence: list', headers: { Precedence: 'list' }, kind: 'automatic', reason: 'precedence' },
  { name: 'Precedence: auto_reply', headers: { Precedence: 'auto_reply' }, kind: 'automatic', reason: 'precedence' },
  { name: 'X-Autoreply', headers: { 'X-Autoreply': 'yes' }, kind: 'automatic', reason: 'x-autoreply' },
  { name: 'X-Autorespond', headers: { 'X-Autorespond': 'Out of office' }, kind: 'automatic', reason: 'x-autorespond' },
  { name: 'X-Autogenerated', headers: { 'X-Autogenerated': 'Reply' }, kind: 'automatic', reason: 'x-autogenerated' },
  { name: 'read receipt', headers: { 'Content-Type': 'multipart/report; report-type=disposition-notification; boundary="b"' }, kind: 'automatic', reason: 'content-type' },
  { name: 'abuse report', headers: { 'Content-Type': 'multipart/report; report-type=feedback-report; boundary="b"' }, kind: 'automatic', reason: 'content-type' },
  { name: 'List-Id', headers: { 'List-Id': '<users.lists.acme.example>' }, kind: 'list', reason: 'list-id' },
  { name: 'List-Unsubscribe', headers: { 'List-Unsubscribe': '<mailto:leave@lists.acme.example>' }, kind: 'list', reason: 'list-unsubscribe' },
  { name: 'delivery status notification', headers: { 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b"' }, kind: 'bounce', reason: 'content-type' },
  { name: 'empty Return-Path', headers: { 'Return-Path': '<>' }, kind: 'bounce', reason: 'return-path' },
  { name: 'From MAILER-DAEMON', headers: {}, from: 'MAILER-DAEMON@mx.acme.example', kind: 'bounce', reason: 'from' },
  { name: 'From postmaster', headers: {}, from: 'postmaster@acme.example', kind: 'bounce', reason: 'from' },
];

const SETTINGS_GRID = PRESETS.flatMap((preset) =>
  (['internal', 'public'] as const).flatMap((machineMail) => ([false, true] as const).map((machineMailOpensTickets) => ({ preset, machineMail, machineMailOpensTickets }))),
);

describe('F11: every recognised header, under every preset and machine-mail setting', () => {
  describe.each(SIGNS.map((s) => [s.name, s] as const))('%s', (_name, sign) => {
    it.each(SETTINGS_GRID.map((g) => [`${g.preset}, machineMail ${g.machineMail}, opens tickets ${g.machineMailOpensTickets}`, g] as const))(
      'F11 (%s): a reply that drops every CC and names a newcomer changes nobody, raises no notice, is kept as machineMail says',
      (_label, g) => {
        const context = contextFor(g.preset, { machineMail: g.machineMail, machineMailOpensTickets: g.machineMailOpensTickets, thirdPartyReply: 'add-as-cc' });
        const t = annsTicket(context);
        const r = ok(t, mail({ from: sign.from ?? ANN, to: 'support@desk.example', cc: 'dora@partner.example', headers: sign.headers }), context);
        expect(r.email?.classification.kind).toBe(sign.kind);
        expect(r.email?.classification.reason?.header).toBe(sign.reason);
        expect(r.email?.outcome).toBe('added');
        expect(participants(r.ticket)).toEqual(participants(t));
        expect(recipientEvents(r)).toEqual([]);
        expect(r.email?.notice).toBeNull();
        expect(r.email?.comment?.visibility).toBe(g.machineMail);
        expect(r.email?.comment?.automatic).toBe(true);
        // B7: no notification answers it.
        expect(r.notifications).toEqual([]);
      },
    );

    it.each(SETTINGS_GRID.map((g) => [`${g.preset}, machineMail ${g.machineMail}, opens tickets ${g.machineMailOpensTickets}`, g] as const))(
      'F11 (%s): as a first message it opens no ticket, or one with its sender as requester and no CCs',
      (_label, g) => {
        const context = contextFor(g.preset, { machineMail: g.machineMail, machineMailOpensTickets: g.machineMailOpensTickets });
        const from = sign.from ?? ANN;
        const r = ok(null, mail({ from, to: 'support@desk.example, dora@partner.example', cc: BOB, headers: sign.headers }), context);
        expect(r.email?.classification.kind).toBe(sign.kind);
        if (!g.machineMailOpensTickets) {
          expect(r.email?.outcome).toBe('machine-mail');
          expect(r.ticket).toBeNull();
          expect(r.events).toEqual([]);
          expect(r.issues.find((i) => i.code === 'machine-mail')).toMatchObject({ code: 'machine-mail', kind: sign.kind });
        } else {
          expect(r.email?.outcome).toBe('opened');
          expect(r.ticket?.requester?.address.toLowerCase()).toBe(from.toLowerCase().replace(/^.*</, '').replace(/>$/, ''));
          expect(r.ticket?.ccs).toEqual([]);
          expect(r.ticket?.bccs).toEqual([]);
          expect(r.email?.comment?.visibility).toBe(g.machineMail);
          expect(r.issues.map((i) => i.code)).not.toContain('machine-mail');
        }
      },
    );
  });

  it('F11: "Auto-Submitted: no" is a person: the same reply then applies F9 under Zendesk (the tests above can fail)', () => {
    const context = contextFor('zendesk');
    const t = annsTicket(context);
    const r = ok(t, mail({ from: ANN, to: 'support@desk.example', headers: { 'Auto-Submitted': 'no' } }), context);
    expect(r.email?.classification.kind).toBe('person');
    expect(r.ticket?.ccs).toEqual([]);
  });
});

describe('F11 H1: bounces and deliverability', () => {
  const bounce = (failedRecipients: unknown, extra: Partial<InboundEmail> = {}) =>
    mail({ from: 'MAILER-DAEMON@mx.desk.example', to: 'support@desk.example', headers: { 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b"' }, failedRecipients, ...extra });

  it.each(PRESETS)('H1 (%s): a bounce naming a participant marks them undeliverable; they keep their role; writing in again restores them', (preset) => {
    const context = contextFor(preset);
    const t = annsTicket(context);
    const r = ok(t, bounce(['Bob <BOB@acme.example>', 'stranger@else.example']), context);
    expect(participants(r.ticket)).toEqual(participants(t));
    expect(r.ticket?.heldBack).toEqual([expect.objectContaining({ mailbox: expect.objectContaining({ key: BOB }), reason: 'undeliverable' })]);
    const reply = ok(r.ticket, mail({ from: ANN, to: 'support@desk.example', cc: CLEO }), context);
    const plan = reply.plans[0];
    expect(plan?.messages.flatMap((m) => m.envelope.map((e) => e.address))).not.toContain(BOB);
    const back = ok(r.ticket, mail({ from: BOB, to: 'support@desk.example', cc: `ann@acme.example, ${CLEO}` }), context);
    expect(back.ticket?.heldBack).toEqual([]);
    expect(back.events.map((e) => e.type)).toContain('delivery-changed');
  });

  it('H1: a failed recipient that is no address is reported at its path; the valid ones are still marked', () => {
    const context = contextFor('omnidesk');
    const t = annsTicket(context);
    const r = ok(t, bounce(['Bob <BOB@acme.example>', 'not an address', 42]), context);
    expect(r.ticket?.heldBack).toEqual([expect.objectContaining({ mailbox: expect.objectContaining({ key: BOB }), reason: 'undeliverable' })]);
    expect(r.issues.filter((i) => i.path[0] === 'failedRecipients').map((i) => [i.code, i.path, i.input])).toEqual([
      ['invalid-address', ['failedRecipients', 1], 'not an address'],
      ['invalid-address', ['failedRecipients', 2], 42],
    ]);
    // One string holding a list is read as one: its bad part is reported at the field.
    const listed = ok(t, bounce(`${BOB}, nobody@`), context);
    expect(listed.ticket?.heldBack).toHaveLength(1);
    expect(listed.issues.filter((i) => i.path[0] === 'failedRecipients').map((i) => [i.code, i.path])).toEqual([['invalid-address', ['failedRecipients']]]);
  });

  it('H1: a bounce naming nobody on the ticket changes nothing', () => {
    const context = contextFor('omnidesk');
    const t = annsTicket(context);
    const r = ok(t, bounce('stranger@else.example'), context);
    expect(r.ticket?.heldBack).toEqual([]);
    expect(r.events.map((e) => e.type)).toEqual(['comment-added']);
  });

  it('F13 H1: a bounce whose sender failed authentication marks nobody (a forged bounce cannot silence a participant)', () => {
    const context = contextFor('omnidesk');
    const t = annsTicket(context);
    expect(ok(t, bounce(BOB, { authentication: 'fail' }), context).ticket?.heldBack).toEqual([]);
    expect(ok(t, bounce(BOB, { authentication: 'fail' }), contextFor('omnidesk', { unauthenticatedMail: 'trust' })).ticket?.heldBack).toHaveLength(1);
  });

  it('H1: an auto-reply from an undeliverable participant does not restore them; only a person writing does', () => {
    const context = contextFor('omnidesk');
    const t = ok(annsTicket(context), bounce(BOB), context).ticket!;
    const auto = ok(t, mail({ from: BOB, to: 'support@desk.example', headers: { 'Auto-Submitted': 'auto-replied' } }), context);
    expect(auto.ticket?.heldBack).toHaveLength(1);
  });
});

describe('F13: unverified senders', () => {
  const replyAll = (extra: Partial<InboundEmail> = {}) => mail({ from: ANN, to: 'support@desk.example', cc: `${CLEO}, dora@partner.example`, ...extra });

  it.each(PRESETS)('F13 (%s): "fail" with "note" changes no recipient and is an internal note with an unverified-sender notice', (preset) => {
    const context = contextFor(preset);
    const t = annsTicket(context);
    const r = ok(t, replyAll({ authentication: 'fail' }), context);
    expect(participants(r.ticket)).toEqual(participants(t));
    expect(recipientEvents(r)).toEqual([]);
    expect(r.email?.comment?.visibility).toBe('internal');
    expect(r.email?.notice?.kind).toBe('unverified-sender');
    expect(r.email?.notice?.resolutions).toEqual(['accept', 'split']);
    expect(r.plans.flatMap((p) => p.messages).some((m) => m.kind === 'customer-reply')).toBe(false);
  });

  it.each(PRESETS)('F13 (%s): accept applies what F2–F9 would have done with the message', (preset) => {
    const context = contextFor(preset);
    const t = annsTicket(context);
    const held = ok(t, replyAll({ authentication: 'fail' }), context);
    const accepted = ok(held.ticket, { type: 'resolve-notice', noticeId: held.email!.notice!.id, resolution: 'accept', by: KATE, at: '2026-02-01T12:00:00Z' }, context);
    const trusted = ok(t, replyAll({ authentication: 'pass' }), context);
    expect(participants(accepted.ticket)).toEqual(participants(trusted.ticket));
    expect(accepted.ticket?.notices.map((n) => n.kind)).toEqual(trusted.ticket?.notices.map((n) => n.kind));
    const visibility = [...accepted.events].reverse().find((e) => e.type === 'comment-visibility-changed');
    expect(visibility?.type === 'comment-visibility-changed' ? visibility.visibility : 'internal').toBe(trusted.email?.comment?.visibility);
  });

  it('F13: accept on a reply-all with a newcomer adds the CC and makes the reply public (Omnidesk), releasing it (B9)', () => {
    const context = contextFor('omnidesk');
    const t = annsTicket(context);
    const held = ok(t, mail({ from: ANN, to: 'support@desk.example', cc: `${BOB}, ${CLEO}, dora@partner.example`, authentication: 'fail' }), context);
    expect(held.ticket?.ccs.map((m) => m.key)).toEqual([BOB, CLEO]);
    const accepted = ok(held.ticket, { type: 'resolve-notice', noticeId: held.email!.notice!.id, resolution: 'accept', by: KATE, at: 't' }, context);
    expect(accepted.ticket?.ccs.map((m) => m.key)).toEqual([BOB, CLEO, 'dora@partner.example']);
    expect(accepted.events.some((e) => e.type === 'comment-visibility-changed' && e.visibility === 'public')).toBe(true);
    expect(accepted.ticket?.notices).toEqual([]);
  });

  it('F13: split moves an unverified reply to its own ticket', () => {
    const context = contextFor('omnidesk');
    const held = ok(annsTicket(context), replyAll({ authentication: 'fail' }), context);
    const split = ok(held.ticket, { type: 'resolve-notice', noticeId: held.email!.notice!.id, resolution: 'split', newTicketId: 'T-2', by: KATE, at: 't' }, context);
    expect(split.splitTicket?.requester?.key).toBe('ann@acme.example');
    expect(split.ticket?.ccs.map((m) => m.key)).toEqual([BOB, CLEO]);
  });

  it('F13: an unverified message that opens a ticket gets its requester and no CCs until accepted', () => {
    const context = contextFor('omnidesk');
    const r = ok(null, mail({ from: ANN, to: 'support@desk.example', cc: BOB, authentication: 'fail' }), context);
    expect(r.ticket?.requester?.key).toBe('ann@acme.example');
    expect(r.ticket?.ccs).toEqual([]);
    expect(r.email?.notice?.resolutions).toEqual(['accept']);
    const accepted = ok(r.ticket, { type: 'resolve-notice', noticeId: r.email!.notice!.id, resolution: 'accept', by: KATE, at: 't' }, context);
    expect(accepted.ticket?.ccs.map((m) => m.key)).toEqual([BOB]);
  });

  it.each(['trust', 'note'] as const)('F13: with "%s", "pass" and "none" are handled like any other message; with "trust", so is "fail"', (unauthenticatedMail) => {
    const context = contextFor('zendesk', { unauthenticatedMail });
    const t = annsTicket(context);
    const expected = participants(ok(t, replyAll({ authentication: 'pass' }), context).ticket);
    expect(expected?.ccs).toEqual([CLEO, 'dora@partner.example']);
    expect(participants(ok(t, replyAll({ authentication: 'none' }), context).ticket)).toEqual(expected);
    expect(participants(ok(t, replyAll({}), context).ticket)).toEqual(expected);
    const failed = ok(t, replyAll({ authentication: 'fail' }), context);
    if (unauthenticatedMail === 'trust') {
      expect(participants(failed.ticket)).toEqual(expected);
      expect(failed.email?.notice).toBeNull();
    } else expect(participants(failed.ticket)).toEqual(participants(t));
  });

  it('F13 F1: a Reply-To that differs from From is reported, and never changes the sender', () => {
    const context = contextFor('omnidesk');
    const t = annsTicket(context);
    const r = ok(t, mail({ from: ANN, replyTo: 'collect@attacker.test', to: 'support@desk.example', cc: `${BOB}, ${CLEO}` }), context);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'reply-to-differs', header: 'reply-to' }));
    expect(r.email?.comment?.author?.key).toBe('ann@acme.example');
    expect(r.email?.comment?.authorRole).toBe('requester');
    expect(participants(r.ticket)).toEqual(participants(t));
    const same = ok(t, mail({ from: ANN, replyTo: 'ANN@acme.example', to: 'support@desk.example', cc: `${BOB}, ${CLEO}` }), context);
    expect(same.issues.map((i) => i.code)).not.toContain('reply-to-differs');
    const second = ok(t, mail({ from: ANN, replyTo: 'ann@acme.example, collect@attacker.test', to: 'support@desk.example', cc: `${BOB}, ${CLEO}` }), context);
    expect(second.issues).toContainEqual(expect.objectContaining({ code: 'reply-to-differs', message: expect.stringContaining('collect@attacker.test') }));
  });

  it('A1 F13: an invalid Reply-To entry is reported with its text and header, and changes nobody', () => {
    const context = contextFor('omnidesk');
    const t = annsTicket(context);
    const r = ok(t, mail({ from: ANN, replyTo: 'ann@acme.example, not an address', to: 'support@desk.example', cc: `${BOB}, ${CLEO}` }), context);
    expect(r.issues.filter((i) => i.header === 'reply-to').map((i) => [i.code, i.input])).toEqual([['invalid-address', 'not an address']]);
    expect(r.email?.comment?.author?.key).toBe('ann@acme.example');
    expect(participants(r.ticket)).toEqual(participants(t));
  });

  it('F13: a spoofed display name that spells the desk address is just the address it wraps', () => {
    const context = contextFor('omnidesk');
    const t = annsTicket(context);
    const r = ok(t, mail({ from: '"support@desk.example" <evil@attacker.test>', to: 'support@desk.example', cc: 'ann@acme.example' }), context);
    expect(r.email?.comment?.author?.key).toBe('evil@attacker.test');
    expect(r.email?.comment?.authorRole).toBe('third-party');
    expect(r.issues.map((i) => i.code)).not.toContain('support-sender');
    expect(participants(r.ticket)).toEqual(participants(t));
  });
});

describe('G3: rules and untrusted mail', () => {
  const bccOnReply: Rule = { id: 'bcc-mia', title: 'BCC Mia on inbound replies', active: true, conditions: { all: [{ type: 'update-is', kind: 'inbound-reply' }] }, actions: [{ type: 'add-bcc', address: 'mia@desk.example' }] };
  const bccOnNew: Rule = { id: 'bcc-mia-new', title: 'BCC Mia on new tickets', active: true, conditions: { all: [{ type: 'update-is', kind: 'new-ticket' }] }, actions: [{ type: 'add-bcc', address: 'mia@desk.example' }] };
  const context = contextFor('omnidesk', {}, [bccOnReply]);
  const plain = contextFor('omnidesk');

  it('G3: the rule fires on an ordinary reply (so the cases below can fail)', () => {
    const r = ok(annsTicket(plain), mail({ from: ANN, to: 'support@desk.example', cc: `${BOB}, ${CLEO}` }), context);
    expect(r.firedRules).toEqual(['bcc-mia']);
    expect(r.ticket?.bccs.map((m) => m.key)).toEqual(['mia@desk.example']);
  });

  it.each([
    ['an auto-reply (F11)', { headers: { 'Auto-Submitted': 'auto-replied' } }],
    ['list mail (F11)', { headers: { 'List-Id': '<l.acme.example>' } }],
    ['a bounce (F11)', { from: 'MAILER-DAEMON@mx.acme.example' }],
    ['a copy that did not address the desk (F12)', { to: 'sales@vendor.example', cc: CLEO }],
    ['an unverified sender (F13)', { authentication: 'fail' as const }],
    ['an unverified answer to a note (F13)', { authentication: 'fail' as const, answers: { commentId: 'n', visibility: 'internal' as const } }],
  ])('G3: rules do not run on %s', (_name, extra) => {
    const t = annsTicket(plain);
    const r = ok(t, mail({ from: ANN, to: 'support@desk.example', cc: `${BOB}, ${CLEO}`, ...extra }), context);
    expect(r.firedRules).toEqual([]);
    expect(participants(r.ticket)).toEqual(participants(t));
  });

  it("G3: they run on a split's new ticket as a new ticket", () => {
    const rules = contextFor('omnidesk', {}, [bccOnNew]);
    const t = annsTicket(plain);
    const copy = ok(t, mail({ from: ANN, to: 'support@desk.example', cc: 'dora@partner.example' }), plain);
    expect(copy.email?.notice?.kind).toBe('recipients-changed');
    const split = ok(copy.ticket, { type: 'resolve-notice', noticeId: copy.email!.notice!.id, resolution: 'split', newTicketId: 'T-2', by: KATE, at: 't' }, rules);
    expect(split.firedRules).toEqual(['bcc-mia-new']);
    expect(split.splitTicket?.bccs.map((m) => m.key)).toEqual(['mia@desk.example']);
    expect(split.ticket?.bccs).toEqual([]);
  });

  it('G3: they do not run on machine mail that opens a ticket', () => {
    const rules = contextFor('omnidesk', { machineMailOpensTickets: true }, [bccOnNew]);
    const r = ok(null, mail({ from: ANN, to: 'support@desk.example', headers: { 'Auto-Submitted': 'auto-generated' } }), rules);
    expect(r.firedRules).toEqual([]);
    expect(r.ticket?.bccs).toEqual([]);
    expect(ok(null, mail({ from: ANN, to: 'support@desk.example' }), rules).firedRules).toEqual(['bcc-mia-new']);
  });
});
