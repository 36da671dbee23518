// Runs the official `openai` npm client (6.x) against a running `agents serve`.
// Started by NpmClientTests with BASE_URL, API_KEY, CHAT_MODEL, EMBED_MODEL; prints one line per check, exits 1 on the first failure.
import OpenAI from 'openai';
import assert from 'node:assert/strict';

const baseURL = process.env.BASE_URL + '/v1';
const apiKey = process.env.API_KEY;
const model = process.env.CHAT_MODEL;
const embedModel = process.env.EMBED_MODEL;
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 30000 });
const messages = [{ role: 'user', content: 'Tell me a story.' }];

async function check(name, fn) {
  try {
    await fn();
    console.log('ok ' + name);
  } catch (e) {
    console.log('FAIL ' + name + ': ' + (e && e.stack ? e.stack : e));
    process.exit(1);
  }
}

await check('models', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert.ok(ids.includes(model), `models: ${ids}`);
});

await check('non-stream length cap', async () => {
  const r = await client.chat.completions.create({ model, messages, max_tokens: 3 });
  assert.equal(r.object, 'chat.completion');
  assert.equal(r.choices[0].finish_reason, 'length');
  assert.equal(r.usage.completion_tokens, 3);
});

await check('stream equals non-stream, role first, usage last', async () => {
  const whole = await client.chat.completions.create({ model, messages, seed: 1, temperature: 0 });
  const stream = await client.chat.completions.create({ model, messages, seed: 1, temperature: 0, stream: true, stream_options: { include_usage: true } });
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  assert.equal(chunks[0].choices[0].delta.role, 'assistant');
  for (const c of chunks.slice(1)) assert.equal(c.choices[0]?.delta?.role, undefined);
  assert.equal(new Set(chunks.map((c) => c.id)).size, 1);
  const last = chunks[chunks.length - 1];
  assert.deepEqual(last.choices, []);
  assert.equal(last.usage.completion_tokens, whole.usage.completion_tokens);
  const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
  assert.equal(text, whole.choices[0].message.content);
  assert.ok(text.length > 0);
});

await check('400', async () => {
  await assert.rejects(client.chat.completions.create({ model: 'no-such-model', messages }), (e) => e instanceof OpenAI.BadRequestError && e.status === 400 && e.code === 'model_not_found');
  await assert.rejects(client.chat.completions.create({ model, messages: [] }), (e) => e.status === 400);
});

await check('401', async () => {
  const bad = new OpenAI({ baseURL, apiKey: 'wrong-key', maxRetries: 0 });
  await assert.rejects(bad.chat.completions.create({ model, messages }), (e) => e instanceof OpenAI.AuthenticationError && e.status === 401);
});

await check('abort then healthy', async () => {
  const controller = new AbortController();
  const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'long' }], stream: true }, { signal: controller.signal });
  let n = 0;
  let chunks = 0;
  // The client ends the iteration quietly once its signal is aborted (it swallows the AbortError).
  try {
    for await (const c of stream) {
      chunks++;
      if (c.choices[0]?.delta?.content && ++n === 3) controller.abort();
    }
  } catch (e) {
    assert.ok(e.name === 'AbortError' || e instanceof OpenAI.APIUserAbortError, String(e));
  }
  assert.ok(controller.signal.aborted);
  assert.ok(chunks < 100, `read ${chunks} chunks after aborting`);
  const health = await fetch(process.env.BASE_URL + '/health').then((r) => r.json());
  assert.equal(health.status, 'ok');
  const again = await client.chat.completions.create({ model, messages, max_tokens: 2 });
  assert.equal(again.choices[0].finish_reason, 'length');
});

await check('four concurrent streams', async () => {
  const one = async () => {
    const s = await client.chat.completions.create({ model, messages, stream: true });
    let text = '';
    for await (const c of s) text += c.choices[0]?.delta?.content ?? '';
    return text;
  };
  const texts = await Promise.all([one(), one(), one(), one()]);
  assert.equal(new Set(texts).size, 1);
  assert.ok(texts[0].length > 0);
});

await check('embeddings', async () => {
  const r = await client.embeddings.create({ model: embedModel, input: ['alpha', 'beta'] });
  assert.equal(r.data.length, 2);
  assert.ok(r.data[0].embedding.length > 0);
  assert.ok(r.data[0].embedding.every((x) => Number.isFinite(x)));
  const f = await client.embeddings.create({ model: embedModel, input: 'beta', encoding_format: 'float' });
  // base64 carries float32 values, JSON the shortest float text: equal to float32 precision.
  assert.equal(f.data[0].embedding.length, r.data[1].embedding.length);
  f.data[0].embedding.forEach((x, i) => assert.ok(Math.abs(x - r.data[1].embedding[i]) <= 1e-6 * Math.max(1, Math.abs(x)), `dim ${i}`));
});

console.log('all ok');
