// RFC 5322 atext, as a character class body; RFC 6532 adds everything beyond ASCII.
export const ATEXT = "A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~";
export const ATOM = `[${ATEXT}\\u0080-\\uffff]+`;
export const DOT_ATOM = `${ATOM}(?:\\.${ATOM})*`;
