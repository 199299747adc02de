/**
 * The webview's only way to make elements: attributes through `setAttribute`, text through
 * `textContent`. No `innerHTML`: column names and categories come from the user's files. No
 * `style` attributes: the page's CSP has no 'unsafe-inline' (use classes, or CSSOM in code).
 */

export type Child = Node | string | number | null | undefined | false;
export type Attributes = Record<string, string | number | boolean | null | undefined>;

function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'style' || name.toLowerCase().startsWith('on')) {
      throw new Error(`dom: the attribute '${name}' is not allowed under the webview's CSP`);
    }
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** `h('td', { class: 'num' }, text)`: an HTML element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Attributes | null, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attributes?: Attributes | null, ...children: Child[]): HTMLElement;
export function h(tag: string, attributes?: Attributes | null, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  if (attributes) setAttributes(element, attributes);
  append(element, children);
  return element;
}

/** A `<vscode-button>`; `onClick` also runs for Enter and Space (the element dispatches a click). */
export function button(label: string, onClick: () => void, options: { secondary?: boolean; title?: string; disabled?: boolean; id?: string } = {}): HTMLElement {
  const element = h('vscode-button', {
    secondary: options.secondary ?? false,
    title: options.title,
    disabled: options.disabled ?? false,
    id: options.id,
  }, label);
  element.addEventListener('click', (event) => {
    if (element.hasAttribute('disabled')) return;
    event.preventDefault();
    onClick();
  });
  return element;
}

export type Tone = 'ok' | 'warning' | 'problem' | 'neutral';

/** A status badge: a `<vscode-badge>` whose colors come from its tone class (style.css). */
export function badge(text: string, tone: Tone, title?: string): HTMLElement {
  return h('vscode-badge', { class: `status-badge tone-${tone}`, title }, text);
}

/**
 * The same badge as a plain <span> (same look, style.css), for tables with hundreds of rows: a
 * custom element per row doubles the layout cost of re-sorting the drift table.
 */
export function plainBadge(text: string, tone: Tone, title?: string): HTMLElement {
  return h('span', { class: `status-badge tone-${tone}`, title }, text);
}

export function clear(element: Element): void {
  element.replaceChildren();
}

/** A section with a heading: `<section aria-labelledby><h2 id>...`. */
let sectionCount = 0;
export function section(title: string, className: string, level: 'h2' | 'h3' = 'h2', ...children: Child[]): HTMLElement {
  const id = `section-${++sectionCount}`;
  return h('section', { class: className, 'aria-labelledby': id }, h(level, { id }, title), ...children);
}
