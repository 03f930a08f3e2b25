import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SecondChanceMap } from './second-chance.ts';

test('when full, the entry not read since it was kept goes first', () => {
  const map = new SecondChanceMap<string, number>(2);
  map.set('a', 1);
  map.set('b', 2);
  assert.equal(map.get('a'), 1);
  map.set('c', 3);
  assert.equal(map.size, 2);
  assert.equal(map.get('b'), undefined, 'b was never read and was dropped');
  assert.equal(map.get('a'), 1);
  assert.equal(map.get('c'), 3);
});

test('when every entry was read, the oldest goes first', () => {
  const map = new SecondChanceMap<string, string>(3);
  for (const key of ['a', 'b', 'c']) map.set(key, key);
  for (const key of ['c', 'b', 'a']) assert.equal(map.get(key), key);
  map.set('d', 'd');
  assert.equal(map.get('a'), undefined);
  for (const key of ['b', 'c', 'd']) assert.equal(map.get(key), key);
});

test('replacing a kept entry drops nothing; clear empties the map; a bound must be a positive integer', () => {
  const map = new SecondChanceMap<string, number>(2);
  map.set('a', 1);
  map.set('b', 2);
  map.set('a', 10);
  assert.equal(map.size, 2);
  assert.equal(map.get('a'), 10);
  assert.equal(map.get('b'), 2);
  map.clear();
  assert.equal(map.size, 0);
  assert.equal(map.get('a'), undefined);
  for (const bound of [0, -1, 1.5, Number.NaN]) assert.throws(() => new SecondChanceMap(bound));
});

test('whatever the reads and writes, the map stays within its bound and keeps what was just set', () => {
  const operation = fc.oneof(
    fc.record({ op: fc.constant('set' as const), key: fc.integer({ min: 0, max: 20 }) }),
    fc.record({ op: fc.constant('get' as const), key: fc.integer({ min: 0, max: 20 }) }),
  );
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.array(operation, { maxLength: 80 }), (bound, operations) => {
      const map = new SecondChanceMap<number, number>(bound);
      const written = new Map<number, number>();
      operations.forEach(({ op, key }, step) => {
        if (op === 'set') {
          map.set(key, step);
          written.set(key, step);
          assert.equal(map.get(key), step);
        } else {
          const value = map.get(key);
          // A value read back is the last one written for that key.
          if (value !== undefined) assert.equal(value, written.get(key));
        }
        assert.ok(map.size <= bound);
      });
    }),
  );
});
