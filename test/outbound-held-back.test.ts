import { describe, expect, it } from 'vitest';
import { createDirectory, fold, planDelivery, planNotification, type DeliveryPlan, type Mailbox, type Ticket, type TicketEvent } from '../src/index.js';
import { addresses, at, contextWith, directory, edit, email, must, opened } from './support/tickets.js';

/** Ann's ticket: Bob (end user) and Otto (agent) in CC, Mia in BCC, Kate following. */
function ticket(): Ticket {
  const t = opened('Ann Lee <ann@acme.example>', ['"Roe, Bob" <bob@acme.example>', 'otto@desk.example']);
  return must(t, edit([{ op: 'add', field: 'bcc', address: 'Mia <mia@desk.example>' }, { op: 'add', field: 'follower', address: 'kate@desk.example' }])).ticket!;
}

const plan = (t: Ticket, comment: Parameters<typeof planDelivery>[1], context = contextWith(), options = {}): DeliveryPlan => {
  const r = planDelivery(t, comment, context, options);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const received = (p: DeliveryPlan): string[] => p.messages.flatMap((m) => addresses(m.envelope)).sort();
const leftOut = (p: DeliveryPlan) => p.leftOut.map((l) => [l.mailbox.address, l.reason, l.messageKind]);
const who = (t: Ticket, address: string): Mailbox => [t.requester, ...t.ccs, ...t.bccs, ...t.followers].find((m) => m?.address === address)!;
type HeldReason = Ticket['heldBack'][number]['reason'];
const holding = (t: Ticket, entries: [string, HeldReason][]): Ticket => ({ ...t, heldBack: entries.map(([a, reason]) => ({ mailbox: who(t, a), reason, detail: `${reason} since Monday` })) });

/** The ticket's own log, extended with the mute and delivery events the lead's commands record (H1, H2). */
function withEvents(t: Ticket, log: TicketEvent[], extra: { type: 'mute-changed'; mailbox: Mailbox; muted: boolean }[] | { type: 'delivery-changed'; mailbox: Mailbox; status: 'ok' | 'failing' | 'undeliverable'; reason: string }[]): Ticket {
  const base = { v: 2 as const, ticketId: t.id, sum: '', at: at(), by: { kind: 'agent' as const, id: 'kate' }, cause: { kind: 'agent-edit' as const } };
  return fold([...log, ...extra.map((e, i) => ({ ...base, seq: log.length + i + 1, ...e }) as unknown as TicketEvent)], t.id);
}

describe('B10: muted, undeliverable and suppressed participants', () => {
  it('B10: a muted CC keeps their place in the Cc header, gets no copy, and the plan says why', () => {
    const t = holding(ticket(), [['bob@acme.example', 'muted']]);
    const p = plan(t, { id: 'c1', visibility: 'public' });
    const [reply] = p.messages;
    expect(reply?.headers.cc).toBe('"Roe, Bob" <bob@acme.example>, otto@desk.example');
    expect(reply?.recipients.cc.map((r) => r.address)).toEqual(['bob@acme.example', 'otto@desk.example']);
    expect(addresses(reply!.envelope)).toEqual(['ann@acme.example', 'otto@desk.example', 'mia@desk.example']);
    expect(reply?.recipients.envelope.map((r) => r.address)).toEqual(['ann@acme.example', 'otto@desk.example', 'mia@desk.example']);
    expect(leftOut(p)).toEqual([['bob@acme.example', 'muted', 'customer-reply']]);
  });

  it('B10: undeliverable requester and muted BCC and follower receive nothing, of any kind of comment', () => {
    const t = holding(ticket(), [['ann@acme.example', 'undeliverable'], ['mia@desk.example', 'muted'], ['kate@desk.example', 'muted']]);
    const pub = plan(t, { id: 'c1', visibility: 'public' });
    expect(received(pub)).toEqual(['bob@acme.example', 'otto@desk.example']);
    expect(leftOut(pub)).toEqual([
      ['ann@acme.example', 'undeliverable', 'customer-reply'],
      ['mia@desk.example', 'muted', 'customer-reply'],
      ['kate@desk.example', 'muted', 'follower-notification'],
    ]);
    const note = plan(t, { id: 'n1', visibility: 'internal' });
    expect(received(note)).toEqual(['otto@desk.example']);
    expect(leftOut(note)).toEqual([['kate@desk.example', 'muted', 'follower-notification']]);
  });

  it('B10: a failing participant still receives, and the plan warns about them', () => {
    const t = holding(ticket(), [['bob@acme.example', 'failing']]);
    const p = plan(t, { id: 'c1', visibility: 'public' });
    expect(received(p)).toContain('bob@acme.example');
    expect(p.leftOut).toEqual([]);
    expect(p.warnings).toEqual([{ mailbox: who(t, 'bob@acme.example'), reason: 'failing', detail: 'failing since Monday', messageKind: 'customer-reply' }]);
  });

  it('B10: one reason per person, the one the agent most needs: undeliverable over muted', () => {
    const t = holding(ticket(), [['bob@acme.example', 'muted'], ['bob@acme.example', 'undeliverable'], ['otto@desk.example', 'failing'], ['otto@desk.example', 'muted']]);
    const p = plan(t, { id: 'c1', visibility: 'public' });
    expect(leftOut(p)).toEqual([['bob@acme.example', 'undeliverable', 'customer-reply'], ['otto@desk.example', 'muted', 'customer-reply']]);
    expect(p.warnings).toEqual([]);
  });

  it('B10: mute and delivery events folded from a log hold people back, and unmuting or a good delivery restores them', () => {
    const opening = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, cleo@acme.example' }), newTicketId: 'T-9' } as never);
    const t = opening.ticket!;
    const log = [...opening.events];
    const bob = who(t, 'bob@acme.example');
    const cleo = who(t, 'cleo@acme.example');
    const muted = withEvents(t, log, [{ type: 'mute-changed', mailbox: bob, muted: true }]);
    expect(muted.heldBack.map((h) => h.reason)).toEqual(['muted']);
    expect(received(plan(muted, { id: 'c', visibility: 'public' }))).toEqual(['ann@acme.example', 'cleo@acme.example']);
    const bounced = withEvents(t, log, [{ type: 'delivery-changed', mailbox: cleo, status: 'undeliverable', reason: '550 5.1.1 no such user' }]);
    expect(leftOut(plan(bounced, { id: 'c', visibility: 'public' }))).toEqual([['cleo@acme.example', 'undeliverable', 'customer-reply']]);
    const back = withEvents(t, log, [
      { type: 'mute-changed', mailbox: bob, muted: true },
      { type: 'mute-changed', mailbox: bob, muted: false },
    ]);
    expect(received(plan(back, { id: 'c', visibility: 'public' }))).toEqual(['ann@acme.example', 'bob@acme.example', 'cleo@acme.example']);
  });

  it('B10: the caller\'s suppression list leaves addresses out of every envelope, compared by identity', () => {
    const t = ticket();
    const p = plan(t, { id: 'c1', visibility: 'public' }, contextWith(), { suppressed: ['BOB@ACME.EXAMPLE', 'Kate <kate@DESK.example>', 'nobody@else.example'] });
    expect(received(p)).toEqual(['ann@acme.example', 'mia@desk.example', 'otto@desk.example']);
    expect(leftOut(p)).toEqual([['bob@acme.example', 'suppressed', 'customer-reply'], ['kate@desk.example', 'suppressed', 'follower-notification']]);
    expect(p.messages[0]?.headers.cc).toContain('bob@acme.example');
    const n = planNotification(t, { id: 'c1', visibility: 'public' }, 'requester', contextWith(), { suppressed: ['ann@acme.example'] });
    expect(n.ok && [n.value.messages, leftOut(n.value)]).toEqual([[], [['ann@acme.example', 'suppressed', 'notification']]]);
  });

  it('B10: a suppression list entry that is no address is reported, not ignored', () => {
    const r = planDelivery(ticket(), { id: 'c1', visibility: 'public' }, contextWith(), { suppressed: ['bob@acme.example', 'not an address'] });
    expect(r.ok ? [] : r.error.map((i) => [i.code, i.path])).toEqual([['invalid-address', ['suppressed', 1]]]);
  });

  it('B7 with B10: someone on the inbound email who is muted is neither sent a copy nor listed as left out (they have it)', () => {
    const t = holding(ticket(), [['bob@acme.example', 'muted']]);
    const r = must(t, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, otto@desk.example' }));
    const p = plan(r.ticket!, r.email!.comment!);
    expect(received(p)).toEqual(['kate@desk.example', 'mia@desk.example']);
    expect(p.leftOut).toEqual([]);
  });
});

describe('Staff is what the directory says today', () => {
  const without = (address: string) => ({ ...contextWith(), directory: createDirectory(directory.entries.filter((e) => e.address !== address)) });

  it('B3: a follower who is no longer staff gets no notification of a reply or a note', () => {
    for (const visibility of ['public', 'internal'] as const) {
      const p = plan(ticket(), { id: 'c', visibility }, without('kate@desk.example'));
      expect(received(p)).not.toContain('kate@desk.example');
      expect(leftOut(p)).toEqual([['kate@desk.example', 'no-longer-staff', 'follower-notification']]);
    }
  });

  it('I2: a follower the directory now lists as an end user never receives an internal note', () => {
    const demoted = createDirectory([...directory.entries.filter((e) => e.address !== 'kate@desk.example'), { address: 'kate@desk.example', kind: 'end-user' }]);
    const p = plan(ticket(), { id: 'n', visibility: 'internal' }, { ...contextWith(), directory: demoted });
    expect(received(p)).toEqual(['otto@desk.example']);
  });

  it('B4: an agent CC the directory no longer lists gets no internal note, only public replies as a CC', () => {
    const note = plan(ticket(), { id: 'n', visibility: 'internal' }, without('otto@desk.example'));
    expect(received(note)).toEqual(['kate@desk.example']);
    expect(received(plan(ticket(), { id: 'c', visibility: 'public' }, without('otto@desk.example')))).toContain('otto@desk.example');
  });

  it('B3: without a directory, followers are trusted as they were admitted', () => {
    const p = plan(ticket(), { id: 'n', visibility: 'internal' }, { settings: contextWith().settings! });
    expect(received(p)).toEqual(['kate@desk.example']);
  });
});

describe('One message per person per comment', () => {
  it('B3 B4: an agent who is both CC and follower gets exactly one message per comment', () => {
    const t = must(ticket(), edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }])).ticket!;
    expect(t.followers.map((f) => f.address)).toContain('otto@desk.example');
    for (const [visibility, kind] of [['public', 'customer-reply'], ['internal', 'internal-note']] as const) {
      const p = plan(t, { id: 'c', visibility });
      const otto = p.messages.filter((m) => addresses(m.envelope).includes('otto@desk.example'));
      expect(otto.map((m) => m.kind)).toEqual([kind]);
    }
    const zendesk = plan(t, { id: 'n', visibility: 'internal' }, contextWith({ internalNotesToStaffCcs: false }));
    expect(zendesk.messages.filter((m) => addresses(m.envelope).includes('otto@desk.example')).map((m) => m.kind)).toEqual(['follower-notification']);
  });
});

