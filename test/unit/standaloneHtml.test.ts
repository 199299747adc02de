// The HTML export's page (src/standaloneHtml.ts) from a snapshot as the webview sends it. The
// snapshot is serialized by the browser (outerHTML) from a DOM built with textContent and
// setAttribute; here parse5 builds the same tree and serializes it by the same HTML algorithm,
// and parse5 parses the page back, as a browser would, for the assertions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultTreeAdapter, parse, serializeOuter, type DefaultTreeAdapterMap } from 'parse5';
import { standaloneHtml } from '../../src/standaloneHtml';

type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['node'];
const HTML = 'http://www.w3.org/1999/xhtml' as Element['namespaceURI'];

/** `h(tag, attributes, ...children)` of webview/dom.ts, on a parse5 tree. */
function h(tag: string, attributes: Record<string, string>, ...children: Array<Element | string>): Element {
  const element = defaultTreeAdapter.createElement(tag, HTML, Object.entries(attributes).map(([name, value]) => ({ name, value })));
  for (const child of children) {
    if (typeof child === 'string') defaultTreeAdapter.insertText(element, child);
    else defaultTreeAdapter.appendChild(element, child);
  }
  return element;
}

function elements(node: Node): Element[] {
  const children = 'childNodes' in node ? node.childNodes : [];
  const own = 'tagName' in node ? [node as Element] : [];
  return [...own, ...children.flatMap((child) => elements(child))];
}

function text(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(text).join('') : '';
}

/** Names from users' files that are text, not markup, however they read. */
const FILE = "onerror=alert(1)' onx='.csv";
const COLUMN = "it's";
const CATEGORY = 'click onboarding="done"';

test('names that look like markup come out of the HTML export as the text they are: no on* attribute, no script, nothing deleted (issue 8)', () => {
  const report = h(
    'article',
    { class: 'report' },
    h('h2', { title: FILE }, `Drift: ${FILE} → current.csv`),
    // The file as a row's name, the column and category next to it: the regex pass turned this row into a live onerror.
    h('table', {}, h('tbody', {}, h('tr', {}, h('td', { title: FILE }, FILE), h('td', {}, COLUMN), h('td', { title: FILE }, FILE), h('td', { title: CATEGORY }, CATEGORY)))),
  );
  const snapshot = serializeOuter(h('div', { class: 'gradient-snapshot vscode-dark' }, h('style', {}, '.gradient-snapshot { --vscode-foreground: #ccc; }'), report));
  const page = parse(standaloneHtml(snapshot, 'body { margin: 0; }', `GRADIENT · Drift: ${FILE}`, 'GRADIENT 0.1.0'));
  const all = elements(page);
  const handlers = all.flatMap((element) => element.attrs.filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `<${element.tagName} ${a.name}="${a.value}">`));
  assert.deepEqual(handlers, [], 'no element has an on* attribute');
  assert.deepEqual(all.filter((element) => element.tagName === 'script'), []);
  const cells = all.filter((element) => element.tagName === 'td');
  assert.deepEqual(cells.map(text), [FILE, COLUMN, FILE, CATEGORY], 'every name survives as text');
  assert.deepEqual(cells.map((cell) => cell.attrs), [[{ name: 'title', value: FILE }], [], [{ name: 'title', value: FILE }], [{ name: 'title', value: CATEGORY }]]);
  const heading = all.find((element) => element.tagName === 'h2')!;
  assert.equal(text(heading), `Drift: ${FILE} → current.csv`);
  assert.deepEqual(heading.attrs, [{ name: 'title', value: FILE }]);
  assert.equal(text(all.find((element) => element.tagName === 'title')!), `GRADIENT · Drift: ${FILE}`);
  assert.equal(all.find((element) => element.tagName === 'body')!.attrs.find((a) => a.name === 'class')?.value, 'gradient-export vscode-dark', 'the theme of the snapshot');
});

test("the export's page forbids scripts and the network by its CSP, whatever its body holds", () => {
  const page = parse(standaloneHtml('<div class="gradient-snapshot vscode-light"><p>x</p></div>', '', 't', 'g'));
  const csp = elements(page).find((element) => element.attrs.some((a) => a.name === 'http-equiv' && a.value === 'Content-Security-Policy'));
  assert.equal(csp?.attrs.find((a) => a.name === 'content')?.value, "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:;");
});
