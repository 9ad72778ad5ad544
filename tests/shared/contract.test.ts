import { describe, expect, it } from 'vitest';
import { ACCESS } from '../../shared/api/access';
import { CALL_NAMES } from '../../shared/api/calls';
import { createClient } from '../../shared/api/client';
import { contract } from '../../shared/api/contract';
import { handlers } from '../../electron/core/handlers';

describe('the API contract', () => {
  it('lists exactly the calls the contract declares, the core handles and the access table covers', () => {
    expect([...CALL_NAMES].sort()).toEqual(Object.keys(contract).sort());
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
    expect(Object.keys(ACCESS).sort()).toEqual(Object.keys(contract).sort());
  });

  it('builds a client with one method per call that sends the call name and input', async () => {
    const sent: Array<[string, unknown]> = [];
    const client = createClient(async (name, input) => {
      sent.push([name, input]);
      return { ok: true, value: null };
    });
    await client.bases.update({ id: 'x', places: 3 });
    await client.app.status();
    await client.session.signIn({ username: 'demo.teacher', password: 'try-key-desk' });
    await client.audit.list();
    expect(sent).toEqual([
      ['bases.update', { id: 'x', places: 3 }],
      ['app.status', undefined],
      ['session.signIn', { username: 'demo.teacher', password: 'try-key-desk' }],
      ['audit.list', undefined],
    ]);
    expect(Object.keys(client).sort()).toEqual([...new Set(CALL_NAMES.map((name) => name.split('.')[0]))].sort());
    const methods = Object.entries(client).flatMap(([area, calls]) => Object.keys(calls).map((method) => `${area}.${method}`));
    expect(methods.sort()).toEqual([...CALL_NAMES].sort());
  });
});
