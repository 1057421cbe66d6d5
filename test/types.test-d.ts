// Type tests: checked by `tsc --noEmit` in `npm test`; each @ts-expect-error must stay an error.
import { expectTypeOf } from 'vitest';
import { handle, normalizeAddress, parseAddress, type AddressKey, type Command, type Mailbox, type TicketEvent } from '../src/index.js';

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
expectTypeOf(event.v).toEqualTypeOf<1>();

// handle's result narrows to the ticket and events.
const r = handle(null, { type: 'receive-email', messageId: '<1@x>', at: 't', from: 'a@b.example' });
if (r.ok) expectTypeOf(r.value.events).toEqualTypeOf<readonly TicketEvent[]>();
