// An OData v4 `$filter`, read as the OData URL conventions and ABNF write it (FACT, the standard):
// comparisons `eq ne gt ge lt le`, `and`, `or`, `not`, parentheses, string literals in single
// quotes with a quote inside doubled, `true false null`, integers, DateTimeOffset literals
// without quotes, and the canonical functions `contains startswith endswith tolower toupper
// trim length`. Keywords and property names are case-sensitive; binary operators stand between
// whitespace (RWS: spaces or tabs). GUESS (strict): the other canonical functions, arithmetic,
// lambdas and navigation paths are not simulated and answer a 400 that says so.

/** The property types an entity set here has, as OData names them. */
export type EdmType = 'Edm.String' | 'Edm.Int32' | 'Edm.Boolean' | 'Edm.DateTimeOffset';

/** An entity type: its name in error messages and its properties. */
export interface EntityType {
  readonly name: string;
  readonly properties: Readonly<Record<string, EdmType>>;
}

type Value = string | number | boolean | null;
type Type = EdmType | 'null';
interface Node {
  readonly type: Type;
  evaluate(entity: Readonly<Record<string, unknown>>): Value;
}

type Token =
  | { readonly kind: 'word'; readonly text: string; readonly at: number; readonly spaced: boolean }
  | { readonly kind: 'string'; readonly value: string; readonly at: number; readonly spaced: boolean }
  | { readonly kind: 'number'; readonly value: number; readonly at: number; readonly spaced: boolean }
  | { readonly kind: 'date'; readonly value: string; readonly at: number; readonly spaced: boolean }
  | { readonly kind: '(' | ')' | ','; readonly at: number; readonly spaced: boolean };

/** The filter is not valid OData for this entity type; the message is OData's own wording (GUESS: its exact text). */
export class FilterError extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,12})?)?(?:Z|[+-]\d{2}:\d{2})/;
const NUMBER = /^-?\d+(?![\w.])/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  let spaced = false;
  const syntax = (position: number): never => {
    throw new FilterError(`Syntax error at position ${position} in '${text}'.`);
  };
  while (at < text.length) {
    const rest = text.slice(at);
    const char = text.charAt(at);
    if (char === ' ' || char === '\t') {
      at++;
      spaced = true;
      continue;
    }
    if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char, at, spaced });
    } else if (char === "'") {
      let end = at + 1;
      let value = '';
      for (;;) {
        const next = text.indexOf("'", end);
        if (next === -1) throw new FilterError(`There is an unterminated string literal at position ${at} in '${text}'.`);
        value += text.slice(end, next);
        if (text.charAt(next + 1) !== "'") {
          end = next + 1;
          break;
        }
        value += "'";
        end = next + 2;
      }
      tokens.push({ kind: 'string', value, at, spaced });
      at = end;
      spaced = false;
      continue;
    } else {
      const match = DATE.exec(rest) ?? NUMBER.exec(rest) ?? WORD.exec(rest);
      if (!match) return syntax(at);
      const [found] = match;
      if (DATE.test(found)) {
        if (Number.isNaN(Date.parse(found))) return syntax(at);
        tokens.push({ kind: 'date', value: found, at, spaced });
      } else if (/^-?\d/.test(found)) tokens.push({ kind: 'number', value: Number(found), at, spaced });
      else tokens.push({ kind: 'word', text: found, at, spaced });
      at += found.length;
      spaced = false;
      continue;
    }
    at++;
    spaced = false;
  }
  return tokens;
}

const COMPARISONS = { eq: 'Equal', ne: 'NotEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual' } as const;
type Comparison = keyof typeof COMPARISONS;
const isComparison = (word: string): word is Comparison => Object.hasOwn(COMPARISONS, word);

// Canonical functions OData v4 has that are not simulated here (GUESS, strict: refused, not ignored).
const UNSIMULATED = new Set([
  'indexof',
  'substring',
  'concat',
  'matchesPattern',
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'fractionalseconds',
  'date',
  'time',
  'totaloffsetminutes',
  'now',
  'maxdatetime',
  'mindatetime',
  'round',
  'floor',
  'ceiling',
  'cast',
  'isof',
  'geo.distance',
  'geo.intersects',
  'geo.length',
]);

