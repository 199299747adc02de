/**
 * The password of the database a drift report runs `.sql` files on: asked once, kept in VS Code's
 * secret storage (the OS keychain), handed to the report worker as PGPASSWORD for that run only,
 * and never written to settings, logs or reports. GRADIENT: Forget the database password drops it.
 */
import * as vscode from 'vscode';
import { Commands, registerCommand, UserFacingError } from '../commands';

const SETTING = 'database.connection';
const KEY_PREFIX = 'gradient.database.password:';

/** `user:password@` in a URI's authority: a password where it would be stored in plain text. */
const PASSWORD_IN_URI = /^[a-z]+:\/\/[^/@?#]*:[^/@?#]*@/i;

export class DatabasePasswords {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** The configured connection for a resource, or an error saying how to set it. */
  connection(scope: vscode.Uri | undefined): string {
    const connection = vscode.workspace.getConfiguration('gradient', scope).get<string>(SETTING, '').trim();
    if (connection === '') {
      throw new UserFacingError(
        vscode.l10n.t('a .sql file runs on a database: set gradient.database.connection to postgresql://user@host:5432/dbname (Settings, search "gradient database").'),
      );
    }
    if (PASSWORD_IN_URI.test(connection)) {
      throw new UserFacingError(
        vscode.l10n.t('gradient.database.connection holds a password, which settings keep in plain text: remove it from the URL; GRADIENT will ask for it and keep it in the secret storage.'),
      );
    }
    return connection;
  }

  /** PGPASSWORD for the run, when a password is stored for this connection. */
  async environment(connection: string): Promise<Record<string, string>> {
    const password = await this.secrets.get(KEY_PREFIX + connection);
    return password === undefined ? {} : { PGPASSWORD: password };
  }

  /** Asks for the password (after the server refused the login); true when one was given and stored. */
  async ask(connection: string, why: string): Promise<boolean> {
    const password = await vscode.window.showInputBox({
      title: vscode.l10n.t('GRADIENT: database password'),
      // The connection first (what is asked for), then the server's reason, as a sentence of its own.
      prompt: vscode.l10n.t("Password for {0}, kept in VS Code's secret storage. {1}", connection, /[.!?]$/.test(why.trim()) ? why.trim() : `${why.trim()}.`),
      password: true,
      ignoreFocusOut: true,
    });
    if (password === undefined || password === '') return false;
    await this.secrets.store(KEY_PREFIX + connection, password);
    return true;
  }

  async forget(connection: string): Promise<boolean> {
    const had = (await this.secrets.get(KEY_PREFIX + connection)) !== undefined;
    await this.secrets.delete(KEY_PREFIX + connection);
    return had;
  }
}

export function register(_context: vscode.ExtensionContext, deps: { readonly log: vscode.LogOutputChannel; readonly passwords: DatabasePasswords }): vscode.Disposable {
  return registerCommand(Commands.forgetDatabasePassword, deps.log, async () => {
    const connection = deps.passwords.connection(vscode.workspace.workspaceFolders?.[0]?.uri);
    const had = await deps.passwords.forget(connection);
    void vscode.window.showInformationMessage(
      had ? vscode.l10n.t('GRADIENT forgot the password of {0}.', connection) : vscode.l10n.t('GRADIENT had no password stored for {0}.', connection),
    );
  });
}
