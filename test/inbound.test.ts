import { describe, expect, it } from 'vitest';
import { fold, handle, type Command, type Notice, type Ticket, type TicketContext } from '../src/index.js';
import { addresses, agent, contextWith, edit, email, must, opened } from './support/tickets.js';

const ANN = 'Ann <ann@acme.example>';
const BOB = 'bob@acme.example';
const CLEO = 'cleo@acme.example';

/** Ann's ticket with Bob and Cleo in CC and Mia (manager) in BCC. */
function base(context: TicketContext = contextWith()): Ticket {
  const t = opened(ANN, [BOB, CLEO], context);
  return must(t, edit([{ op: 'add', field: 'bcc', address: 'mia@desk.example' }]), context).ticket!;
}

const receive = (ticket: Ticket | null, fields: Parameters<typeof email>[0], context = contextWith()) => must(ticket, email(fields), context);
const open = (n: Notice | null | undefined): Notice => {
  if (!n) throw new Error('expected a notice');
  return n;
};

describe('F0: a message that opens a ticket', () => {
  it('F0: the sender becomes requester and the other addresses present become CCs; support addresses never', () => {
    const r = receive(null, { from: ANN, to: 'support@desk.example, bob@acme.example', cc: 'cleo@acme.example, reply+1@in.desk.example, Bob <BOB@acme.example>' });
    expect(r.email?.outcome).toBe('opened');
    expect(r.ticket?.requester?.address).toBe('ann@acme.example');
    expect(addresses(r.ticket!.ccs)).toEqual([BOB, CLEO]);
    expect(r.email?.comment?.visibility).toBe('public');
  });

  it('F0: when the help desk was only BCC\'d, the ticket gets the requester and no CCs', () => {
    const r = receive(null, { from: ANN, to: 'friend@other.example', cc: BOB });
    expect(addresses(r.ticket!.ccs)).toEqual([]);
    expect(r.ticket?.requester?.address).toBe('ann@acme.example');
  });

  it('F0: a message from a support address opens no ticket and is reported (mail loop)', () => {
    const r = receive(null, { from: 'support@desk.example', to: 'support@desk.example' });
    expect(r.ticket).toBeNull();
    expect(r.events).toEqual([]);
    expect(r.issues.map((i) => i.code)).toEqual(['mail-loop']);
  });

  it('F0: a message with no usable From is still kept, as an internal note with a notice', () => {
    const r = receive(null, { from: 'not an address', to: 'support@desk.example', cc: BOB });
    expect(r.ticket?.requester).toBeNull();
    expect(r.email?.comment?.visibility).toBe('internal');
    expect(r.email?.notice?.kind).toBe('unknown-sender');
    expect(r.issues.map((i) => i.code)).toContain('invalid-address');
  });

  it('F0: CCs follow D: limit in header order, denylist, CCs by email off', () => {
    const limited = receive(null, { from: ANN, to: 'support@desk.example', cc: 'a@x.example, b@x.example, c@x.example' }, contextWith({ ccLimit: 2 }));
    expect(addresses(limited.ticket!.ccs)).toEqual(['a@x.example', 'b@x.example']);
    expect(limited.issues).toEqual([expect.objectContaining({ code: 'cc-limit-exceeded', input: 'c@x.example' })]);
    const denied = receive(null, { from: ANN, to: 'support@desk.example', cc: 'no-reply@bank.example, ok@x.example' }, contextWith({ denylist: ['no-reply*@*'] }));
    expect(addresses(denied.ticket!.ccs)).toEqual(['ok@x.example']);
    const off = receive(null, { from: ANN, to: 'support@desk.example', cc: 'ok@x.example' }, contextWith({ emailCcsEnabled: false }));
    expect(off.ticket!.ccs).toEqual([]);
    expect(off.issues.map((i) => i.code)).toEqual(['ccs-disabled']);
  });
});

