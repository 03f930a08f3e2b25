/**
 * The helpers the path tables are written with. A route is a function that builds its URL, and
 * carries the pattern its handler registers: `paths.canteen.start(slug)` and
 * `paths.canteen.start.pattern`.
 */

/** Builds the URL of a route from its parameters; `.pattern` is what Fastify registers. */
export type Route<Pattern extends string, Args extends unknown[]> = ((...args: Args) => string) & {
  readonly pattern: Pattern;
};

/** A route whose URL `build` makes from the parameters (encode each one with `enc`). */
export function route<const Pattern extends string, Args extends unknown[]>(
  pattern: Pattern,
  build: (...args: Args) => string,
): Route<Pattern, Args> {
  return Object.freeze(Object.assign((...args: Args) => build(...args), { pattern }));
}

/** A route without parameters: its URL is its pattern. */
export function fixed<const Pattern extends string>(pattern: Pattern): Route<Pattern, []> {
  return route(pattern, () => pattern);
}

/** Encodes one path segment. */
export const enc = encodeURIComponent;

/** `path` with the query parameters that have a value (undefined and empty ones are left out). */
export function withQuery(path: string, query: Record<string, string | undefined> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
