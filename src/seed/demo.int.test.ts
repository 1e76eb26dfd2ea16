import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegister } from '../../test/support/register-fixture.js';
import { createTestDatabase } from '../../test/support/test-app.js';
import { wipeRegister } from './demo.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('seed --demo --reset', () => {
  it('empties the register acting as the application’s role, as the command does', async () => {
    await createRegister(database.db);
    expect(await database.db.selectFrom('ward').select('id').execute()).not.toHaveLength(0);
    await wipeRegister(database.db);
    for (const table of ['nation', 'region', 'organisation', 'unit', 'ward', 'patient', 'placement'] as const) {
      expect(await database.db.selectFrom(table).select('id').execute(), table).toHaveLength(0);
    }
  });
});
