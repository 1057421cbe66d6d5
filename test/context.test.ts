import { describe, expect, it } from 'vitest';
import { createComposer, formatAddressList, formatPath, handle, planDelivery, prepareContext, validateTicket } from '../src/index.js';
import { contextWith, edit, email, opened } from './support/tickets.js';

describe('D6: settings, rules and directories handed to a decision are checked', () => {
  it('D6: wrong types in settings are an error naming the path, not a wrong decision', () => {
    const t = opened();
    const r = handle(t, edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]), { settings: { ccLimit: 'five', denylist: [42] } as never });
    expect(r.ok ? [] : r.error.map((i) => [i.code, formatPath(i.path)])).toEqual([
      ['wrong-type', 'settings.ccLimit'],
      ['wrong-type', 'settings.denylist[0]'],
    ]);
    expect(planDelivery(t, { id: 'c', visibility: 'public' }, { settings: { bccEnabled: 'no' } as never }).ok).toBe(false);
    // The same bad setting gives the same issue whichever function is handed it.
    expect(validateTicket(t, { ccLimit: -3 })).toMatchObject({ ok: false, error: [{ code: 'out-of-range', path: ['settings', 'ccLimit'] }] });
    expect(handle(t, edit([]), { settings: { ccLimit: -3 } })).toMatchObject({ ok: false, error: [{ code: 'out-of-range', path: ['settings', 'ccLimit'] }] });
  });

  it('D6: rules that are not rules, and a directory not from createDirectory, are reported', () => {
    const t = opened();
    const rules = handle(t, edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]), { rules: [null, { id: 'r' }] as never });
    expect(rules.ok ? [] : rules.error.map((i) => formatPath(i.path))).toContain('rules[0]');
    const directory = handle(t, edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]), { directory: [{ address: 'a@b.example' }] as never });
    expect(directory.ok ? [] : directory.error.map((i) => i.code)).toEqual(['wrong-type']);
  });

  it('D6: a prepared context carries its issues; the composer works on the defaults and says what was wrong', () => {
    const prepared = prepareContext({ settings: { onDroppedRecipients: 'drop' } as never });
    expect(handle(opened(), edit([]), prepared).ok).toBe(false);
    const composer = createComposer(opened(), prepared);
    expect(composer.issues.map((i) => i.path)).toEqual([['settings', 'onDroppedRecipients']]);
    expect(composer.initial.fields.to.chips.length).toBe(1);
  });

  it('D6: a null context is reported by the composer as handle reports it; no context at all is the defaults', () => {
    const refused = handle(opened(), edit([]), null as never);
    const composer = createComposer(opened(), null as never);
    expect(composer.issues).toEqual(refused.ok ? [] : refused.error);
    expect(composer.issues.map((i) => [i.code, i.path])).toEqual([['not-an-object', ['context']]]);
    // It still works, on the defaults, as with any other context that is wrong.
    const state = composer.reduce(composer.reduce(composer.initial, { type: 'focus', field: 'cc' }), { type: 'paste', field: 'cc', text: 'dan@acme.example' });
    expect(state.fields.cc.chips.map((m) => m.address)).toEqual(['dan@acme.example']);
    expect(createComposer(opened()).issues).toEqual([]);
    expect(createComposer(opened(), undefined).issues).toEqual([]);
  });
});

describe('D2: a prepared context cannot carry old settings into new ones', () => {
  it('D2: spreading a prepared context with stricter settings compiles them again', () => {
    const prepared = prepareContext({ settings: { supportAddresses: ['support@desk.example'] } });
    const stricter = { ...prepared, settings: { supportAddresses: ['support@desk.example'], denylist: ['x@acme.example'] } };
    const r = handle(opened(), edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]), stricter);
    expect(r.ok ? [] : r.error.map((i) => i.code)).toEqual(['denylisted']);
    // The prepared context itself still decides with what it was prepared with.
    expect(handle(opened(), edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]), prepared).ok).toBe(true);
  });
});

