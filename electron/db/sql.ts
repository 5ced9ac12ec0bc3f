// Parameterised SQL built with a tagged template. A value written into `sql` is always bound as a
// parameter, never spliced as text; SQL the code itself owns (an index name, a column list, a
// fragment built by `sql`) is spliced only when it says so (`trusted`, or a nested fragment).
// Parameter names are given when the statement is rendered, so fragments built apart (the register's
// filters and a dashboard figure's predicate, say) meet without their names clashing, and nobody
// rewrites SQL text to rename them.

/** A value bound under a name of its own choosing: the same parameter may appear several times. */
export class Param {
  constructor(
    readonly name: string,
    readonly value: unknown,
  ) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`"${name}" cannot name an SQL parameter.`);
  }
}

/** SQL text the code owns (an index name, a fixed predicate), spliced as it stands. */
export class Trusted {
  constructor(readonly text: string) {}
}

/** A piece of SQL: text and the parameters in it, still unnamed. */
export class Sql {
  constructor(readonly parts: readonly (string | Param)[]) {}
}

/** A named parameter, for a value used in several places of one statement. */
export const param = (name: string, value: unknown): Param => new Param(name, value);

/** Code-owned SQL text, spliced as it stands. Never pass it anything a person typed. */
export const trusted = (text: string): Trusted => new Trusted(text);

/** `sql\`e.opened_on BETWEEN ${from} AND ${to}\``: values bound as parameters, fragments spliced. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  const parts: (string | Param)[] = [];
  strings.forEach((text, i) => {
    parts.push(text);
    if (i >= values.length) return;
    const value = values[i];
    if (value instanceof Sql) parts.push(...value.parts);
    else if (value instanceof Trusted) parts.push(value.text);
    else if (value instanceof Param) parts.push(value);
    else parts.push(new Param('p', value));
  });
  return new Sql(parts);
}

/** Fragments joined by a separator such as ' AND '. */
export function joinSql(fragments: readonly Sql[], separator: string): Sql {
  const parts: (string | Param)[] = [];
  fragments.forEach((f, i) => {
    if (i > 0) parts.push(separator);
    parts.push(...f.parts);
  });
  return new Sql(parts);
}

export interface Rendered {
  /** The statement, its parameters written @name. */
  text: string;
  /** The values to bind, by name. */
  params: Record<string, unknown>;
}

/**
 * The statement and its parameters. A parameter keeps its own name (prefixed when asked) unless
 * another parameter already took it, when it becomes name_2, name_3 ...; names in `taken` (those
 * of a statement this one joins) are avoided too.
 */
export function render(fragment: Sql, options: { prefix?: string; taken?: Iterable<string> } = {}): Rendered {
  const prefix = options.prefix ?? '';
  const named = new Map<Param, string>();
  const params: Record<string, unknown> = {};
  const used = new Set(options.taken ?? []);
  let text = '';
  for (const part of fragment.parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    let name = named.get(part);
    if (name === undefined) {
      const base = `${prefix}${part.name}`;
      name = base;
      for (let n = 2; used.has(name); n += 1) name = `${base}_${n}`;
      used.add(name);
      named.set(part, name);
      params[name] = part.value;
    }
    text += `@${name}`;
  }
  return { text, params };
}
