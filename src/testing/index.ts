/**
 * `ticket-recipients/testing`: fast-check arbitraries, invariant checks and scenario
 * helpers for your own test suites. Needs `fast-check` (an optional peer dependency).
 */
export * as arbitraries from './arbitraries.js';
export { address, displayName, mailboxText, addressHeader, garbage } from './arbitraries.js';
export { settings, steps, emailStep, play, scenarioDirectory, staff, supportAddresses } from './scenario.js';
export type { Step, Stored, Played } from './scenario.js';
export {
  InvariantViolation,
  assertCcLimit,
  assertNoForbiddenParticipant,
  assertOneRolePerAddress,
  assertHistoryFolds,
  assertTicketInvariants,
  assertDeterministic,
  deepFreeze,
} from './invariants.js';
export { assertNoBccLeak, assertNoNoteToEndUser, assertNoFollowerInCustomerHeaders, assertNoDuplicateDelivery, assertNoHeldBackDelivery } from './plan-invariants.js';
export { rules, condition, action } from './rules.js';
export { given } from './given.js';
export type { Then, Outcome } from './given.js';