describe('F1: duplicates and the order of classification', () => {
  it('F1: a message whose id the ticket holds changes nothing and is reported', () => {
    const t = base();
    const first = must(t, email({ from: ANN, to: 'support@desk.example', cc: `${BOB}, ${CLEO}`, id: '<dup@x>' }));
    const again = must(first.ticket, email({ from: ANN, to: 'support@desk.example', cc: `${BOB}, ${CLEO}`, id: '<dup@x>' }));
    expect(again.events).toEqual([]);
    expect(again.ticket).toBe(first.ticket);
    expect(again.issues.map((i) => i.code)).toEqual(['duplicate-message']);
  });

  it('F1: Reply-To never changes who sent a message', () => {
    const t = base();
    const r = must(t, { ...email({ from: ANN, to: 'support@desk.example', cc: `${BOB}, ${CLEO}` }), replyTo: 'stranger@evil.example' } as Command);
    expect(r.email?.comment?.author?.address).toBe('ann@acme.example');
    expect(r.email?.comment?.authorRole).toBe('requester');
  });

  it('F1: a reply to an internal note stays internal, whoever sends it', () => {
    const r = receive(base(), { from: ANN, to: 'support@desk.example', cc: `${BOB}, ${CLEO}`, answers: { commentId: 'n1', visibility: 'internal' } });
    expect(r.email?.comment?.visibility).toBe('internal');
    expect(r.email?.notice).toBeNull();
  });
});

describe('F2: everyone present', () => {
  it('F2: new addresses on a reply that keeps everyone are added as CCs silently; the reply is public', () => {
    const r = receive(base(), { from: ANN, to: 'support@desk.example', cc: `${BOB}, ${CLEO}, dan@acme.example` });
    expect(addresses(r.ticket!.ccs)).toEqual([BOB, CLEO, 'dan@acme.example']);
    expect(r.email?.notice).toBeNull();
    expect(r.email?.comment?.visibility).toBe('public');
  });

  it('F2: a CC replying to all keeps everyone and adds newcomers', () => {
    const r = receive(base(), { from: BOB, to: 'support@desk.example', cc: `ann@acme.example, ${CLEO}, eve@acme.example` });
    expect(addresses(r.ticket!.ccs)).toEqual([BOB, CLEO, 'eve@acme.example']);
  });
});

describe('F3: the requester drops a CC', () => {
  it('F3: with notify, the reply is public with a notice offering update-recipients and split, and nothing changes', () => {
    const t = base();
    const r = receive(t, { from: ANN, to: 'support@desk.example', cc: `${CLEO}, dan@acme.example` });
    const notice = open(r.email?.notice);
    expect(notice.kind).toBe('recipients-changed');
    expect(notice.resolutions).toEqual(['update-recipients', 'split']);
    expect(addresses(notice.missing)).toEqual([BOB]);
    expect(addresses(notice.added)).toEqual(['dan@acme.example']);
    expect(r.email?.comment?.visibility).toBe('public');
    expect(addresses(r.ticket!.ccs)).toEqual([BOB, CLEO]);
  });

  it('F3: with keep, dropped CCs stay and newcomers are added', () => {
    const ctx = contextWith({ onDroppedRecipients: 'keep' });
    const r = receive(base(ctx), { from: ANN, to: 'support@desk.example', cc: 'dan@acme.example' }, ctx);
    expect(addresses(r.ticket!.ccs)).toEqual([BOB, CLEO, 'dan@acme.example']);
    expect(r.email?.notice).toBeNull();
  });
});

