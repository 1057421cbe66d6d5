// Model-based: agent edits against a model of the rules written independently (fc.commands).
import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { defaultSettings, handle, normalizeAddress, type Settings, type Ticket } from '../src/index.js';
import { assertTicketInvariants } from '../src/testing/invariants.js';
import type { TicketEvent } from '../src/index.js';

const POOL = ['ann@acme.example', 'Bob@acme.example', 'bob@ACME.example', 'cleo@vip.example', 'dan@bücher.example', 'dan@xn--bcher-kva.example', 'support@desk.example', 'x@spam.example'];
const settings: Settings = { ...defaultSettings, ccLimit: 3, denylist: ['spam.example'], supportAddresses: ['support@desk.example'] };
const key = (a: string) => {
  const r = normalizeAddress(a);
  if (!r.ok) throw new Error(a);
  return r.value as string;
};
const forbidden = (a: string) => key(a) === 'support@desk.example';
const denied = (a: string) => key(a).endsWith('@spam.example') || forbidden(a);

interface Model {
  requester: string | null;
  ccs: string[];
  bccs: string[];
}
interface Real {
  ticket: Ticket;
  log: TicketEvent[];
}

function run(real: Real, change: { op: 'add' | 'remove'; field: 'cc' | 'bcc'; address: string } | { op: 'set-requester'; address: string }): boolean {
  const r = handle(real.ticket, { type: 'edit-recipients', changes: [change], by: { kind: 'agent', id: 'kate' }, at: 't' }, { settings });
  if (!r.ok) return false;
  real.ticket = r.value.ticket as Ticket;
  real.log.push(...r.value.events);
  return true;
}

const same = (model: Model, real: Real) => {
  expect(real.ticket.requester?.key ?? null).toBe(model.requester);
  expect(real.ticket.ccs.map((m) => m.key)).toEqual(model.ccs);
  expect(real.ticket.bccs.map((m) => m.key)).toEqual(model.bccs);
  assertTicketInvariants(real.ticket, real.log, settings);
};

class AddCc implements fc.Command<Model, Real> {
  constructor(readonly address: string) {}
  check = () => true;
  run(model: Model, real: Real) {
    const k = key(this.address);
    const accepted = run(real, { op: 'add', field: 'cc', address: this.address });
    const present = model.requester === k || model.ccs.includes(k);
    const expected = present || (!denied(this.address) && model.ccs.length < 3);
    expect(accepted).toBe(expected);
    if (accepted && !present) {
      model.bccs = model.bccs.filter((b) => b !== k); // A4: CC outranks BCC
      model.ccs.push(k);
    }
    same(model, real);
  }
  toString = () => `addCc(${this.address})`;
}

class AddBcc implements fc.Command<Model, Real> {
  constructor(readonly address: string) {}
  check = () => true;
  run(model: Model, real: Real) {
    const k = key(this.address);
    const accepted = run(real, { op: 'add', field: 'bcc', address: this.address });
    const present = model.requester === k || model.bccs.includes(k);
    const expected = present || (!denied(this.address) && !model.ccs.includes(k));
    expect(accepted).toBe(expected);
    if (accepted && !present) model.bccs.push(k);
    same(model, real);
  }
  toString = () => `addBcc(${this.address})`;
}

class Remove implements fc.Command<Model, Real> {
  constructor(readonly field: 'cc' | 'bcc', readonly address: string) {}
  check = () => true;
  run(model: Model, real: Real) {
    const k = key(this.address);
    expect(run(real, { op: 'remove', field: this.field, address: this.address })).toBe(true);
    if (this.field === 'cc') model.ccs = model.ccs.filter((c) => c !== k);
    else model.bccs = model.bccs.filter((c) => c !== k);
    same(model, real);
  }
  toString = () => `remove${this.field === 'cc' ? 'Cc' : 'Bcc'}(${this.address})`;
}

class SetRequester implements fc.Command<Model, Real> {
  constructor(readonly address: string) {}
  check = () => true;
  run(model: Model, real: Real) {
    const k = key(this.address);
    const accepted = run(real, { op: 'set-requester', address: this.address });
    expect(accepted).toBe(!forbidden(this.address)); // a denylisted requester is fine (D2)
    if (accepted) {
      model.ccs = model.ccs.filter((c) => c !== k);
      model.bccs = model.bccs.filter((c) => c !== k);
      model.requester = k;
    }
    same(model, real);
  }
  toString = () => `setRequester(${this.address})`;
}

const address = fc.constantFrom(...POOL);
const commands = [
  address.map((a) => new AddCc(a)),
  address.map((a) => new AddBcc(a)),
  fc.tuple(fc.constantFrom<'cc' | 'bcc'>('cc', 'bcc'), address).map(([f, a]) => new Remove(f, a)),
  address.map((a) => new SetRequester(a)),
];

describe('C1, D1, D2, D5, A4 against a model', () => {
  it.prop([fc.commands(commands, { maxCommands: 40 })], { numRuns: 400 })('C1: agent edits do what the model says, one command at a time', (cmds) => {
    const opened = handle(null, { type: 'receive-email', messageId: '<m@x>', newTicketId: 'T', at: 't', from: 'ann@acme.example', to: 'support@desk.example' }, { settings });
    if (!opened.ok || opened.value.ticket === null) throw new Error('could not open');
    const real: Real = { ticket: opened.value.ticket, log: [...opened.value.events] };
    fc.modelRun(() => ({ model: { requester: 'ann@acme.example', ccs: [], bccs: [] }, real }), cmds);
  });
});
