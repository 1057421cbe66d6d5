// Type tests: checked by `tsc --noEmit` in `npm test`; each @ts-expect-error must stay an error.
import { expectTypeOf } from 'vitest';
import { handle, normalizeAddress, parseAddress, type AddressKey, type Command, type CommandType, type Issue, type IssueCode, type Mailbox, type TicketEvent } from '../src/index.js';

// A raw string is not an identity: only the library makes AddressKeys.
// @ts-expect-error a string is not an AddressKey
const forged: AddressKey = 'ann@acme.example';
void forged;
const key = normalizeAddress('Ann <ann@acme.example>');
if (key.ok) expectTypeOf(key.value).toEqualTypeOf<AddressKey>();

// Results must be narrowed before their value is read.
const parsed = parseAddress('ann@acme.example');
// @ts-expect-error value exists only when ok
void parsed.value;
if (parsed.ok) expectTypeOf(parsed.value).toEqualTypeOf<Mailbox>();
else expectTypeOf(parsed.error.code).toEqualTypeOf<'invalid-address' | 'control-character' | 'not-a-string' | 'too-many-addresses' | 'expected-one-address' | 'too-long' | 'too-deep' | 'too-complex' | 'unsafe-character'>();

// Commands are a closed union on `type`.
// @ts-expect-error unknown command type
const bad: Command = { type: 'delete-ticket' };
void bad;

// Events are readonly data, discriminated on `type`.
declare const event: TicketEvent;
if (event.type === 'added') {
  expectTypeOf(event.field).toEqualTypeOf<'cc' | 'bcc' | 'follower'>();
  // @ts-expect-error events are readonly
  event.field = 'cc';
}
expectTypeOf(event.v).toEqualTypeOf<2>();
expectTypeOf(event.seq).toEqualTypeOf<number>();

// handle's result narrows to the ticket and events.
const r = handle(null, { type: 'receive-email', messageId: '<1@x>', at: 't', from: 'a@b.example' });
if (r.ok) expectTypeOf(r.value.events).toEqualTypeOf<readonly TicketEvent[]>();

// One issue family: a switch over every code the library can return is exhaustive, and
// a code's data is there once narrowed.
declare const someIssue: Issue;
function explain(i: Issue): string {
  switch (i.code) {
    case 'cc-limit-exceeded':
      expectTypeOf(i.limit).toEqualTypeOf<number>();
      return `${i.count}/${i.limit}`;
    default: {
      const code: IssueCode = i.code;
      return code;
    }
  }
}
explain(someIssue);
expectTypeOf(someIssue.path).toEqualTypeOf<readonly (string | number)[]>();
// Every member of the command union is a known type: adding one without a schema or a dispatch case fails tsc
// (src/decider/command.ts `satisfies Record<CommandType, …>`, src/decider/dispatch.ts `never`).
expectTypeOf<CommandType>().toEqualTypeOf<'receive-email' | 'edit-recipients' | 'resolve-notice' | 'write-comment' | 'change-visibility' | 'import-ticket' | 'merge-tickets' | 'report-delivery'>();
