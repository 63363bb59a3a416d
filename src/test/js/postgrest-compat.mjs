// Drives the gateway with the real @supabase/postgrest-js client, as supabase-js' .rpc() does.
// Run by NodeClientsTest with GATEWAY_URL and TOKEN set; prints one line per check and
// exits non-zero when any check fails.
import { PostgrestClient } from '@supabase/postgrest-js';
import assert from 'node:assert/strict';

const client = new PostgrestClient(process.env.GATEWAY_URL, {
  headers: { Authorization: `Bearer ${process.env.TOKEN}` },
  retry: false,
});

const checks = {
  async 'rpc() POSTs named arguments and gets typed rows'() {
    const { data, error, status } = await client.rpc('get_stripe_products', { name_prefix: 'Basic' });
    assert.equal(error, null);
    assert.equal(status, 200);
    assert.deepEqual(data.map((p) => p.id), ['prod_001', 'prod_002']);
    assert.equal(data[0].active, true);
  },
  async 'rpc(…, {get: true}) sends scalar arguments in the query string'() {
    const { data, error, status } = await client.rpc('add', { a: 2, b: 3 }, { get: true });
    assert.equal(error, null);
    assert.equal(status, 200);
    assert.equal(data, 5);
  },
  async 'rpc(…, {get: true}) sends arrays as Postgres array literals'() {
    const { data, error } = await client.rpc('echo_types', { i: 7, tags: ['a', 'b'] }, { get: true });
    assert.equal(error, null);
    assert.equal(data[0].i, 7);
    assert.deepEqual(data[0].tags, ['a', 'b']);
  },
  async 'a raised exception reaches the client with message, code, hint and status'() {
    const { data, error, status } = await client.rpc('check_quota', { amount: 500 });
    assert.equal(data, null);
    assert.equal(status, 400);
    assert.match(error.message, /quota exceeded: 500 requested/);
    assert.equal(error.code, 'P0001');
    assert.equal(error.hint, 'Ask for a quota increase.');
  },
  async 'throwOnError() raises a PostgrestError carrying the message'() {
    // the builder is a thenable, not a Promise: await it inside a function
    await assert.rejects(async () => await client.rpc('check_quota', { amount: 500 }).throwOnError(),
      (e) => e.name === 'PostgrestError' && /quota exceeded/.test(e.message) && e.code === 'P0001');
  },
  async 'a decoy function answers 404'() {
    const { data, error, status } = await client.rpc('invoker_decoy');
    assert.equal(data, null);
    assert.equal(status, 404);
    assert.equal(error.code, 'GW404');
    assert.ok(error.message);
  },
  async 'head: true sends HEAD and gets the status without a body'() {
    const { data, error, status } = await client.rpc('list_plans', {}, { head: true });
    assert.equal(error, null);
    assert.equal(status, 200);
    assert.equal(data, null);
  },
  async 'head: true with count gets the status and the exact count'() {
    const { error, status, count } = await client.rpc('list_plans', {}, { head: true, count: 'exact' });
    assert.equal(error, null);
    assert.equal(status, 200);
    assert.equal(count, 10);
  },
  async 'head: true on a VOLATILE function answers 405'() {
    const { status } = await client.rpc('record_event', { kind: 'x' }, { head: true });
    assert.equal(status, 405);
  },
  async 'select().eq().order().range() shape the result after the function ran, with a count'() {
    const { data, error, status, count } = await client
      .rpc('list_plans', {}, { get: true, count: 'exact' })
      .select('id,name').gt('id', 2).order('id', { ascending: false }).range(1, 3);
    assert.equal(error, null);
    assert.equal(status, 206);
    assert.equal(count, 8);
    assert.deepEqual(data, [{ id: 9, name: 'Plan 9' }, { id: 8, name: 'Plan 8' }, { id: 7, name: 'Plan 7' }]);
  },
  async 'filters work on POST too: in(), is(), or(), ilike()'() {
    const { data, error } = await client.rpc('get_stripe_products', { name_prefix: '' })
      .select('id').in('id', ['prod_001', 'prod_005', 'prod_008']).or('default_price.is.null,name.ilike.*zeta*');
    assert.equal(error, null);
    assert.deepEqual(data.map((p) => p.id), ['prod_005', 'prod_008']);
  },
  async 'an unknown column or operator answers 400 with the gateway code, not 500'() {
    const { error, status } = await client.rpc('list_plans', {}, { get: true }).eq('nope', 1);
    assert.equal(status, 400);
    assert.equal(error.code, 'GW400-unknown-column');
  },
  async 'single() gets the one row as an object'() {
    const { data, error, status } = await client.rpc('list_plans', {}, { get: true }).eq('id', 3).single();
    assert.equal(error, null);
    assert.equal(status, 200);
    assert.deepEqual(data, { id: 3, name: 'Plan 3', monthly_eur: 28.5 });
  },
  async 'single() on several rows answers 406'() {
    const { error, status } = await client.rpc('list_plans', {}, { get: true }).single();
    assert.equal(status, 406);
    assert.equal(error.code, 'GW406-single-object');
    assert.match(error.message, /10 rows/);
  },
  async 'csv() gets RFC 4180 CSV with a header row'() {
    const { data, error, status } = await client.rpc('list_plans', {}, { get: true }).lte('id', 2).csv();
    assert.equal(error, null);
    assert.equal(status, 200);
    assert.equal(data, 'id,name,monthly_eur\r\n1,Plan 1,9.50\r\n2,Plan 2,19.00');
  },
};

let failed = 0;
for (const [name, check] of Object.entries(checks)) {
  try {
    await check();
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}: ${e.message}`);
  }
}
console.log(failed === 0 ? 'all checks passed' : `${failed} check(s) failed`);
process.exit(failed === 0 ? 0 : 1);
