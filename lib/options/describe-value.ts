/**
 * A short, readable rendering of any value for an error message: `"text"`, `10n`, `NaN`,
 * `Symbol(x)`, `[function send]`, `[circular object]`, JSON for plain data, cut at 80 characters.
 * Never throws, whatever the value: a message about bad input must not fail on that input
 * (`JSON.stringify` throws on a bigint or a circular object, a revoked Proxy on everything).
 */
export function describeValue(value: unknown): string {
  const text = render(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function render(value: unknown): string {
  switch (typeof value) {
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
    case 'undefined':
      return 'undefined';
    case 'number':
      return String(value);
    case 'string':
      return JSON.stringify(value);
    default:
      break;
  }
  if (value === null) return 'null';
  try {
    return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? `${inner}n` : inner)) ?? String(value);
  } catch {
    // A revoked Proxy throws even on Array.isArray.
    try {
      return Array.isArray(value) ? '[circular array]' : '[circular object]';
    } catch {
      return '[unreadable object]';
    }
  }
}