describe('F4: a CC replies without the requester', () => {
  it('F4: public with a split-only notice under the defaults; the requester never changes', () => {
    const r = receive(base(), { from: BOB, to: 'support@desk.example' });
    const notice = open(r.email?.notice);
    expect(notice.kind).toBe('cc-reply-without-requester');
    expect(notice.resolutions).toEqual(['split']);
    expect(r.email?.comment?.visibility).toBe('public');
    expect(r.ticket?.requester?.address).toBe('ann@acme.example');
  });

  it('F4: private under ccReplyWithoutRequester "private"', () => {
    const ctx = contextWith({ ccReplyWithoutRequester: 'private', onDroppedRecipients: 'apply' });
    const r = receive(base(ctx), { from: BOB, to: 'support@desk.example', cc: CLEO }, ctx);
    expect(r.email?.comment?.visibility).toBe('internal');
    expect(addresses(r.ticket!.ccs)).toEqual([BOB, CLEO]);
  });

  it('F4: "public-if-only-support" is public only when the reply went to support addresses alone', () => {
    const ctx = contextWith({ ccReplyWithoutRequester: 'public-if-only-support', onDroppedRecipients: 'keep' });
    expect(receive(base(ctx), { from: BOB, to: 'support@desk.example' }, ctx).email?.comment?.visibility).toBe('public');
    expect(receive(base(ctx), { from: BOB, to: 'support@desk.example', cc: CLEO }, ctx).email?.comment?.visibility).toBe('internal');
  });
});

describe('F5: newcomers', () => {
  it('F5: never become followers, and are not added while a notice is open', () => {
    const ctx = contextWith({ agentCcBecomesFollower: false });
    const r = receive(base(ctx), { from: ANN, to: 'support@desk.example', cc: `${BOB}, ${CLEO}, otto@desk.example` }, ctx);
    expect(addresses(r.ticket!.ccs)).toContain('otto@desk.example');
    expect(r.ticket!.followers).toEqual([]);
    const noticed = receive(base(), { from: ANN, to: 'support@desk.example', cc: 'dan@acme.example' });
    expect(addresses(noticed.ticket!.ccs)).not.toContain('dan@acme.example');
  });

  it('F5: with CCs by email off, newcomers are reported, not added', () => {
    const ctx = contextWith({ emailCcsEnabled: false });
    const r = receive(base(), { from: ANN, to: 'support@desk.example', cc: `${BOB}, ${CLEO}, dan@acme.example` }, ctx);
    expect(addresses(r.ticket!.ccs)).toEqual([BOB, CLEO]);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'ccs-disabled', input: 'dan@acme.example' })]);
  });
});

describe('F6: a BCC replies', () => {
  it('F6: to support alone, an internal note; to the requester too, a public reply; recipients never change', () => {
    const t = base();
    const note = receive(t, { from: 'mia@desk.example', to: 'support@desk.example' });
    expect(note.email?.comment?.visibility).toBe('internal');
    expect(note.email?.comment?.authorRole).toBe('bcc');
    const all = receive(t, { from: 'mia@desk.example', to: 'support@desk.example, ann@acme.example', cc: 'newbie@acme.example' });
    expect(all.email?.comment?.visibility).toBe('public');
    expect(all.events.filter((e) => e.type === 'added' || e.type === 'removed')).toEqual([]);
  });
});

describe('F7: followers and other agents', () => {
  it('F7: a follower\'s reply is an internal note, with Reply or Reply all', () => {
    const t = must(base(), edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }])).ticket!;
    for (const cc of ['', `ann@acme.example, ${BOB}, ${CLEO}`]) {
      const r = receive(t, { from: 'otto@desk.example', to: 'support@desk.example', cc });
      expect(r.email?.comment?.visibility).toBe('internal');
      expect(r.email?.comment?.authorRole).toBe('follower');
    }
  });

  it('F7: another agent: public when the mail reaches the requester or a CC (agentEmailRepliesPublic), else a note', () => {
    const t = base();
    expect(receive(t, { from: 'kate@desk.example', to: 'support@desk.example' }).email?.comment?.visibility).toBe('internal');
    expect(receive(t, { from: 'kate@desk.example', to: 'ann@acme.example', cc: 'support@desk.example' }).email?.comment?.visibility).toBe('public');
    const ctx = contextWith({ agentEmailRepliesPublic: false });
    expect(receive(base(ctx), { from: 'kate@desk.example', to: 'ann@acme.example' }, ctx).email?.comment?.visibility).toBe('internal');
  });
});

