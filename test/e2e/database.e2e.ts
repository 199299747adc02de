/**
 * A drift report on a real PostgreSQL, driven as a person would: two `.sql` files picked in the
 * drift report's quick picks, the password typed once into VS Code's masked input box, the report
 * counted by PostgreSQL. The server is a throwaway one (test/support/postgresServer.ts) with a
 * role that must give a password. Screenshots: test/e2e/screenshots/reports-database-*.png.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openPostgres } from '../../src/core/sources/postgresExecutor';
import { startPostgres, type PostgresServer } from '../support/postgresServer';
import { ROW_COLUMN, loadFileIntoPostgres, quoteIdentifier } from '../support/postgresTables';
import { REPO, type Gradient, pickQuickItem, quickInput, quickInputBox, quickItem, runCommand, screenshot, startGradient, type Theme, webviewWith } from './harness';


function themedSuite(theme: Theme, tag: string): void {
  describe(`a drift report on PostgreSQL in ${theme}`, () => {
    let postgres: PostgresServer;
    let connection: string;
    const password = `e2e-${process.pid}-secret`;
    let gradient: Gradient;

    before(async () => {
      postgres = await startPostgres();
      const executor = await openPostgres(postgres.url, {});
      try {
        const train = await loadFileIntoPostgres(executor, 'train', join(REPO, 'examples/data/train.csv'));
        await loadFileIntoPostgres(executor, 'production', join(REPO, 'examples/data/production.csv'));
        connection = postgres.requirePassword('analyst', password);
        await executor.query('GRANT SELECT ON ALL TABLES IN SCHEMA public TO analyst');
        gradient = await startGradient({ theme, settings: { 'gradient.database.connection': connection } });
        const columns = train.columns.map((c) => quoteIdentifier(c.name)).filter((c) => c !== '"label"');
        const dir = join(gradient.workspace, 'queries');
        mkdirSync(dir, { recursive: true });
        for (const [file, table] of [
          ['train_snapshot.sql', 'train'],
          ['last_week.sql', 'production'],
        ]) {
          writeFileSync(join(dir, file), `-- ${table}: every feature, in load order\nSELECT ${columns.join(', ')}\nFROM ${table}\nORDER BY ${ROW_COLUMN};\n`);
        }
      } finally {
        await executor.close();
      }
    });

    after(async () => {
      await gradient?.stop();
      postgres?.stop();
    });

    test('two .sql files picked as the data, the password asked once (masked), the report counted by PostgreSQL', async () => {
      const { page } = gradient;
      await runCommand(page, 'GRADIENT: Open drift report');
      await quickItem(page, 'train_snapshot.sql').waitFor();
      assert.match(await quickInput(page).innerText(), /query on the database/);
      await screenshot(page, `reports-database-pick-${tag}`);
      await pickQuickItem(page, 'train_snapshot.sql');
      await quickInput(page).getByText('2/2').waitFor();
      await pickQuickItem(page, 'last_week.sql');

      // The server refuses the login without a password: GRADIENT asks, in a masked box naming the connection.
      const box = quickInputBox(page);
      await quickInput(page).getByText(connection).first().waitFor({ timeout: 60000 });
      assert.equal(await box.getAttribute('type'), 'password');
      await box.fill(password);
      await screenshot(page, `reports-database-password-${tag}`);
      await box.press('Enter');

      const frame = await webviewWith(page, 'article.drift-report table.drift-table', 90000);
      const header = await frame.locator('.report-header').innerText();
      assert.match(header, /Counted by\s*PostgreSQL \(every statistic exact\)/);
      assert.match(header, /queries\/train_snapshot\.sql/);
      assert.ok(!header.includes(password));
      assert.match(await frame.locator('table.drift-table').innerText(), /income/);
      await screenshot(page, `reports-database-${tag}`);
    });
  });
}

themedSuite('Default Light Modern', 'light');
themedSuite('Default Dark Modern', 'dark');
