import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PageCache, etagOf } from './page-cache.ts';

test('a page is rendered once per key and revision, and again when the revision changes', async () => {
  const cache = new PageCache();
  let renders = 0;
  const render = () => ({ body: `page ${++renders}`, contentType: 'text/html' });
  const a = await cache.getOrCreate('fr /', '1', render);
  const b = await cache.getOrCreate('fr /', '1', render);
  assert.equal(a, b);
  assert.equal(renders, 1);
  const c = await cache.getOrCreate('fr /', '2', render);
  assert.equal(c.body, 'page 2');
  assert.notEqual(c.etag, a.etag);
});

test('the cache keeps at most its size, dropping the least recently used page', async () => {
  const cache = new PageCache(2);
  const page = (body: string) => () => ({ body, contentType: 'text/html' });
  await cache.getOrCreate('a', '1', page('a'));
  await cache.getOrCreate('b', '1', page('b'));
  await cache.getOrCreate('a', '1', page('a again'));
  await cache.getOrCreate('c', '1', page('c'));
  assert.equal(cache.size, 2);
  assert.equal((await cache.getOrCreate('a', '1', page('a new'))).body, 'a', 'a was used recently and stayed');
  assert.equal((await cache.getOrCreate('b', '1', page('b new'))).body, 'b new', 'b was dropped');
});

test('get answers a kept page at once, and nothing for another revision or an unknown key', async () => {
  const cache = new PageCache();
  assert.equal(cache.get('fr /', '1'), undefined);
  const kept = await cache.getOrCreate('fr /', '1', () => ({ body: 'home', contentType: 'text/html' }));
  assert.equal(cache.get('fr /', '1'), kept);
  assert.equal(cache.get('en /', '1'), undefined);
  assert.equal(cache.get('fr /', '2'), undefined, 'a page of an older revision is never served');
});

test('when every kept page was served, the oldest goes first and the cache stays within its size', async () => {
  const cache = new PageCache(3);
  const page = (body: string) => () => ({ body, contentType: 'text/html' });
  for (const key of ['a', 'b', 'c']) await cache.getOrCreate(key, '1', page(key));
  for (const key of ['c', 'b', 'a']) assert.ok(cache.get(key, '1'));
  await cache.getOrCreate('d', '1', page('d'));
  assert.equal(cache.size, 3);
  assert.equal(cache.get('a', '1'), undefined, 'a, the oldest, was dropped');
  for (const key of ['b', 'c', 'd']) assert.ok(cache.get(key, '1'), `${key} stayed`);
});

test('an ETag is a quoted hash of the exact bytes', () => {
  assert.match(etagOf('x'), /^"[\w-]{27}"$/);
  assert.equal(etagOf('x'), etagOf(Buffer.from('x')));
  assert.notEqual(etagOf('x'), etagOf('y'));
});