describe('I5 I4: a plan checks the model of every ticket it is given, remembering only what cannot change', () => {
  it('I5: the ticket handle made is planned under its prepared context; a copy from outside with a support address in CC is refused; another policy checks again', () => {
    const prepared = prepareContext({ settings: { supportAddresses: ['support@desk.example'], ccLimit: 5 } });
    const r = handle(opened(), edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]), prepared);
    if (!r.ok || r.value.ticket === null) throw new Error('the edit was refused');
    const made = r.value.ticket;
    const comment = { id: 'c-1', visibility: 'public' } as const;
    expect(planDelivery(made, comment, prepared).ok).toBe(true);
    expect(planDelivery(made, comment, prepared).ok).toBe(true);
    // The same ticket from storage (not frozen), edited there: checked in full.
    const stored = JSON.parse(JSON.stringify(made)) as typeof made;
    (stored.ccs as unknown as { address: string; name: null; key: string }[]).push({ address: 'support@desk.example', name: null, key: 'support@desk.example' });
    const refused = planDelivery(stored, comment, prepared);
    expect(refused.ok ? [] : refused.error.map((i) => i.code)).toEqual(['forbidden-participant']);
    // A stricter policy is another prepared context: what passed under the first is checked again.
    const stricter = prepareContext({ settings: { supportAddresses: ['support@desk.example', 'x@acme.example'], ccLimit: 5 } });
    const again = planDelivery(made, comment, stricter);
    expect(again.ok ? [] : again.error.map((i) => i.code)).toEqual(['forbidden-participant']);
    const lower = planDelivery(made, comment, prepareContext({ settings: { supportAddresses: ['support@desk.example'], ccLimit: 0 } }));
    expect(lower.ok ? [] : lower.error.map((i) => i.code)).toEqual(['cc-limit-exceeded']);
  });
});

describe('I12: the shape of a ticket is checked in full, however much of it was checked before', () => {
  it('I12: a frozen ticket sharing the lists of one that passed, with one new bad entry (frozen or not), is reported at that entry', () => {
    const prepared = prepareContext({ settings: { supportAddresses: ['support@desk.example'] } });
    const r = handle(opened(), edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]), prepared);
    if (!r.ok || r.value.ticket === null) throw new Error('the edit was refused');
    const made = r.value.ticket;
    const comment = { id: 'c-1', visibility: 'public' } as const;
    expect(planDelivery(made, comment, prepared).ok).toBe(true);
    const bad = Object.freeze({ address: 'y@acme.example', name: 'Y\nBcc: z@evil.example', key: 'y@acme.example' });
    for (const ccs of [Object.freeze([...made.ccs, bad]), [...made.ccs, bad]]) {
      const forged = Object.freeze({ ...made, ccs }) as unknown as typeof made;
      const r2 = planDelivery(forged, comment, prepared);
      expect(r2.ok ? [] : r2.error.map((i) => [i.code, formatPath(i.path)])).toEqual([['control-character', `ccs[${made.ccs.length}].name`]]);
    }
  });
});

