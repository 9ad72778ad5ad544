import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../electron/core/errors';
import { describeSaveError } from '../../../../electron/core/persistence/save-problem';

const failure = (code: string, path = '/home/staff/Key Desk/.keydesk.db.3f9a.tmp') =>
  Object.assign(new Error(`${code}: something, open '${path}'`), { code, path });

describe('describeSaveError', () => {
  it.each([
    ['ENOSPC', 'The data folder is full'],
    ['EDQUOT', 'The data folder is full'],
    ['EROFS', 'The data folder is read-only'],
    ['EACCES', 'Key Desk is not allowed to save in the data folder'],
    ['EPERM', 'Key Desk is not allowed to save in the data folder'],
    ['ENOENT', 'Key Desk cannot find the data folder'],
    ['EIO', 'The drive the data folder is on is not working properly'],
    ['ETIMEDOUT', 'Key Desk cannot reach the data folder'],
    ['ESTALE', 'Key Desk cannot reach the data folder'],
    ['EBUSY', 'Another program is using the data file'],
  ])('says %s in words a teacher can act on, with no code and no path', (code, words) => {
    const text = describeSaveError(failure(code));
    expect(text.startsWith(words)).toBe(true);
    expect(text).not.toContain(code);
    expect(text).not.toMatch(/\/|\\|\.tmp|keydesk\.db/);
  });

  it('falls back to a plain sentence for anything else, never the raw message', () => {
    for (const error of [failure('EWHATEVER'), new Error('sql.js: out of memory at 0x1f'), 'a string', null]) {
      expect(describeSaveError(error)).toBe(
        'Key Desk cannot save to the data folder. Check the drive or folder, or ask whoever looks after this PC.',
      );
    }
  });

  it('passes on a refusal already written for staff', () => {
    expect(describeSaveError(new UserError('CONFLICT', 'The data file was changed by another PC.'))).toBe('The data file was changed by another PC.');
  });
});