describe('F8: third parties', () => {
  it('F8: internal: a note with a notice offering add-as-cc and split; the sender is not added', () => {
    const r = receive(base(), { from: 'fwd@other.example', to: 'support@desk.example' });
    expect(r.email?.comment?.visibility).toBe('internal');
    expect(open(r.email?.notice).resolutions).toEqual(['add-as-cc', 'split']);
    expect(addresses(r.ticket!.ccs)).toEqual([BOB, CLEO]);
  });

  it('F8: add-as-cc: the sender becomes a CC and the reply is public; a denylisted sender stays a note', () => {
    const ctx = contextWith({ thirdPartyReply: 'add-as-cc', denylist: ['spam.example'] });
    const r = receive(base(ctx), { from: 'fwd@other.example', to: 'support@desk.example' }, ctx);
    expect(addresses(r.ticket!.ccs)).toEqual([BOB, CLEO, 'fwd@other.example']);
    expect(r.email?.comment?.visibility).toBe('public');
    const spam = receive(base(ctx), { from: 'x@spam.example', to: 'support@desk.example' }, ctx);
    expect(spam.email?.comment?.visibility).toBe('internal');
    expect(spam.issues.map((i) => i.code)).toEqual(['denylisted']);
  });

  it('F8: a message from a support address on a ticket is reported and kept as a note, not a stranger\'s comment', () => {
    const r = receive(base(), { from: 'support@desk.example', to: 'support@desk.example' });
    expect(r.email?.comment?.visibility).toBe('internal');
    expect(r.email?.notice).toBeNull();
    expect(r.issues.map((i) => i.code)).toEqual(['support-sender']);
  });
});

describe('F9: removing CCs by email (apply)', () => {
  const ctx = contextWith({ onDroppedRecipients: 'apply' });

  it('F9: the requester dropping a CC removes it', () => {
    const r = receive(base(ctx), { from: ANN, to: 'support@desk.example', cc: CLEO }, ctx);
    expect(addresses(r.ticket!.ccs)).toEqual([CLEO]);
    expect(r.events).toContainEqual(expect.objectContaining({ type: 'removed', field: 'cc', cause: 'inbound-email', by: { kind: 'end-user', address: 'ann@acme.example' } }));
  });

  it('F9: a CC dropping another CC removes it only when the requester is on the message', () => {
    expect(addresses(receive(base(ctx), { from: BOB, to: 'support@desk.example', cc: 'ann@acme.example' }, ctx).ticket!.ccs)).toEqual([BOB]);
    expect(addresses(receive(base(ctx), { from: BOB, to: 'support@desk.example' }, ctx).ticket!.ccs)).toEqual([BOB, CLEO]);
  });

  it('F9: someone who is not requester or CC can never remove CCs by email', () => {
    const r = receive(base(ctx), { from: 'fwd@other.example', to: 'support@desk.example, ann@acme.example' }, ctx);
    expect(addresses(r.ticket!.ccs)).toEqual([BOB, CLEO]);
  });
});

