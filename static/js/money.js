// Money as the pages write it: the rules of src/guidegen/render/formatting.py, so a figure reads the
// same in a table and in a tool. The currency's symbol comes from the build's data.

function withCurrency(number, currency, symbol) {
  return symbol ? `${symbol}${number}` : `${currency} ${number}`;
}

function gcd(a, b) {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Python's format(amount / divisor, f".{digits}f") for a whole amount. Both languages round the
 * same binary number correctly; they differ only on an exact tie, where Python rounds half to even
 * and toFixed rounds up. A tie is exact when the quotient is exactly representable (its reduced
 * denominator is a power of two) and the remainder is exactly half a unit of the last digit.
 */
function fixed(amount, divisor, digits) {
  const unit = divisor / 10 ** digits;
  const denominator = divisor / gcd(amount, divisor);
  const exact = (denominator & (denominator - 1)) === 0;
  if (exact && amount % unit === unit / 2) {
    const down = Math.floor(amount / unit);
    return ((down % 2 === 0 ? down : down + 1) / 10 ** digits).toFixed(digits);
  }
  return (amount / divisor).toFixed(digits);
}

function trimZeros(text) {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

/**
 * 150000 -> $150K; 1250000 -> $1.25M; 950 -> $950 (formatting.money_short). `units` is the data's
 * `short_units`, formatting.SHORT_UNITS: [[suffix, unit, decimals], ...], largest first.
 */
export function moneyShort(amount, currency, symbol, units) {
  const found = units.find(([, unit]) => amount >= unit);
  const number = found ? `${trimZeros(fixed(amount, found[1], found[2]))}${found[0]}` : String(amount);
  return withCurrency(number, currency, symbol);
}

// one formatter for every call: toLocaleString with options builds a new one each time (~40x slower)
const EXACT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** 160000 -> $160,000 (formatting.money_exact); a midpoint may keep its cents: 212,500.5. */
export function moneyExact(amount, currency, symbol) {
  const number = EXACT.format(amount);
  return withCurrency(number, currency, symbol);
}

/** [150000, 180000] -> $150K–$180K; an open end [400000, null] -> $400K+ (formatting.money_range). */
export function moneyRange([low, high], currency, symbol, units) {
  const short = (amount) => moneyShort(amount, currency, symbol, units);
  if (high === null) return `${short(low)}+`;
  if (high === low) return short(low);
  return `${short(low)}–${short(high)}`;
}
