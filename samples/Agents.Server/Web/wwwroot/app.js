// The chat page. No framework, no build step, no inline code (the page runs under a strict CSP).
// Model output is untrusted: it only reaches the page through AgentsMarkdown.render (text nodes + a fixed element subset).
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const state = { conversation: null, controller: null, busy: false };
  const keyInput = $('api-key');
  keyInput.value = sessionStorage.getItem('agents.apiKey') || '';

  function headers(json) {
    const h = {};
    if (json) h['Content-Type'] = 'application/json';
    const key = keyInput.value.trim();
    if (key) h.Authorization = 'Bearer ' + key;
    return h;
  }

  async function errorText(response) {
    try {
      const body = await response.json();
      if (body && body.error && body.error.message) return response.status + ': ' + body.error.message;
    } catch { /* not JSON */ }
    return 'HTTP ' + response.status;
  }

  async function api(method, url, body) {
    const response = await fetch(url, { method: method, headers: headers(body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw new Error(await errorText(response));
    return response.status === 204 ? null : response.json();
  }

  function showError(message) {
    const box = $('error');
    box.textContent = message || '';
    box.hidden = !message;
  }

  function setBusy(busy) {
    state.busy = busy;
    $('send').disabled = busy;
    $('stop').disabled = !busy;
    const msgs = state.conversation ? state.conversation.messages : [];
    $('regenerate').disabled = busy || msgs.length === 0;
  }

  // Reveals streamed text at a steady pace: every animation frame shows a share of what is waiting, so a burst of
  // tokens spreads over a few frames instead of appearing at once. flush() shows everything at once (end or stop).
  class Drip {
    constructor(onShow) { this.onShow = onShow; this.shown = ''; this.pending = ''; this.frame = 0; }
    push(text) {
      this.pending += text;
      if (!this.frame) this.frame = requestAnimationFrame(() => this.tick());
    }
    tick() {
      this.frame = 0;
      if (!this.pending) return;
      let n = Math.max(1, Math.ceil(this.pending.length / 8));
      const code = this.pending.charCodeAt(n - 1);
      if (code >= 0xd800 && code <= 0xdbff && n < this.pending.length) n++;
      this.shown += this.pending.slice(0, n);
      this.pending = this.pending.slice(n);
      this.onShow(this.shown);
      if (this.pending) this.frame = requestAnimationFrame(() => this.tick());
    }
    flush() {
      if (this.frame) cancelAnimationFrame(this.frame);
      this.frame = 0;
      this.shown += this.pending;
      this.pending = '';
      this.onShow(this.shown);
      return this.shown;
    }
  }

  function renderContent(node, text) {
    node.replaceChildren(window.AgentsMarkdown.render(text));
  }

  function addMessage(role, text, meta) {
    const box = document.createElement('div');
    box.className = 'message ' + (role === 'user' ? 'user' : role === 'system' ? 'system' : 'assistant');
    const label = document.createElement('div');
    label.className = 'role';
    label.textContent = role;
    const steps = document.createElement('div');
    steps.className = 'steps';
    const content = document.createElement('div');
    content.className = 'content';
    const footer = document.createElement('div');
    footer.className = 'footer';
    box.append(label, steps, content, footer);
    if (role === 'user') content.textContent = text; else renderContent(content, text);
    if (meta) applyMeta({ steps: steps, footer: footer }, meta);
    $('messages').appendChild(box);
    box.scrollIntoView({ block: 'end' });
    return { box: box, steps: steps, content: content, footer: footer };
  }

  function addStep(stepsNode, step) {
    const details = document.createElement('details');
    details.className = 'step step-' + String(step.type || 'step').replace(/[^\w-]/g, '');
    const summary = document.createElement('summary');
    summary.textContent = (step.type || 'step') + (step.tool ? ': ' + step.tool : '');
    const body = document.createElement('pre');
    body.textContent = step.text !== undefined && step.text !== null ? String(step.text) : JSON.stringify(step, null, 2);
    details.append(summary, body);
    stepsNode.appendChild(details);
  }

  function footerText(meta) {
    const parts = [];
    if (meta.tokens !== undefined) parts.push(meta.tokens + ' tokens');
    if (meta.tps) parts.push(meta.tps.toFixed(1) + ' tokens/s');
    if (meta.finish === 'length') parts.push('cut at the token limit');
    if (meta.stopped) parts.push('stopped');
    return parts.join(' · ');
  }

  function applyMeta(nodes, metaJson) {
    let meta;
    try { meta = typeof metaJson === 'string' ? JSON.parse(metaJson) : metaJson; } catch { return; }
    (meta.steps || []).forEach((s) => addStep(nodes.steps, s));
    nodes.footer.textContent = footerText(meta);
  }

  async function* readEvents(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          else if (line.startsWith('event:')) event = line.slice(6).trim();
        }
        if (data.length) yield { event: event, data: data.join('\n') };
      }
    }
  }

  function selectedModel() {
    const select = $('model');
    const option = select.options[select.selectedIndex];
    return option ? { id: option.value, kind: option.dataset.kind } : { id: '', kind: 'chat' };
  }

  async function generate() {
    const conversation = state.conversation;
    const model = selectedModel();
    const nodes = addMessage('assistant', '');
    nodes.box.classList.add('streaming');
    const controller = new AbortController();
    state.controller = controller;
    setBusy(true);
    showError('');
    const drip = new Drip((shown) => { renderContent(nodes.content, shown); nodes.box.scrollIntoView({ block: 'end' }); });
    const meta = { steps: [] };
    let text = '';
    let first = 0;
    let last = 0;
    let chunks = 0;
    let answered = false;
    const onText = (piece) => {
      const now = performance.now();
      if (!first) first = now;
      last = now;
      chunks++;
      text += piece;
      drip.push(piece);
      const secs = (last - first) / 1000;
      $('stats').textContent = chunks + ' tokens' + (secs > 0 ? ' · ' + (chunks / secs).toFixed(1) + ' tokens/s' : '');
    };
    try {
      const history = conversation.messages.map((m) => ({ role: m.role, content: m.content }));
      const isAgent = model.kind === 'agent';
      const url = isAgent ? '/v1/agents/' + encodeURIComponent(model.id) + '/runs' : '/v1/chat/completions';
      const body = isAgent
        ? { task: history[history.length - 1].content }
        : { model: model.id, messages: history, stream: true, stream_options: { include_usage: true } };
      const response = await fetch(url, { method: 'POST', headers: headers(true), body: JSON.stringify(body), signal: controller.signal });
      if (!response.ok) throw new Error(await errorText(response));
      for await (const ev of readEvents(response)) {
        if (ev.data === '[DONE]') break;
        const obj = JSON.parse(ev.data);
        if (obj.error) throw new Error(obj.error.message);
        if (isAgent) {
          // Raw model text streams live; once a step is parsed it moves into a collapsed <details> and the live
          // area restarts; the final answer replaces it.
          if (obj.type === 'text') { if (!answered) onText(obj.text || ''); continue; }
          if (obj.type === 'final_answer') {
            drip.flush();
            drip.shown = '';
            text = obj.text || '';
            answered = true;
            drip.push(text);
            drip.flush();
            continue;
          }
          if (obj.type === 'stopped' && obj.reason === 'final_answer') continue;
          meta.steps.push(obj);
          addStep(nodes.steps, obj);
          if (!answered) {
            drip.flush();
            drip.shown = '';
            text = '';
            renderContent(nodes.content, '');
          }
          continue;
        }
        if (obj.usage) meta.usage = obj.usage;
        const choice = obj.choices && obj.choices[0];
        if (!choice) continue;
        if (choice.delta && choice.delta.content) onText(choice.delta.content);
        if (choice.finish_reason) meta.finish = choice.finish_reason;
      }
    } catch (e) {
      if (e && e.name === 'AbortError') meta.stopped = true;
      else showError(e && e.message ? e.message : String(e));
    } finally {
      drip.flush();
      nodes.box.classList.remove('streaming');
      state.controller = null;
    }
    meta.tokens = meta.usage ? meta.usage.completion_tokens : chunks;
    const secs = (last - first) / 1000;
    meta.tps = secs > 0 ? meta.tokens / secs : 0;
    nodes.footer.textContent = footerText(meta);
    $('stats').textContent = footerText(meta);
    nodes.box.dataset.done = 'true';
    conversation.messages.push({ role: 'assistant', content: text, meta: JSON.stringify(meta) });
    setBusy(false);
    await save();
  }

  async function save() {
    const c = state.conversation;
    if (!c) return;
    try {
      await api('PUT', '/api/conversations/' + encodeURIComponent(c.id), { title: c.title, model: selectedModel().id, messages: c.messages });
      await loadConversations();
    } catch (e) { showError('Could not save the conversation: ' + e.message); }
  }

  async function send() {
    const prompt = $('prompt').value.trim();
    if (!prompt || state.busy) return;
    try {
      if (!state.conversation) {
        const created = await api('POST', '/api/conversations', { title: prompt.slice(0, 60), model: selectedModel().id });
        state.conversation = { id: created.id, title: created.title, messages: [] };
      }
    } catch (e) { showError(e.message); return; }
    $('prompt').value = '';
    state.conversation.messages.push({ role: 'user', content: prompt });
    addMessage('user', prompt);
    await generate();
  }

  async function regenerate() {
    const c = state.conversation;
    if (!c || state.busy || c.messages.length === 0) return;
    if (c.messages[c.messages.length - 1].role === 'assistant') {
      c.messages.pop();
      const boxes = $('messages').querySelectorAll('.message');
      if (boxes.length) boxes[boxes.length - 1].remove();
    }
    await generate();
  }

  async function openConversation(id) {
    if (state.busy) return;
    try {
      const c = await api('GET', '/api/conversations/' + encodeURIComponent(id));
      state.conversation = { id: c.id, title: c.title, messages: c.messages.map((m) => ({ role: m.role, content: m.content, meta: m.meta })) };
      $('messages').replaceChildren();
      state.conversation.messages.forEach((m) => addMessage(m.role, m.content, m.meta));
      if (c.model) $('model').value = c.model;
      setBusy(false);
      await loadConversations();
    } catch (e) { showError(e.message); }
  }

  async function loadConversations() {
    const list = $('conversations');
    let items;
    try { items = await api('GET', '/api/conversations'); } catch (e) { showError(e.message); return; }
    list.replaceChildren();
    for (const item of items) {
      const li = document.createElement('li');
      if (state.conversation && state.conversation.id === item.id) li.className = 'active';
      const open = document.createElement('button');
      open.className = 'open';
      open.type = 'button';
      open.textContent = item.title;
      open.addEventListener('click', () => openConversation(item.id));
      const del = document.createElement('button');
      del.className = 'delete';
      del.type = 'button';
      del.title = 'Delete';
      del.textContent = '\u00d7';
      del.addEventListener('click', async () => {
        await api('DELETE', '/api/conversations/' + encodeURIComponent(item.id)).catch((e) => showError(e.message));
        if (state.conversation && state.conversation.id === item.id) newChat();
        await loadConversations();
      });
      li.append(open, del);
      list.appendChild(li);
    }
  }

  function newChat() {
    if (state.busy) return;
    state.conversation = null;
    $('messages').replaceChildren();
    $('stats').textContent = '';
    setBusy(false);
  }

  async function loadModels() {
    const select = $('model');
    try {
      const list = await api('GET', '/v1/models');
      select.replaceChildren();
      for (const m of list.data) {
        if (m.agents_kind === 'embedding') continue;
        const option = document.createElement('option');
        option.value = m.id;
        option.dataset.kind = m.agents_kind || 'chat';
        option.textContent = (m.agents_kind === 'agent' ? 'agent: ' : '') + m.id;
        select.appendChild(option);
      }
    } catch (e) { showError('Could not list models: ' + e.message); }
  }

  $('composer').addEventListener('submit', (e) => { e.preventDefault(); send(); });
  $('prompt').addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); send(); } });
  $('stop').addEventListener('click', () => { if (state.controller) state.controller.abort(); });
  $('regenerate').addEventListener('click', () => regenerate());
  $('new-chat').addEventListener('click', () => newChat());
  keyInput.addEventListener('change', () => { sessionStorage.setItem('agents.apiKey', keyInput.value.trim()); loadConversations(); });

  setBusy(false);
  loadModels().then(() => { document.body.dataset.ready = 'true'; });
  loadConversations();
})();
