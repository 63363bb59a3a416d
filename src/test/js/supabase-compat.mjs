// Drives the gateway with the real supabase-js client, as a Supabase application does: the API
// under /rest/v1 (quarkus.rest.path), the publishable key as apikey and, signed out, as the
// bearer. Run by SupabaseClientTest with GATEWAY_URL (the base URL, without /rest/v1),
// PUBLISHABLE_KEY and TOKEN set; prints one line per check and exits non-zero when any fails.
import { createClient } from '@supabase/supabase-js';
import assert from 'node:assert/strict';
import ws from 'ws';

const url = process.env.GATEWAY_URL;
const key = process.env.PUBLISHABLE_KEY;
// Node 20 has no WebSocket of its own; supabase-js builds a realtime client even when unused
const options = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  realtime: { transport: ws },
};

// signed out: supabase-js sends apikey and Authorization: Bearer <publishable key>
const signedOut = createClient(url, key, options);
// signed in with a token of the gateway's issuer (supabase-js' third-party auth hook)
const signedIn = createClient(url, key, { ...options, accessToken: async () => process.env.TOKEN });

const checks = {
  async 'signed out with the publishable key: rpc() runs as the anonymous role'() {
    const { data, error, status } = await signedOut.rpc('whoami');
    assert.equal(error, null);
    assert.equal(status, 200);
    assert.equal(data.role, 'anon');
    assert.equal(data.sub, null);
  },
  async 'signed out: a function only signed-in callers may run is refused with 401'() {
    const { data, error, status } = await signedOut.rpc('my_orders');
    assert.equal(data, null);
    assert.equal(status, 401);
    assert.ok(error.message);
  },
  async 'signed in: rpc() runs as the token\'s role and subject'() {
    const { data, error, status } = await signedIn.rpc('whoami');
    assert.equal(error, null);
    assert.equal(status, 200);
    assert.equal(data.role, 'authenticated');
    assert.equal(data.sub, 'alice');
  },
  async 'signed in: rpc() POSTs named arguments and gets rows'() {
    const { data, error } = await signedIn.rpc('get_stripe_products', { name_prefix: 'Basic' });
    assert.equal(error, null);
    assert.deepEqual(data.map((p) => p.id), ['prod_001', 'prod_002']);
  },
  async 'rpc(…, {get: true}) GETs under the prefix'() {
    const { data, error } = await signedOut.rpc('add', { a: 2, b: 3 }, { get: true });
    assert.equal(error, null);
    assert.equal(data, 5);
  },
  async '.schema() sends the profile headers and reaches that schema (POST and GET)'() {
    const post = await signedIn.schema('sb_other').rpc('sb_where');
    assert.equal(post.error, null);
    assert.equal(post.data, 'sb_other');
    const get = await signedIn.schema('sb_other').rpc('sb_where', {}, { get: true });
    assert.equal(get.error, null);
    assert.equal(get.data, 'sb_other');
    const unprofiled = await signedIn.rpc('sb_where');
    assert.equal(unprofiled.data, 'public');
  },
  async '.schema() of a schema that is not exposed answers 406'() {
    const { data, error, status } = await signedIn.schema('stripe').rpc('sb_where');
    assert.equal(data, null);
    assert.equal(status, 406);
    assert.equal(error.code, 'GW406-profile');
  },
  async 'a PGRST raise reaches the client with its status, code, message, details and hint'() {
    const { error, status } = await signedIn.rpc('sb_pay');
    assert.equal(status, 402);
    assert.equal(error.code, 'PAY01');
    assert.equal(error.message, 'Payment Required');
    assert.equal(error.details, 'Quota exceeded');
    assert.equal(error.hint, 'Upgrade your plan');
  },
  async '.single() gets the one row as an object, and 406 for several'() {
    const one = await signedOut.rpc('list_plans', {}, { get: true }).eq('id', 3).single();
    assert.equal(one.error, null);
    assert.equal(one.status, 200);
    assert.deepEqual(one.data, { id: 3, name: 'Plan 3', monthly_eur: 28.5 });
    const several = await signedOut.rpc('list_plans', {}, { get: true }).single();
    assert.equal(several.status, 406);
    assert.equal(several.error.code, 'GW406-single-object');
  },
  async '.csv() gets CSV with a header row'() {
    const { data, error, status } = await signedIn.rpc('list_plans').lte('id', 2).csv();
    assert.equal(error, null);
    assert.equal(status, 200);
    assert.equal(data, 'id,name,monthly_eur\r\n1,Plan 1,9.50\r\n2,Plan 2,19.00');
  },
  async '.select().eq().order().range() with an exact count'() {
    const { data, error, status, count } = await signedIn
      .rpc('list_plans', {}, { get: true, count: 'exact' })
      .select('id,name').gt('id', 2).order('id', { ascending: false }).range(1, 3);
    assert.equal(error, null);
    assert.equal(status, 206);
    assert.equal(count, 8);
    assert.deepEqual(data, [{ id: 9, name: 'Plan 9' }, { id: 8, name: 'Plan 8' }, { id: 7, name: 'Plan 7' }]);
    const eq = await signedOut.rpc('list_plans', {}, { get: true }).select('name').eq('id', 4);
    assert.deepEqual(eq.data, [{ name: 'Plan 4' }]);
  },
  async 'head with count: the count without the rows'() {
    const { data, error, status, count } = await signedOut.rpc('list_plans', {}, { head: true, count: 'exact' });
    assert.equal(error, null);
    assert.equal(status, 200);
    assert.equal(count, 10);
    assert.equal(data, null);
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