describe('I12: a ticket a decision returned is not checked again under its prepared context; the caller\'s own always is', () => {
  const deeplyFrozen = (v: unknown): boolean => typeof v !== 'object' || v === null || (Object.isFrozen(v) && Object.values(v).every(deeplyFrozen));

  it('I12: tickets handle returns are deeply frozen, even made from a stored (unfrozen) ticket, so nothing can change what passed', () => {
    const prepared = prepareContext(contextWith());
    const stored = JSON.parse(JSON.stringify(opened('ann@acme.example', ['bob@acme.example']))) as ReturnType<typeof opened>;
    const r = handle(stored, email({ from: 'ann@acme.example', cc: 'bob@acme.example, carol@acme.example' }), prepared);
    if (!r.ok || r.value.ticket === null) throw new Error('refused');
    expect(deeplyFrozen(r.value.ticket)).toBe(true);
    const next = handle(r.value.ticket, edit([{ op: 'remove', field: 'cc', address: 'carol@acme.example' }]), prepared);
    expect(next.ok && next.value.ticket !== null && next.value.ticket.ccs.map((m) => m.address)).toEqual(['bob@acme.example']);
  });

  it('I12: the caller\'s own ticket handed back unchanged (a duplicate email) is still theirs: damaged afterwards, it is refused', () => {
    const prepared = prepareContext(contextWith());
    const mail = email({ from: 'ann@acme.example', cc: 'bob@acme.example', id: '<dup-1@mail>' });
    const first = handle(opened('ann@acme.example', ['bob@acme.example']), mail, prepared);
    if (!first.ok || first.value.ticket === null) throw new Error('refused');
    // Frozen at the top only, as a careless store might: the lists inside can still change.
    const stored = Object.freeze(JSON.parse(JSON.stringify(first.value.ticket))) as typeof first.value.ticket;
    const again = handle(stored, mail, prepared);
    expect(again.ok && again.value.email?.outcome).toBe('duplicate');
    expect(again.ok && again.value.ticket).toBe(stored);
    (stored.ccs[0] as { name: string | null }).name = 'Bob\r\nBcc: eve@evil.example';
    const damaged = handle(stored, edit([]), prepared);
    expect(damaged.ok ? [] : damaged.error.map((i) => [i.code, formatPath(i.path)])).toEqual([['control-character', 'ccs[0].name']]);
    const plan = planDelivery(stored, { id: 'c-1', visibility: 'public' }, prepared);
    expect(plan.ok).toBe(false);
  });
});

describe('B1: headers are the same whether a prepared context formatted the names before or not', () => {
  it('B1: a reply-all planned twice under one prepared context has the Cc header formatAddressList gives', () => {
    const prepared = prepareContext({ settings: { supportAddresses: ['support@desk.example'] } });
    const cc = '"Roe, Bob" <bob@acme.example>, Zoë Ünal <zoe@acme.example>, plain@acme.example, "Dan \\"D\\" Lee" <dan@acme.example>';
    const r = handle(null, { type: 'receive-email', messageId: '<f1@acme.example>', newTicketId: 'T-9', at: 't0', from: 'Ann <ann@acme.example>', to: 'support@desk.example', cc }, prepared);
    if (!r.ok || r.value.ticket === null) throw new Error('the email was refused');
    const t = r.value.ticket;
    const comment = { id: 'c-9', visibility: 'public' } as const;
    const header = (p: ReturnType<typeof planDelivery>) => (p.ok ? p.value.messages.find((m) => m.kind === 'customer-reply')?.headers : undefined);
    const expected = { to: formatAddressList([t.requester!]), cc: formatAddressList(t.ccs) };
    expect(expected.cc.split(', ').length).toBeGreaterThanOrEqual(4);
    expect(header(planDelivery(t, comment, prepared))).toEqual(expected);
    expect(header(planDelivery(t, comment, prepared))).toEqual(expected);
    expect(header(planDelivery(t, comment, { settings: { supportAddresses: ['support@desk.example'] } }))).toEqual(expected);
  });

  it('B1: a stored ticket (not frozen) renamed between two plans under one prepared context gets the new name in its Cc header', () => {
    const prepared = prepareContext({ settings: { supportAddresses: ['support@desk.example'] } });
    const stored = JSON.parse(JSON.stringify(opened('ann@acme.example', ['bob@acme.example']))) as ReturnType<typeof opened>;
    const comment = { id: 'c-1', visibility: 'public' } as const;
    const cc = () => {
      const p = planDelivery(stored, comment, prepared);
      return p.ok ? p.value.messages.find((m) => m.kind === 'customer-reply')?.headers.cc : undefined;
    };
    expect(cc()).toBe('bob@acme.example');
    (stored.ccs[0] as { name: string | null }).name = 'Bob Roe';
    expect(cc()).toBe('Bob Roe <bob@acme.example>');
  });
});

