import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../shared/api/calls';
import { createClient } from '../../shared/api/client';
import { contract } from '../../shared/api/contract';
import { handlers } from '../../electron/core/handlers';

describe('the API contract', () => {
  it('lists exactly the calls the contract declares and the core handles', () => {
    expect([...CALL_NAMES].sort()).toEqual(Object.keys(contract).sort());
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('builds a client with one method per call that sends the call name and input', async () => {
    const sent: Array<[string, unknown]> = [];
    const client = createClient(async (name, input) => {
      sent.push([name, input]);
      return { ok: true, value: null };
    });
    await client.bases.update({ id: 'x', places: 3 });
    await client.app.status();
    expect(sent).toEqual([
      ['bases.update', { id: 'x', places: 3 }],
      ['app.status', undefined],
    ]);
    expect(Object.keys(client).sort()).toEqual(['app', 'bases', 'settings', 'setup']);
  });
});
