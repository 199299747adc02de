/**
 * Validation of every message a GRADIENT webview posts to the host. A webview runs whatever its
 * page holds, so the host treats its messages as untrusted input: only the exact shapes of
 * `WebviewMessage` pass (right `type`, right field types and values, no other fields, a bounded
 * snapshot); anything else is dropped and the reason logged. No message carries a file path:
 * the webview asks for "rerun" or "export", and the host knows which files those mean.
 *
 * Pure (no `vscode` import), for the unit tests.
 */
import type { ExportFormat, WebviewMessage } from './protocol';

/** Largest snapshot accepted (UTF-16 code units of its HTML): charts as SVG plus the tables. */
export const MAX_SNAPSHOT_LENGTH = 8 * 1024 * 1024;

export const EXPORT_FORMATS: readonly ExportFormat[] = ['html', 'json', 'markdown'];

type Shape = Readonly<Record<string, (value: unknown) => boolean>>;

const requestId = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;

/** The fields of each message type besides `type`, with their checks. */
const SHAPES: Readonly<Record<WebviewMessage['type'], Shape>> = {
  ready: {},
  rerun: {},
  openReport: {},
  assessStage: {},
  newDriftReport: {},
  export: { format: (value) => typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value) },
  snapshot: {
    requestId,
    html: (value) => typeof value === 'string' && value.length <= MAX_SNAPSHOT_LENGTH,
  },
};

/**
 * The message if it is exactly one of `WebviewMessage`'s shapes, else `undefined`, after telling
 * `reject` why (for the log; the reason never quotes the payload, which may be large).
 *
 * @example
 * parseWebviewMessage({ type: 'export', format: 'json' }); // => { type: 'export', format: 'json' }
 * parseWebviewMessage({ type: 'export', format: 'json', path: '/etc/passwd' }); // => undefined
 */
export function parseWebviewMessage(value: unknown, reject: (reason: string) => void = () => {}): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    reject(`not an object (${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value})`);
    return undefined;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
    reject('not a plain object');
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const type = record.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(SHAPES, type)) {
    reject(`unknown type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type}`);
    return undefined;
  }
  const shape = SHAPES[type as WebviewMessage['type']];
  for (const key of Object.keys(record)) {
    if (key !== 'type' && !Object.prototype.hasOwnProperty.call(shape, key)) {
      reject(`${type}: unexpected field ${JSON.stringify(key.slice(0, 40))}`);
      return undefined;
    }
  }
  for (const [key, valid] of Object.entries(shape)) {
    if (!Object.prototype.hasOwnProperty.call(record, key) || !valid(record[key])) {
      reject(`${type}: field ${key} is missing or invalid${key === 'html' && typeof record[key] === 'string' ? ` (${(record[key] as string).length} characters, limit ${MAX_SNAPSHOT_LENGTH})` : ''}`);
      return undefined;
    }
  }
  // A fresh object: nothing of the original (getters, prototype) reaches the handlers.
  return Object.fromEntries([['type', type], ...Object.keys(shape).map((key) => [key, record[key]])]) as WebviewMessage;
}