describe('B5: what rides along with a later message', () => {
  it('B5: a reply held by an open notice never rides along with the agent\'s next public reply', () => {
    // Ann answers the manager alone: a recipients-changed notice holds her reply from Bob and Otto.
    const r = must(ticket(), email({ from: 'ann@acme.example', to: 'support@desk.example' }));
    const held = r.email!.comment!;
    expect(r.ticket!.notices.map((n) => n.comment.id)).toEqual([held.id]);
    const p = plan(r.ticket!, { id: 'agent-2', visibility: 'public' });
    const [reply] = p.messages;
    expect(addresses(reply!.envelope)).toEqual(['ann@acme.example', 'bob@acme.example', 'otto@desk.example', 'mia@desk.example']);
    expect(reply?.carries).toEqual({ commentId: 'agent-2', conversation: 'public', exclude: [held.id] });
    // The held reply itself goes to no customer it left out; they are listed as waiting on the notice.
    const own = plan(r.ticket!, held);
    expect(own.messages.map((m) => m.kind)).toEqual(['follower-notification']);
    expect(leftOut(own)).toEqual([
      ['bob@acme.example', 'held-reply', 'customer-reply'],
      ['otto@desk.example', 'held-reply', 'customer-reply'],
      ['mia@desk.example', 'held-reply', 'customer-reply'],
    ]);
  });

  it('B5: once the notice is resolved, the reply is part of the conversation again', () => {
    const r = must(ticket(), email({ from: 'ann@acme.example', to: 'support@desk.example' }));
    const notice = r.ticket!.notices[0]!;
    const resolved = must(r.ticket!, { type: 'resolve-notice', noticeId: notice.id, resolution: 'update-recipients', by: { kind: 'agent', id: 'kate' }, at: at() } as never);
    expect(plan(resolved.ticket!, { id: 'agent-2', visibility: 'public' }).messages[0]?.carries.exclude).toEqual([]);
  });

  it('B5 C4: a comment internal now is left out of the conversation, and delivering it again is a note', () => {
    const t = { ...ticket(), internalComments: ['c-old'] };
    const [reply] = plan(t, { id: 'c-new', visibility: 'public' }).messages;
    expect(reply?.carries.exclude).toEqual(['c-old']);
    const again = plan(t, { id: 'c-old', visibility: 'public' });
    expect(again.visibility).toBe('internal');
    expect(received(again)).toEqual(['kate@desk.example', 'otto@desk.example']);
    for (const m of plan(t, { id: 'c-new', visibility: 'public' }).messages) if (m.carries.conversation === 'none') expect(m.carries.exclude).toEqual([]);
  });
});

