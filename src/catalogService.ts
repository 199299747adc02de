import * as vscode from 'vscode';
import { CATALOG_VERSION, type Catalog } from './core/patterns/catalog';
import { UserFacingError } from './commands';

/**
 * The snippet catalog the build generated from `patterns/*.md`, read once on first use so that
 * activation does no file I/O.
 */
export class CatalogService {
  private loading: Promise<Catalog> | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  get(): Promise<Catalog> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = undefined; // let the next call try again
      throw error;
    });
    return this.loading;
  }

  /** The pattern file itself, for the Markdown preview. */
  patternUri(file: string): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'patterns', file);
  }

  private async load(): Promise<Catalog> {
    const uri = vscode.Uri.joinPath(this.extensionUri, 'dist', 'catalog.json');
    let catalog: Catalog;
    try {
      catalog = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as Catalog;
    } catch {
      throw new UserFacingError(vscode.l10n.t('the pattern catalog ({0}) is missing or damaged: reinstall GRADIENT.', uri.fsPath));
    }
    if (catalog.version !== CATALOG_VERSION) {
      throw new UserFacingError(vscode.l10n.t('the pattern catalog has version {0}, expected {1}: reinstall GRADIENT.', String(catalog.version), CATALOG_VERSION));
    }
    return catalog;
  }
}
