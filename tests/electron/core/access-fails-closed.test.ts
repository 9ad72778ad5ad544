import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDemoCore } from '../../helpers/core';

/**
 * The compiler insists every call has an entry in ACCESS; this checks the core does not rely on that
 * alone. With an entry missing at run time (a bad merge, a hand-edited build), the call is refused.
 */
vi.mock('../../../shared/api/access', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../shared/api/access')>();
  const { 'bases.list': _dropped, ...rest } = original.ACCESS;
  return { ...original, ACCESS: rest };
});

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('a call missing from the access table', () => {
  it('is refused for everyone, even a manager and administrator, and the refusal is logged', async () => {
    const demo = await startDemoCore();
    cleanup = demo.cleanup;
    expect(await demo.call('bases.list')).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/not allowed/) } });
    const listed = await demo.call('audit.list', { page: 0 });
    expect(listed.ok && listed.value.entries[0]).toMatchObject({ action: 'refused', detail: expect.stringContaining('bases.list') });
    // Calls still in the table are unaffected.
    expect(await demo.call('settings.get')).toMatchObject({ ok: true });
  });
});
