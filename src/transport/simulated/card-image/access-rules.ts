// Access rules of gematik card images, e.g.
//   CB{ [ACTIVATED,1,{ ({00||b0||??||??},ALW), ({00||d6||??||??},AND{SMMAC(13),SMCMDENC}) }]}, CL{ … }
// CB = contact-based interface, CL = contactless. Each bracket is one (life-cycle state, security
// environment) pair with a list of (command-header patterns, condition). A command no rule names is
// refused ("andere: NEVER" in the object-system specs).

export type Condition =
  | { kind: 'always' }
  | { kind: 'never' }
  | { kind: 'password'; pwdId: number }
  | { kind: 'secureMessaging'; detail: string }
  | { kind: 'roleAuthentication'; detail: string }
  /** A condition this simulator does not know (e.g. AUTC(…) of contactless test images): never satisfied. */
  | { kind: 'unknown'; detail: string }
  | { kind: 'and' | 'or'; terms: Condition[] };

export interface HeaderPattern {
  /** CLA, INS, P1, P2; null = any value ("??"). */
  bytes: [number | null, number | null, number | null, number | null];
}

export interface AccessRule {
  patterns: HeaderPattern[];
  condition: Condition;
}

export interface AccessRuleSet {
  lifeCycleStatus: string;
  /** Security environment number; null = any ("??"). */
  securityEnvironment: number | null;
  rules: AccessRule[];
}

export interface AccessRules {
  contact: AccessRuleSet[];
  contactless: AccessRuleSet[];
}

export class AccessRuleSyntaxError extends Error {
  constructor(message: string, readonly text: string, readonly offset: number) {
    super(`${message} at ${offset} in access rule "${text.length > 80 ? text.slice(0, 80) + '…' : text}"`);
    this.name = 'AccessRuleSyntaxError';
  }
}

export function parseAccessRules(text: string): AccessRules {
  let pos = 0;
  const fail = (message: string): never => { throw new AccessRuleSyntaxError(message, text, pos); };
  const skip = (): void => { while (pos < text.length && /\s/.test(text[pos]!)) pos++; };
  const peek = (s: string): boolean => { skip(); return text.startsWith(s, pos); };
  const expect = (s: string): void => { if (!peek(s)) fail(`expected "${s}"`); pos += s.length; };
  const word = (): string => {
    skip();
    const m = /^[A-Za-z0-9_?:]+/.exec(text.slice(pos));
    if (!m) fail('expected a word');
    pos += m![0].length;
    return m![0];
  };

  const headerByte = (): number | null => {
    const w = word();
    if (w === '??') return null;
    if (!/^[0-9a-fA-F]{2}$/.test(w)) fail(`bad header byte "${w}"`);
    return parseInt(w, 16);
  };
  const pattern = (): HeaderPattern => {
    const b0 = headerByte(); expect('||');
    const b1 = headerByte(); expect('||');
    const b2 = headerByte(); expect('||');
    const b3 = headerByte();
    return { bytes: [b0, b1, b2, b3] };
  };
  const argument = (): string => {
    skip();
    const end = text.indexOf(')', pos);
    if (end === -1) fail('unterminated argument');
    const arg = text.slice(pos, end).trim();
    pos = end;
    return arg;
  };
  const condition = (): Condition => {
    const w = word().toUpperCase();
    if (w === 'ALW' || w === 'ALWAYS') return { kind: 'always' };
    if (w === 'NEV' || w === 'NEVER') return { kind: 'never' };
    if (w === 'AND' || w === 'OR') {
      expect('{');
      const terms = [condition()];
      while (peek(',')) { pos++; terms.push(condition()); }
      expect('}');
      return { kind: w === 'AND' ? 'and' : 'or', terms };
    }
    if (w === 'SMCMDENC' || w === 'SMRSPENC') return { kind: 'secureMessaging', detail: w };
    // Any other condition is a word with an optional argument; one we do not know is kept as unknown.
    if (!peek('(')) return { kind: 'unknown', detail: w };
    expect('(');
    const arg = argument();
    expect(')');
    if (w === 'PWD') {
      if (!/^[0-9a-fA-F]{1,2}$/.test(arg)) fail(`bad password id "${arg}"`);
      return { kind: 'password', pwdId: parseInt(arg, 16) };
    }
    if (w === 'SMMAC') return { kind: 'secureMessaging', detail: `SMMAC(${arg})` };
    if (w === 'AUT' || w === 'AUTCHAT') return { kind: 'roleAuthentication', detail: `${w}(${arg})` };
    return { kind: 'unknown', detail: `${w}(${arg})` };
  };
  const rule = (): AccessRule => {
    expect('('); expect('{');
    const patterns = [pattern()];
    while (peek(',')) { pos++; patterns.push(pattern()); }
    expect('}'); expect(',');
    const cond = condition();
    expect(')');
    return { patterns, condition: cond };
  };
  const ruleSet = (): AccessRuleSet => {
    expect('[');
    const lcs = word();
    expect(',');
    const se = word();
    expect(',');
    expect('{');
    const rules: AccessRule[] = [];
    if (!peek('}')) {
      rules.push(rule());
      while (peek(',')) { pos++; rules.push(rule()); }
    }
    expect('}');
    expect(']');
    return { lifeCycleStatus: lcs, securityEnvironment: se === '??' ? null : parseInt(se, 10), rules };
  };

  const result: AccessRules = { contact: [], contactless: [] };
  skip();
  if (pos >= text.length) return result;
  for (;;) {
    const iface = word();
    if (iface !== 'CB' && iface !== 'CL') fail(`expected CB or CL, found "${iface}"`);
    expect('{');
    const sets: AccessRuleSet[] = [];
    if (!peek('}')) {
      sets.push(ruleSet());
      while (peek(',')) { pos++; sets.push(ruleSet()); }
    }
    expect('}');
    (iface === 'CB' ? result.contact : result.contactless).push(...sets);
    skip();
    if (pos >= text.length) break;
    expect(',');
  }
  return result;
}

export interface SecurityState {
  /** true when the password with this id (as seen from the object) counts as satisfied. */
  passwordSatisfied(pwdId: number): boolean;
}

export function evaluate(condition: Condition, state: SecurityState): boolean {
  switch (condition.kind) {
    case 'always': return true;
    case 'never': return false;
    case 'password': return state.passwordSatisfied(condition.pwdId);
    // No secure-messaging session and no role authentication ever exist in a read-only session.
    case 'secureMessaging': return false;
    case 'roleAuthentication': return false;
    // Read-only and conservative: what we cannot judge is refused, like a rule that names nobody.
    case 'unknown': return false;
    case 'and': return condition.terms.every((t) => evaluate(t, state));
    case 'or': return condition.terms.some((t) => evaluate(t, state));
  }
}

/**
 * Is the command with this header allowed in contact mode for an object in this life-cycle state,
 * in security environment `se`? No matching rule set or no rule naming the command = refused.
 */
export function isAllowed(
  rules: AccessRules,
  header: readonly [number, number, number, number],
  lifeCycleStatus: string,
  se: number,
  state: SecurityState,
): boolean {
  const set = rules.contact.find(
    (s) => s.lifeCycleStatus === lifeCycleStatus && (s.securityEnvironment === null || s.securityEnvironment === se),
  );
  if (!set) return false;
  for (const r of set.rules) {
    if (r.patterns.some((p) => p.bytes.every((b, i) => b === null || b === header[i]))) {
      return evaluate(r.condition, state);
    }
  }
  return false;
}
