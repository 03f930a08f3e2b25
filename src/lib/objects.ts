/**
 * The object without its properties that are `undefined`: what a parser gives as `x?: T | undefined`
 * becomes `x?: T`, as APIs typed for exact optional properties (Web Crypto's JsonWebKey) expect.
 */
export function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
