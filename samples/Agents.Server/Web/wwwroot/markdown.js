// A small, safe Markdown renderer for untrusted model output.
// Safety by construction: the input is never parsed as HTML. Every piece of text reaches the page through
// document.createTextNode (the escaping step), and only a fixed subset of elements is created around it:
// p, br, h1-h6, ul/ol/li, blockquote, hr, pre/code (with highlighting spans), strong, em, a.
// Links are kept only for http(s) URLs (href set from a parsed URL, rel="noopener noreferrer nofollow");
// anything else (javascript:, data:, relative) stays visible as plain text. Images are never loaded:
// ![alt](url) becomes a link or text naming the image.
(function () {
  'use strict';

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.appendChild(document.createTextNode(text));
    return node;
  }

  function safeHttpUrl(raw) {
    try {
      const url = new URL(raw);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch {
      return null;
    }
  }

  function link(href, label, className) {
    const a = el('a', className, label);
    a.href = href;
    a.rel = 'noopener noreferrer nofollow';
    a.target = '_blank';
    a.referrerPolicy = 'no-referrer';
    return a;
  }

  const INLINE = /(`+)([\s\S]*?[^`])\1(?!`)|!\[([^\]\n]*)\]\(([^)\s]*)(?:\s+"[^"\n]*")?\)|\[([^\]\n]+)\]\(([^)\s]*)(?:\s+"[^"\n]*")?\)|\*\*(?=\S)([\s\S]*?\S)\*\*|(?<![\w.])__(?=\S)([\s\S]*?\S)__(?!\w)|\*(?=[^\s*])([^*\n]*?[^\s*])\*|(?<![\w])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\w])|(https?:\/\/[^\s<>"'`)\]]+[^\s<>"'`)\].,;:!?])/g;

  function renderInline(text, parent) {
    // A fresh regex per call: bold, italic and link labels recurse, and a shared lastIndex would loop forever.
    const re = new RegExp(INLINE.source, 'g');
    let last = 0;
    let m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      last = re.lastIndex;
      if (m[1] !== undefined) {
        parent.appendChild(el('code', 'inline', m[2]));
      } else if (m[3] !== undefined) {
        const href = safeHttpUrl(m[4]);
        const label = '[image: ' + (m[3] || 'untitled') + ']';
        parent.appendChild(href ? link(href, label, 'image-link') : el('span', 'image-text', label + ' (' + m[4] + ')'));
      } else if (m[5] !== undefined) {
        const href = safeHttpUrl(m[6]);
        if (href) {
          const a = link(href, undefined, null);
          renderInline(m[5], a);
          parent.appendChild(a);
        } else {
          parent.appendChild(document.createTextNode(m[0]));
        }
      } else if (m[7] !== undefined || m[8] !== undefined) {
        const strong = el('strong');
        renderInline(m[7] !== undefined ? m[7] : m[8], strong);
        parent.appendChild(strong);
      } else if (m[9] !== undefined || m[10] !== undefined) {
        const em = el('em');
        renderInline(m[9] !== undefined ? m[9] : m[10], em);
        parent.appendChild(em);
      } else if (m[11] !== undefined) {
        const href = safeHttpUrl(m[11]);
        parent.appendChild(href ? link(href, m[11], null) : document.createTextNode(m[11]));
      }
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function renderLines(lines, parent) {
    lines.forEach(function (line, i) {
      if (i > 0) parent.appendChild(el('br'));
      renderInline(line, parent);
    });
  }

  const KEYWORDS = new Set(('abstract as async await bool break case catch char class const continue def default del do double elif else enum ' +
    'except export extends false final finally float fn for foreach from func function go if impl import in int interface is lambda let ' +
    'long match namespace new nil None null object override package pass private protected pub public raise readonly ref return self ' +
    'static string struct super switch this throw throws True true try type typeof using var void while with yield False').split(' '));

  const CODE_TOKENS = /(\/\/[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\/|--[^\n]*)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)/g;
  const HASH_COMMENT_LANGS = new Set(['py', 'python', 'sh', 'bash', 'shell', 'yaml', 'yml', 'ruby', 'rb', 'toml', 'r', 'perl']);
  const DASH_COMMENT_LANGS = new Set(['sql', 'lua', 'haskell', 'hs']);

  function highlight(code, lang, parent) {
    lang = (lang || '').toLowerCase();
    let last = 0;
    CODE_TOKENS.lastIndex = 0;
    let m;
    while ((m = CODE_TOKENS.exec(code)) !== null) {
      let cls = null;
      if (m[1] !== undefined) {
        const c = m[1];
        if ((c[0] === '#' && !HASH_COMMENT_LANGS.has(lang)) || (c[0] === '-' && !DASH_COMMENT_LANGS.has(lang))) {
          CODE_TOKENS.lastIndex = m.index + 1;
          continue;
        }
        cls = 'tok-com';
      } else if (m[2] !== undefined) cls = 'tok-str';
      else if (m[3] !== undefined) cls = 'tok-num';
      else if (KEYWORDS.has(m[4])) cls = 'tok-kw';
      else continue;
      if (m.index > last) parent.appendChild(document.createTextNode(code.slice(last, m.index)));
      parent.appendChild(el('span', cls, m[0]));
      last = CODE_TOKENS.lastIndex;
    }
    if (last < code.length) parent.appendChild(document.createTextNode(code.slice(last)));
  }

  function codeBlock(lines, lang) {
    const pre = el('pre', 'code-block');
    const code = el('code');
    if (/^[\w+#.-]{1,20}$/.test(lang)) {
      code.className = 'lang-' + lang.replace(/[^\w-]/g, '');
      pre.dataset.lang = lang;
    }
    highlight(lines.join('\n'), lang, code);
    pre.appendChild(code);
    return pre;
  }

  // Renders Markdown text into a DocumentFragment (an unclosed code fence, common while streaming, runs to the end).
  function render(text) {
    const frag = document.createDocumentFragment();
    const lines = String(text).replace(/\r\n?/g, '\n').split('\n');
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      const fence = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
      if (fence) {
        const body = [];
        i++;
        while (i < lines.length && !new RegExp('^\\s*' + fence[1][0] + '{' + fence[1].length + ',}\\s*$').test(lines[i])) body.push(lines[i++]);
        i++;
        frag.appendChild(codeBlock(body, fence[2]));
        continue;
      }
      if (/^\s*$/.test(line)) { i++; continue; }
      const heading = /^(#{1,6})\s+(.*)$/.exec(line);
      if (heading) {
        const h = el('h' + heading[1].length);
        renderInline(heading[2], h);
        frag.appendChild(h);
        i++;
        continue;
      }
      if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) { frag.appendChild(el('hr')); i++; continue; }
      if (/^\s*>/.test(line)) {
        const quoted = [];
        while (i < lines.length && /^\s*>/.test(lines[i])) quoted.push(lines[i++].replace(/^\s*>\s?/, ''));
        const bq = el('blockquote');
        bq.appendChild(render(quoted.join('\n')));
        frag.appendChild(bq);
        continue;
      }
      const listMatch = /^\s*([-*+]|\d{1,9}[.)])\s+/.exec(line);
      if (listMatch) {
        const ordered = /\d/.test(listMatch[1]);
        const list = el(ordered ? 'ol' : 'ul');
        const itemRe = ordered ? /^\s*\d{1,9}[.)]\s+(.*)$/ : /^\s*[-*+]\s+(.*)$/;
        while (i < lines.length) {
          const item = itemRe.exec(lines[i]);
          if (!item) break;
          const li = el('li');
          renderInline(item[1], li);
          list.appendChild(li);
          i++;
        }
        frag.appendChild(list);
        continue;
      }
      const para = [];
      while (i < lines.length && !/^\s*$/.test(lines[i]) && !/^\s*(`{3,}|~{3,})/.test(lines[i]) && !/^#{1,6}\s/.test(lines[i]) && !/^\s*([-*+]|\d{1,9}[.)])\s+/.test(lines[i]) && !/^\s*>/.test(lines[i])) {
        para.push(lines[i++]);
      }
      if (para.length === 0) para.push(lines[i++]);
      const p = el('p');
      renderLines(para, p);
      frag.appendChild(p);
    }
    return frag;
  }

  window.AgentsMarkdown = { render: render, highlight: highlight, safeHttpUrl: safeHttpUrl };
})();
