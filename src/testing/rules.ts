import fc from 'fast-check';
import type { Action, Condition, Rule } from '../rules/types.js';
import { address } from './arbitraries.js';

const domain = (): fc.Arbitrary<string> => fc.constantFrom('acme.example', 'vip.example', 'bücher.example', 'desk.example');

/** A condition over the scenario pool, so that rules often match. */
export const condition = (): fc.Arbitrary<Condition> =>
  fc.oneof(
    address().map<Condition>((a) => ({ type: 'cc-contains', address: a })),
    fc.tuple(domain(), fc.boolean()).map<Condition>(([d, s]) => ({ type: 'cc-in-domain', domain: d, subdomains: s })),
    fc.constant<Condition>({ type: 'has-cc' }),
    address().map<Condition>((a) => ({ type: 'bcc-contains', address: a })),
    domain().map<Condition>((d) => ({ type: 'requester-in-domain', domain: d })),
    fc.constantFrom<Condition>({ type: 'update-is', kind: 'new-ticket' }, { type: 'update-is', kind: 'inbound-reply' }, { type: 'update-is', kind: 'recipient-change' }, { type: 'comment-is', visibility: 'public' }, { type: 'sender-role', role: 'requester' }),
  );

/** An action that may add and remove the same addresses other rules look at, or break the limit or denylist. */
export const action = (): fc.Arbitrary<Action> =>
  fc.oneof(
    address().map<Action>((a) => ({ type: 'add-cc', address: a })),
    address().map<Action>((a) => ({ type: 'add-bcc', address: a })),
    address().map<Action>((a) => ({ type: 'remove-cc', address: a })),
    fc.constantFrom<Action>({ type: 'add-follower', address: 'kate@desk.example' }, { type: 'add-cc', address: 'support@desk.example' }, { type: 'notify-requester-and-ccs' }),
  );

/** A rule set; ids are unique. */
export const rules = (): fc.Arbitrary<Rule[]> =>
  fc
    .array(
      fc.record({
        active: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        all: fc.array(condition(), { maxLength: 2 }),
        any: fc.array(condition(), { maxLength: 2 }),
        actions: fc.array(action(), { minLength: 1, maxLength: 3 }),
      }),
      { maxLength: 8 },
    )
    .map((list) => list.map((r, i) => ({ id: `r${i}`, title: `rule ${i}`, active: r.active, conditions: { all: r.all, any: r.any }, actions: r.actions })));