describe('B6: a rule notification is the rule\'s own message', () => {
  it('B6: "we received your request" reaches the requester who just wrote (no B7 duplicate check)', () => {
    const r = must(ticket(), email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, otto@desk.example' }));
    const n = planNotification(r.ticket!, r.email!.comment!, 'requester-and-ccs', contextWith());
    expect(n.ok && n.value.messages.map((m) => addresses(m.envelope))).toEqual([['ann@acme.example', 'bob@acme.example', 'otto@desk.example']]);
  });

  it('B6: machine mail is answered by no notification (loop guard)', () => {
    const n = planNotification(ticket(), { id: 'auto', visibility: 'public', automatic: true }, 'requester', contextWith());
    expect(n.ok && n.value.messages).toEqual([]);
  });

  it('B6: a held reply is notified to nobody while its notice is open, and the plan says so', () => {
    const r = must(ticket(), email({ from: 'ann@acme.example', to: 'support@desk.example' }));
    const held = holding(r.ticket!, [['otto@desk.example', 'muted']]);
    const n = planNotification(held, r.email!.comment!, 'requester-and-ccs', contextWith());
    expect(n.ok && n.value.messages).toEqual([]);
    expect(n.ok && leftOut(n.value)).toEqual([
      ['ann@acme.example', 'held-reply', 'notification'],
      ['bob@acme.example', 'held-reply', 'notification'],
      ['otto@desk.example', 'muted', 'notification'],
    ]);
  });

  it('B6 B10: a muted CC stays in the notification\'s Cc header and gets no copy', () => {
    const t = holding(ticket(), [['bob@acme.example', 'muted']]);
    const n = planNotification(t, { id: 'c', visibility: 'public' }, 'requester-and-ccs', contextWith());
    expect(n.ok && n.value.messages.map((m) => [m.headers.cc, addresses(m.envelope)])).toEqual([['"Roe, Bob" <bob@acme.example>, otto@desk.example', ['ann@acme.example', 'otto@desk.example']]]);
    expect(n.ok && leftOut(n.value)).toEqual([['bob@acme.example', 'muted', 'notification']]);
  });

  it('B6 C4: no notification for a comment that is internal now', () => {
    const n = planNotification({ ...ticket(), internalComments: ['c'] }, { id: 'c', visibility: 'public' }, 'requester', contextWith());
    expect(n.ok && [n.value.visibility, n.value.messages]).toEqual(['internal', []]);
  });
});