// GUESS: SQL Server's default collation, which PGM's OData queries run on, ignores case.
const fold = (value: Value) => (typeof value === 'string' ? value.toLowerCase() : value);

function compare(op: Comparison, left: Value, right: Value, type: Type): boolean {
  if (left === null || right === null) {
    if (op === 'eq') return left === right;
    if (op === 'ne') return left !== right;
    return false;
  }
  const [a, b] =
    type === 'Edm.DateTimeOffset'
      ? [Date.parse(String(left)), Date.parse(String(right))]
      : [fold(left) as string | number | boolean, fold(right) as string | number | boolean];
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
  }
}

const constant = (type: Type, value: Value): Node => ({ type, evaluate: () => value });

class Parser {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly entity: EntityType,
  ) {}

  parse(): Node {
    if (this.tokens.length === 0) throw new FilterError('The $filter expression must not be empty.');
    const node = this.or();
    const extra = this.tokens[this.index];
    if (extra) this.syntax(extra.at);
    if (node.type !== 'Edm.Boolean') throw new FilterError('The $filter expression must evaluate to a single boolean value.');
    return node;
  }

  private syntax(at: number = this.text.length): never {
    throw new FilterError(`Syntax error at position ${at} in '${this.text}'.`);
  }

  private peekWord(word: string): boolean {
    const token = this.tokens[this.index];
    return token?.kind === 'word' && token.text === word;
  }

  /** A binary keyword stands between whitespace on both sides (RWS). */
  private takeBinary(words: readonly string[]): string | undefined {
    const token = this.tokens[this.index];
    if (token?.kind !== 'word' || !words.includes(token.text)) return undefined;
    const next = this.tokens[this.index + 1];
    if (!token.spaced || !next?.spaced) this.syntax(token.at);
    this.index++;
    return token.text;
  }

  private logical(kind: 'And' | 'Or', left: Node, right: Node): Node {
    for (const side of [left, right]) {
      if (side.type !== 'Edm.Boolean' && side.type !== 'null') {
        throw new FilterError(
          `A binary operator with incompatible types was detected. Found operand types '${left.type}' and '${right.type}' for operator kind '${kind}'.`,
        );
      }
    }
    return {
      type: 'Edm.Boolean',
      evaluate: (e) => (kind === 'And' ? left.evaluate(e) === true && right.evaluate(e) === true : left.evaluate(e) === true || right.evaluate(e) === true),
    };
  }

  private or(): Node {
    let left = this.and();
    while (this.takeBinary(['or'])) left = this.logical('Or', left, this.and());
    return left;
  }

  private and(): Node {
    let left = this.not();
    while (this.takeBinary(['and'])) left = this.logical('And', left, this.not());
    return left;
  }

  private not(): Node {
    if (this.peekWord('not')) {
      const token = this.tokens[this.index]!;
      this.index++;
      const next = this.tokens[this.index];
      // `not` needs whitespace after it unless a parenthesis follows.
      if (!next || (next.kind !== '(' && !next.spaced)) this.syntax(token.at);
      const operand = this.not();
      if (operand.type !== 'Edm.Boolean') throw new FilterError(`The operand for a unary operator of kind 'Not' must be of type 'Edm.Boolean'.`);
      return { type: 'Edm.Boolean', evaluate: (e) => operand.evaluate(e) !== true };
    }
    return this.comparison();
  }

  private comparison(): Node {
    const left = this.primary();
    const op = this.takeBinary(Object.keys(COMPARISONS));
    if (op === undefined || !isComparison(op)) return left;
    const right = this.primary();
    const type: Type = left.type === 'null' ? right.type : left.type;
    const numbers = left.type === 'Edm.Int32' && right.type === 'Edm.Int32';
    if (left.type !== right.type && left.type !== 'null' && right.type !== 'null' && !numbers) {
      throw new FilterError(
        `A binary operator with incompatible types was detected. Found operand types '${left.type}' and '${right.type}' for operator kind '${COMPARISONS[op]}'.`,
      );
    }
    return { type: 'Edm.Boolean', evaluate: (e) => compare(op, left.evaluate(e), right.evaluate(e), type) };
  }

  private primary(): Node {
    const token = this.tokens[this.index];
    if (!token) return this.syntax();
    this.index++;
    switch (token.kind) {
      case '(': {
        const inner = this.or();
        if (this.tokens[this.index]?.kind !== ')') this.syntax(this.tokens[this.index]?.at);
        this.index++;
        return inner;
      }
      case 'string':
        return constant('Edm.String', token.value);
      case 'number':
        return constant('Edm.Int32', token.value);
      case 'date':
        return constant('Edm.DateTimeOffset', token.value);
      case ')':
      case ',':
        return this.syntax(token.at);
      case 'word':
        if (token.text === 'true' || token.text === 'false') return constant('Edm.Boolean', token.text === 'true');
        if (token.text === 'null') return constant('null', null);
        if (this.tokens[this.index]?.kind === '(' && !this.tokens[this.index]?.spaced) return this.call(token.text);
        return this.property(token.text);
    }
  }

  private property(name: string): Node {
    const type = Object.hasOwn(this.entity.properties, name) ? this.entity.properties[name] : undefined;
    if (!type) throw new FilterError(`Could not find a property named '${name}' on type '${this.entity.name}'.`);
    return {
      type,
      evaluate: (e) => {
        const value = e[name];
        return value === undefined ? null : (value as Value);
      },
    };
  }

  private call(name: string): Node {
    this.index++; // (
    const args: Node[] = [];
    if (this.tokens[this.index]?.kind !== ')') {
      for (;;) {
        args.push(this.or());
        if (this.tokens[this.index]?.kind !== ',') break;
        this.index++;
      }
    }
    if (this.tokens[this.index]?.kind !== ')') this.syntax(this.tokens[this.index]?.at);
    this.index++;
    const strings = (count: number) => {
      if (args.length !== count) throw new FilterError(`The function '${name}' takes ${count} argument${count === 1 ? '' : 's'}; ${args.length} given.`);
      for (const arg of args) {
        if (arg.type !== 'Edm.String' && arg.type !== 'null')
          throw new FilterError(`No function signature for the function with name '${name}' matches the specified arguments.`);
      }
    };
    const text = (node: Node, e: Readonly<Record<string, unknown>>) => node.evaluate(e) as string | null;
    const both = (test: (a: string, b: string) => boolean): Node => {
      strings(2);
      const [a, b] = args as [Node, Node];
      return {
        type: 'Edm.Boolean',
        evaluate: (e) => {
          const x = text(a, e);
          const y = text(b, e);
          return x !== null && y !== null && test(x.toLowerCase(), y.toLowerCase());
        },
      };
    };
    const one = (type: Type, map: (s: string) => Value): Node => {
      strings(1);
      const [a] = args as [Node];
      return {
        type,
        evaluate: (e) => {
          const x = text(a, e);
          return x === null ? null : map(x);
        },
      };
    };
    switch (name) {
      case 'contains':
        return both((a, b) => a.includes(b));
      case 'startswith':
        return both((a, b) => a.startsWith(b));
      case 'endswith':
        return both((a, b) => a.endsWith(b));
      case 'tolower':
        return one('Edm.String', (s) => s.toLowerCase());
      case 'toupper':
        return one('Edm.String', (s) => s.toUpperCase());
      case 'trim':
        return one('Edm.String', (s) => s.trim());
      case 'length':
        return one('Edm.Int32', (s) => [...s].length);
    }
    if (UNSIMULATED.has(name)) throw new FilterError(`The function '${name}' is valid OData but not simulated here.`);
    throw new FilterError(
      `An unknown function with name '${name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
    );
  }
}

/**
 * Reads a `$filter` for one entity type and answers the test an entity must pass, or throws
 * FilterError with OData's message.
 *
 * @example
 * const test = parseFilter("tolower(email) eq 'lena@example.com' and isDeleted eq false", MEMBER_TYPE);
 * members.filter(test);
 */
export function parseFilter(text: string, entity: EntityType): (item: Readonly<Record<string, unknown>>) => boolean {
  const node = new Parser(text, tokenize(text), entity).parse();
  return (item) => node.evaluate(item) === true;
}