describe('F10: resolving notices', () => {
  const noticed = () => {
    const r = receive(base(), { from: ANN, to: 'support@desk.example', cc: `${CLEO}, dan@acme.example` });
    return { ticket: r.ticket!, notice: open(r.email?.notice), events: r.events };
  };
  const resolve = (ticket: Ticket, noticeId: string, resolution: 'update-recipients' | 'split' | 'add-as-cc', extra: object = {}) =>
    handle(ticket, { type: 'resolve-notice', noticeId, resolution, by: agent, at: '2026-01-02T00:00:00Z', ...extra }, contextWith());

  it('F10: update-recipients makes the CCs what the reply had, with history', () => {
    const { ticket, notice } = noticed();
    const r = resolve(ticket, notice.id, 'update-recipients');
    if (!r.ok) throw new Error();
    expect(addresses(r.value.ticket!.ccs)).toEqual([CLEO, 'dan@acme.example']);
    expect(r.value.events.filter((e) => e.type === 'added' || e.type === 'removed').every((e) => e.cause === 'notice-resolution')).toBe(true);
  });

  it('F10: split returns both tickets; the reply ends on exactly one', () => {
    const { ticket, notice } = noticed();
    const r = resolve(ticket, notice.id, 'split', { newTicketId: 'T-2' });
    if (!r.ok) throw new Error();
    const { ticket: original, splitTicket, split } = r.value;
    expect(original!.commentCount).toBe(ticket.commentCount - 1);
    expect(splitTicket!.commentCount).toBe(1);
    expect(splitTicket!.requester?.address).toBe('ann@acme.example');
    expect(addresses(splitTicket!.ccs)).toEqual([CLEO, 'dan@acme.example']);
    expect(addresses(original!.ccs)).toEqual([BOB, CLEO]);
    expect(split!.events[0]).toMatchObject({ type: 'ticket-opened', splitFrom: { ticketId: 'T-1', commentId: notice.comment.id } });
    expect(r.value.events).toContainEqual(expect.objectContaining({ type: 'comment-moved', toTicketId: 'T-2' }));
    expect(fold(split!.events)).toEqual(splitTicket);
  });

  it('F10: add-as-cc adds the third party and makes the reply public', () => {
    const r1 = receive(base(), { from: 'fwd@other.example', to: 'support@desk.example' });
    const r = resolve(r1.ticket!, open(r1.email?.notice).id, 'add-as-cc');
    if (!r.ok) throw new Error();
    expect(addresses(r.value.ticket!.ccs)).toContain('fwd@other.example');
    expect(r.value.events).toContainEqual(expect.objectContaining({ type: 'comment-visibility-changed', visibility: 'public' }));
  });

  it('F10: resolving twice, an unknown notice, or a resolution not offered is an error value', () => {
    const { ticket, notice } = noticed();
    const once = resolve(ticket, notice.id, 'update-recipients');
    if (!once.ok) throw new Error();
    expect(resolve(once.value.ticket!, notice.id, 'update-recipients')).toMatchObject({ ok: false, error: [{ code: 'notice-already-resolved' }] });
    expect(resolve(ticket, 'nope', 'split', { newTicketId: 'x' })).toMatchObject({ ok: false, error: [{ code: 'unknown-notice' }] });
    expect(resolve(ticket, notice.id, 'add-as-cc')).toMatchObject({ ok: false, error: [{ code: 'resolution-not-offered' }] });
    expect(resolve(ticket, notice.id, 'split')).toMatchObject({ ok: false, error: [{ code: 'invalid-command' }] });
  });
});

describe('Loops and noise', () => {
  it('A5: the help desk in To, in Cc or under an older alias never becomes a CC', () => {
    const r = receive(base(), { from: ANN, to: 'old@desk-old.example', cc: `${BOB}, ${CLEO}, reply+77@in.desk.example, Support@Desk.example` });
    expect(addresses(r.ticket!.ccs)).toEqual([BOB, CLEO]);
    expect(r.email?.notice).toBeNull();
  });

  it('F2: duplicates in one message, the sender in Cc, other case and IDN forms give one participant each', () => {
    const t = opened('kunde@bücher.example', [], contextWith());
    const r = receive(t, { from: 'kunde@bücher.example', to: 'support@desk.example', cc: 'KUNDE@xn--bcher-kva.example, x@acme.example, X@ACME.example' });
    expect(addresses(r.ticket!.ccs)).toEqual(['x@acme.example']);
  });

  it('F1: empty headers, 10,000 Cc entries, groups and bad charsets: the message is kept and problems reported', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `u${i}@list.example`).join(', ');
    const r = receive(base(), { from: ANN, to: 'Team: support@desk.example;', cc: `${BOB}, ${CLEO}, =?X-NOPE?B?AAAA?= <n@acme.example>, ${many}` });
    expect(r.ticket!.ccs.length).toBe(48);
    // The Cc header holds 10,003 entries: the last 3 are past the per-header limit, reported in one issue.
    expect(r.issues.filter((i) => i.code === 'too-many-addresses').length).toBe(1);
    expect(r.issues.filter((i) => i.code === 'cc-limit-exceeded').length).toBe(10_000 - 2 - 46);
    expect(r.email?.comment).not.toBeNull();
    const empty = receive(base(), { from: ANN, to: '', cc: '' });
    expect(empty.email?.comment).not.toBeNull();
  });
});
