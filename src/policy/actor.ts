/** Who made a change (E1). Staff are named by their directory id; D7 checks the id and the kind. */
export type Actor =
  | { readonly kind: 'agent' | 'light-agent' | 'admin'; readonly id: string }
  | { readonly kind: 'end-user'; readonly address: string }
  | { readonly kind: 'rule'; readonly ruleId: string }
  | { readonly kind: 'system' };

/** Why a change happened (E1). */
export type Cause = 'agent-edit' | 'inbound-email' | 'rule' | 'notice-resolution' | 'split' | 'import' | 'merge' | 'erasure' | 'delivery';
