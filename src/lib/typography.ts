/**
 * French typography: a non-breaking space before « : ; ? ! » and after «, so that punctuation
 * never starts a line on a phone. Applied to the French catalogue and French content once, when
 * they are loaded, never to user input.
 */
const NBSP = '\u00a0';

export function frenchSpaces(text: string): string {
  return text.replace(/ ([:;?!»])/g, `${NBSP}$1`).replace(/« /g, `«${NBSP}`);
}

/** The same structure with every string (and every message function's result) typeset. */
export function typesetDeep<T>(value: T): T {
  if (typeof value === 'string') return frenchSpaces(value) as T;
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => typesetDeep(fn(...args))) as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => typesetDeep(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, typesetDeep(child)])) as T;
  }
  return value;
}