describe('G3: what a prepared context remembers of a CC list is never changed by the rules that read it', () => {
  it('G3: a rule that removes the CC a domain rule fired on leaves the next reply on the same ticket to fire both again', () => {
    const t = opened('ann@acme.example', ['bob@old.example']);
    const rules = [
      { id: 'watch-old', title: 'BCC a watcher on old.example threads', active: true, conditions: { all: [{ type: 'cc-in-domain' as const, domain: 'old.example' }] }, actions: [{ type: 'add-bcc' as const, address: 'watcher@desk.example' }] },
      { id: 'drop-bob', title: 'Bob left', active: true, conditions: { all: [{ type: 'update-is' as const, kind: 'inbound-reply' as const }] }, actions: [{ type: 'remove-cc' as const, address: 'bob@old.example' }] },
    ];
    const prepared = prepareContext({ ...contextWith(), rules });
    const reply = () => email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@old.example' });
    const fired = (context: Parameters<typeof handle>[2]) => {
      const r = handle(t, reply(), context);
      return r.ok ? [r.value.firedRules, r.value.ticket?.ccs.map((m) => m.address), r.value.ticket?.bccs.map((m) => m.address)] : r.error;
    };
    const expected = [['watch-old', 'drop-bob'], [], ['watcher@desk.example']];
    expect(fired({ ...contextWith(), rules })).toEqual(expected);
    // The first reply removes Bob from the working set after the domain rule read old.example; the second still finds him on the ticket.
    expect(fired(prepared)).toEqual(expected);
    expect(fired(prepared)).toEqual(expected);
  });
});

describe('G3: CC domains are remembered only for a CC list that cannot change', () => {
  it('G3: a frozen CC list holding a mailbox that is not frozen is read again on every update', () => {
    const t = opened('ann@acme.example', ['bob@old.example']);
    const rules = [{ id: 'watch-new', title: 'BCC a watcher on new.example threads', active: true, conditions: { all: [{ type: 'cc-in-domain' as const, domain: 'new.example' }] }, actions: [{ type: 'add-bcc' as const, address: 'watcher@desk.example' }] }];
    const prepared = prepareContext({ ...contextWith(), rules });
    // A stored ticket whose list is frozen but whose entries are not (frozen by hand, shallowly).
    const bob = { ...t.ccs[0]! };
    const stored = { ...t, ccs: Object.freeze([bob]) };
    const reply = () => handle(stored as never, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: bob.address }), prepared);
    const first = reply();
    expect(first.ok && first.value.firedRules).toEqual([]);
    // The entry changes in place between two updates: the second sees the new domain.
    Object.assign(bob, { address: 'bob@new.example', key: 'bob@new.example' });
    const second = reply();
    expect(second.ok && second.value.firedRules).toEqual(['watch-new']);
  });

  it('G3: a stored CC list that is not frozen, grown between two updates, is read again', () => {
    const rules = [{ id: 'watch-new', title: 'BCC a watcher on new.example threads', active: true, conditions: { all: [{ type: 'cc-in-domain' as const, domain: 'new.example' }] }, actions: [{ type: 'add-bcc' as const, address: 'watcher@desk.example' }] }];
    const prepared = prepareContext({ ...contextWith(), rules });
    const stored = JSON.parse(JSON.stringify(opened('ann@acme.example', ['bob@old.example']))) as ReturnType<typeof opened>;
    // The first update changes the CCs, so the new ticket has a list of its own and the stored one stays the caller's, unfrozen.
    const first = handle(stored, edit([{ op: 'add', field: 'cc', address: 'dan@other.example' }]), prepared);
    expect(first.ok && [first.value.firedRules, Object.isFrozen(stored.ccs)]).toEqual([[], false]);
    (stored.ccs as unknown as object[]).push({ address: 'carl@new.example', name: null, key: 'carl@new.example' });
    const second = handle(stored, edit([{ op: 'add', field: 'bcc', address: 'y@acme.example' }]), prepared);
    expect(second.ok && second.value.firedRules).toEqual(['watch-new']);
  });
});
