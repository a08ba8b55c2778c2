// The one number formatter (src/format/number.ts): each style on the same numbers, worked out by hand
// from toPrecision / toExponential, the thresholds where a style switches to an exponent or keeps an
// integer whole, and reading the UI's text back.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { compactNumber, fixedSignificant, parseShown, plainNumber, significantText, tableNumber } from '../../src/format/number.js';

const styles = (v: number) => [compactNumber(v), fixedSignificant(v), tableNumber(v), plainNumber(v)];

test('the four styles on the same numbers: compact, fixed, table, plain (CLI)', () => {
  // 0.1 + 0.2 = 0.30000000000000004: 4 or 6 significant digits
  assert.deepEqual(styles(0.1 + 0.2), ['0.3', '0.300000', '0.3', '0.3']);
  // −1.2346e−5: below every style's small bound; compact uses U+2212 in the exponent too, fixed only in front
  assert.deepEqual(styles(-0.000012346), ['−1.235e−5', '−1.23460e-5', '-1.235e-5', '-1.2346e-5']);
  // 123456.789: compact from 1e5 on in exponent form; the table rounds to 4 digits in plain form (123500)
  assert.deepEqual(styles(123456.789), ['1.235e5', '123457', '123500', '123457']);
  // an integer of 2.5 million: whole only in the CLI (whole below 1e9; the table's limit is 1e6)
  assert.deepEqual(styles(2_500_000), ['2.5e6', '2.50000e+6', '2.5e+6', '2500000']);
  assert.deepEqual(styles(-Infinity), ['−∞', '−∞', '−∞', '-Infinity']);
  assert.deepEqual(styles(Infinity), ['∞', '∞', '∞', 'Infinity']);
  assert.deepEqual(styles(NaN), ['NaN', 'NaN', 'NaN', 'NaN']);
  assert.deepEqual(styles(-0), ['0', '0', '0', '0']);
  assert.equal(tableNumber(null), '');
  assert.equal(tableNumber(undefined), '');
});

test('thresholds: exponent bounds, whole integers, rounding across a bound', () => {
  // compact: plain for 1e−3 ≤ |v| < 1e5
  assert.equal(compactNumber(0.001), '0.001');
  assert.equal(compactNumber(0.000999), '9.99e−4');
  assert.equal(compactNumber(12345), '12350'); // 4 digits, even for an integer
  assert.equal(compactNumber(100000), '1e5');
  assert.equal(compactNumber(99999.7), '100000'); // toPrecision(4) rounds up to 1.000e+5, written plainly
  assert.equal(compactNumber(1000, 3), '1000'); // not toPrecision(3)'s "1.00e+3"
  assert.equal(compactNumber(-0.0228448, 3), '−0.0228');
  // fixed: plain for 1e−4 ≤ |v| < 1e6, trailing zeros kept
  assert.equal(fixedSignificant(0.0001), '0.000100000');
  assert.equal(fixedSignificant(0.0000999), '9.99000e-5');
  assert.equal(fixedSignificant(999999.7), '1.00000e+6'); // toPrecision(6) itself switches
  assert.equal(fixedSignificant(2, 3), '2.00');
  // table: integers below 1e6 whole, other values plain for 1e−3 ≤ |v| < 1e6
  assert.equal(tableNumber(999999), '999999');
  assert.equal(tableNumber(1_000_000), '1e+6');
  assert.equal(tableNumber(-42), '-42');
  assert.equal(tableNumber(0.000999), '9.99e-4');
  // plain: integers below 1e9 whole, 5 digits in exponent form (zeros kept), 6 in plain form
  assert.equal(plainNumber(999_999_999), '999999999');
  assert.equal(plainNumber(1e9), '1.0000e+9');
  assert.equal(plainNumber(0.0001), '0.0001');
  assert.equal(plainNumber(0.0000999), '9.9900e-5');
  assert.equal(plainNumber(-2 / 3), '-0.666667');
});

test('significantText rounds and writes the shortest form', () => {
  assert.equal(significantText(1234567, 4), '1235000');
  assert.equal(significantText(0.1 + 0.2, 6), '0.3');
  assert.equal(significantText(1.23456e-7, 3), '1.23e-7');
  assert.equal(significantText(2.999, 3), '3');
});

test('parseShown reads the UI text back', () => {
  assert.equal(parseShown('−1.50000e-3'), -0.0015);
  assert.equal(parseShown('1e−6'), 1e-6);
  assert.equal(parseShown(' −∞ '), -Infinity);
  assert.equal(parseShown('∞'), Infinity);
  assert.equal(parseShown(compactNumber(-7.6)), -7.6);
});
