/**
 * Evaluates a package.json `when` clause as VS Code does, for the operators the manifest uses:
 * `&&`, `||`, `!`, parentheses, `==`, `!=`, `=~ /regex/flags`, `true`, `false` and a bare key
 * (truthy). Anything else throws, so a clause this cannot read fails the test instead of passing.
 */

export type WhenContext = Record<string, string | boolean | undefined>;

const tokenPattern = /\s*(?:(&&|\|\||==|!=|=~|!|\(|\))|\/((?:\\.|[^/\\])*)\/([a-z]*)|([A-Za-z_][\w.-]*))/y;

type Token = { op: string } | { regex: RegExp } | { word: string };

function tokens(clause: string): Token[] {
  const found: Token[] = [];
  tokenPattern.lastIndex = 0;
  while (tokenPattern.lastIndex < clause.trimEnd().length) {
    const at = tokenPattern.lastIndex;
    const match = tokenPattern.exec(clause);
    if (!match) throw new Error(`cannot read the when clause at ${at}: ${clause}`);
    if (match[1]) found.push({ op: match[1] });
    else if (match[2] !== undefined) found.push({ regex: new RegExp(match[2], match[3]) });
    else found.push({ word: match[4] });
  }
  return found;
}

export function evaluateWhen(clause: string, context: WhenContext): boolean {
  const list = tokens(clause);
  let next = 0;
  const peekOp = () => {
    const token = list[next];
    return token && 'op' in token ? token.op : undefined;
  };
  const take = (): Token => {
    const token = list[next++];
    if (!token) throw new Error(`the when clause ends early: ${clause}`);
    return token;
  };
  const word = (): string => {
    const token = take();
    if (!('word' in token)) throw new Error(`expected a key or value in: ${clause}`);
    return token.word;
  };
  const primary = (): boolean => {
    if (peekOp() === '!') {
      next++;
      return !primary();
    }
    if (peekOp() === '(') {
      next++;
      const value = or();
      const close = take();
      if (!('op' in close) || close.op !== ')') throw new Error(`expected ) in: ${clause}`);
      return value;
    }
    const key = word();
    if (key === 'true') return true;
    if (key === 'false') return false;
    const operator = peekOp();
    if (operator === '==' || operator === '!=') {
      next++;
      const equal = String(context[key]) === word();
      return operator === '==' ? equal : !equal;
    }
    if (operator === '=~') {
      next++;
      const token = take();
      if (!('regex' in token)) throw new Error(`expected a /regex/ after =~ in: ${clause}`);
      const value = context[key];
      return typeof value === 'string' && token.regex.test(value);
    }
    return Boolean(context[key]);
  };
  const and = (): boolean => {
    let value = primary();
    while (peekOp() === '&&') {
      next++;
      value = primary() && value;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (peekOp() === '||') {
      next++;
      value = and() || value;
    }
    return value;
  };
  const value = or();
  if (next !== list.length) throw new Error(`unread tokens in the when clause: ${clause}`);
  return value;
}
