import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as vscode from 'vscode';
import { INITIAL_STATE_ATTRIBUTE, type InitialState } from '../../src/protocol';
import { buildWebviewHtml, contentSecurityPolicy, createNonce, escapeHtml, webviewOptions, type WebviewLike } from '../../src/webviewHtml';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const webview: WebviewLike = {
  cspSource: CSP_SOURCE,
  asWebviewUri: (uri) => ({ toString: () => `${CSP_SOURCE}${(uri as unknown as { path: string }).path}` }),
};
const uri = (path: string) => ({ path }) as unknown as vscode.Uri;
const assets = { script: uri('/ext/dist/webview.js'), style: uri('/ext/dist/webview.css') };
const emptyPanel: InitialState = { view: 'panel', report: null };

/** The attributes of the first `<tag ...>` in `html` (whose attributes include `having`), decoded. */
function attributes(html: string, tag: string, having = ''): Record<string, string> {
  const match = [...html.matchAll(new RegExp(`<${tag}(\\s[^>]*)>`, 'g'))].find((m) => m[1].includes(having));
  assert.ok(match, `the page has a <${tag}${having ? ` ${having}` : ''}>`);
  const decode = (text: string) =>
    text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);
  return Object.fromEntries([...match[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], decode(m[2])]));
}

test('the CSP is exactly the policy of the design, with the render nonce', () => {
  const html = buildWebviewHtml(webview, assets, emptyPanel, 'Drift', 'abc123');
  assert.equal(
    attributes(html, 'meta', 'http-equiv="Content-Security-Policy"').content,
    `default-src 'none'; img-src ${CSP_SOURCE} data:; style-src ${CSP_SOURCE} 'nonce-abc123'; font-src ${CSP_SOURCE}; script-src 'nonce-abc123';`,
  );
  assert.equal(contentSecurityPolicy('X', 'n'), "default-src 'none'; img-src X data:; style-src X 'nonce-n'; font-src X; script-src 'nonce-n';");
  assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|\*/);
});

test('every render has a fresh crypto-random nonce, on the script, the stylesheet and the body', () => {
  const nonces = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const html = buildWebviewHtml(webview, assets, emptyPanel, 'Drift');
    const nonce = attributes(html, 'body')['data-nonce'];
    assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/, 'base64 of 16 random bytes');
    assert.equal(attributes(html, 'script').nonce, nonce);
    assert.equal(attributes(html, 'link').nonce, nonce);
    assert.match(attributes(html, 'meta', 'http-equiv="Content-Security-Policy"').content, new RegExp(`script-src 'nonce-${nonce.replace(/[+/]/g, '\\$&')}'`));
    nonces.add(nonce);
  }
  assert.equal(nonces.size, 50);
  assert.notEqual(createNonce(), createNonce());
});

test('one external script by src and no inline script or handler', () => {
  const html = buildWebviewHtml(webview, assets, emptyPanel, 'Drift');
  const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  assert.equal(scripts[0][1], '', 'the script element has no body');
  assert.equal(attributes(html, 'script').src, `${CSP_SOURCE}/ext/dist/webview.js`);
  assert.equal(attributes(html, 'link').href, `${CSP_SOURCE}/ext/dist/webview.css`);
  assert.equal(attributes(html, 'link').rel, 'stylesheet');
  assert.doesNotMatch(html, /\son\w+=/i);
  assert.doesNotMatch(html, /command:/);
});

test('the initial state is escaped JSON in the body attribute: hostile column names cannot break out', () => {
  const hostile = `"><script>alert('x')</script><b a='1' & "`;
  const state: InitialState = {
    view: 'sidebar',
    state: {
      assessment: { stage: 'F', constraint: 'latency', stageLabel: 'Production monitoring / MLOps' },
      latest: { kind: 'drift', title: hostile, status: 'drift', verdict: '1 of 1 columns drifted', topColumns: [{ name: hostile, status: 'drift', psi: 0.5 }] },
    },
  };
  const html = buildWebviewHtml(webview, assets, state, hostile);
  const bodyTag = /<body\b[^>]*>/.exec(html)![0];
  assert.doesNotMatch(bodyTag.slice(1, -1), /[<>]/, 'no raw < or > inside the body tag');
  const raw = new RegExp(`${INITIAL_STATE_ATTRIBUTE}="([^"]*)"`).exec(bodyTag)![1];
  assert.doesNotMatch(raw, /["'<>]/);
  assert.match(raw, /&quot;&gt;&lt;script&gt;alert\(&#39;x&#39;\)&lt;\/script&gt;/);
  assert.deepEqual(JSON.parse(attributes(html, 'body')[INITIAL_STATE_ATTRIBUTE]), state);
  // Only the one script element; the title is escaped too.
  assert.equal([...html.matchAll(/<script/g)].length, 1);
  assert.match(html, /<title>&quot;&gt;&lt;script&gt;/);
});

test('escapeHtml escapes the five characters and nothing else', () => {
  assert.equal(escapeHtml(`a"b'c<d>e&f`), 'a&quot;b&#39;c&lt;d&gt;e&amp;f');
  assert.equal(escapeHtml('plain ünïcode →'), 'plain ünïcode →');
});

test('webview options: scripts on, no command URIs, only dist/ and media/ readable', () => {
  const dist = uri('/ext/dist');
  const media = uri('/ext/media');
  assert.deepEqual(webviewOptions({ dist, media }), { enableScripts: true, enableCommandUris: false, localResourceRoots: [dist, media] });
});
