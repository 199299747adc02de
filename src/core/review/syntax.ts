/**
 * Small readers over tree-sitter's Python nodes: what a call calls, its arguments, a node's
 * range, the statement or function around it. Nothing here knows about ML.
 */
import type { SyntaxNode } from './pythonParser';
import type { ReviewRange } from './types';

/** A node in one cell of a source (a script is cell 0). */
export interface Located {
  readonly node: SyntaxNode;
  readonly cell: number;
}

export function rangeOf(node: SyntaxNode): ReviewRange {
  return { startLine: node.startPosition.row + 1, startColumn: node.startPosition.column, endLine: node.endPosition.row + 1, endColumn: node.endPosition.column };
}

/** The last name of what a call calls: `train_test_split`, `fit` for `model.fit`, `StandardScaler` for `sk.preprocessing.StandardScaler`. */
export function calleeName(call: SyntaxNode): string | undefined {
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  if (callee.type === 'identifier') return callee.text;
  if (callee.type === 'attribute') return callee.childForFieldName('attribute')?.text;
  return undefined;
}

/** For `a.b.c(...)`, the node `a.b`; undefined for a plain function call. */
export function calleeReceiver(call: SyntaxNode): SyntaxNode | undefined {
  const callee = call.childForFieldName('function');
  return callee?.type === 'attribute' ? (callee.childForFieldName('object') ?? undefined) : undefined;
}

/** The dotted text of an expression made of names (`np.random`), else undefined. */
export function dottedName(node: SyntaxNode | undefined | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = dottedName(node.childForFieldName('object'));
    const attribute = node.childForFieldName('attribute')?.text;
    return object && attribute ? `${object}.${attribute}` : undefined;
  }
  return undefined;
}

export function positionalArguments(call: SyntaxNode): SyntaxNode[] {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return [];
  return args.namedChildren.filter((child): child is SyntaxNode => child !== null && child.type !== 'keyword_argument' && child.type !== 'comment' && child.type !== 'list_splat' && child.type !== 'dictionary_splat');
}

export function keywordArguments(call: SyntaxNode): Map<string, SyntaxNode> {
  const result = new Map<string, SyntaxNode>();
  const args = call.childForFieldName('arguments');
  for (const child of args?.namedChildren ?? []) {
    if (child?.type !== 'keyword_argument') continue;
    const name = child.childForFieldName('name')?.text;
    const value = child.childForFieldName('value');
    if (name && value) result.set(name, value);
  }
  return result;
}

/** The text of a string literal without quotes or prefixes; undefined for f-strings and non-strings. */
export function stringValue(node: SyntaxNode | undefined | null): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  if (node.namedChildren.some((child) => child?.type === 'interpolation')) return undefined;
  return node.namedChildren
    .filter((child) => child?.type === 'string_content')
    .map((child) => child!.text)
    .join('');
}

/** The strings of a list or tuple literal of strings, else undefined. */
export function stringList(node: SyntaxNode | undefined | null): string[] | undefined {
  if (!node) return undefined;
  const single = stringValue(node);
  if (single !== undefined) return [single];
  if (node.type !== 'list' && node.type !== 'tuple') return undefined;
  const values = node.namedChildren.map((child) => stringValue(child));
  return values.every((value) => value !== undefined) ? (values as string[]) : undefined;
}

/** The statement that contains `node` directly in a block or the module. */
export function enclosingStatement(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.parent && current.parent.type !== 'block' && current.parent.type !== 'module') current = current.parent;
  return current;
}

export function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'function_definition') return current;
  return undefined;
}

/** Whether `node` runs inside the body of a `try` (not its handlers) within `limit` (a function). */
export function insideTryBody(node: SyntaxNode, limit?: SyntaxNode): SyntaxNode | undefined {
  for (let child = node, parent = node.parent; parent && parent !== limit; child = parent, parent = parent.parent) {
    if (parent.type === 'try_statement' && parent.childForFieldName('body')?.id === child.id) return parent;
  }
  return undefined;
}

/** Every descendant of a type, in document order. */
export function descendants(node: SyntaxNode, type: string | readonly string[]): SyntaxNode[] {
  return node.descendantsOfType(typeof type === 'string' ? [type] : [...type]).filter((child): child is SyntaxNode => child !== null);
}
