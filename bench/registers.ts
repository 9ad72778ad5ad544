import { Keyring } from '../electron/core/crypto/keyring';
import { DataFile, SealedDataFile } from '../electron/core/data-file';
import { forgetRegister } from '../electron/core/services/register-cache';
import { getRegister, markPupil, type RegisterContext } from '../electron/core/services/registers';
import { addDays } from '../shared/domain/dates';
import { attendanceFigures, type RecordedSession, type Session } from '../shared/domain/attendance';
import { DURABLE_RUNS, type Account } from './data-file';
import { floorAppender } from './floors';
import { medianOfRuns, mediansTurnAbout, type Measure, type RunOptions } from './measure';

export const OPEN_REGISTER_TARGET_MS = 50;
export const MARK_TARGET_MS = 25;
export const FIGURES_TARGET_MS = 100;

/** Opens the bench file for timing reads and writes in memory: only our own flush ever writes. */
export async function unlock(folder: string, account: Account): Promise<DataFile> {
  const sealed = await SealedDataFile.read(folder);
  if (!sealed) throw new Error(`no data file in ${folder}`);
  const unlocked = await Keyring.unlockWithPassword(sealed.envelope, account.username, account.password);
  if (!unlocked) throw new Error(`${account.username} cannot open the data file in ${folder}`);
  // A debounce far beyond the bench: only our own flush writes while we time it.
  return DataFile.unlock(sealed, unlocked.keyring, { saveDelayMs: 3_600_000, checkpointIdleMs: 3_600_000 });
}

const one = <T>(file: DataFile, sql: string): T[] => (file.sql.exec(sql)[0]?.values ?? []) as T[];

/**
 * Registers on the ten-year synthetic file: opening one (query and build, never the register a call
 * kept), a mark from the call to durable on disk as a teacher makes them, one after another on the
 * register already open, beside the raw append+fsync of the same bytes, and figures for every pupil
 * over a year.
 */
export async function measureRegisters(folder: string, account: Account, today: string, options?: RunOptions): Promise<Measure[]> {
  const file = await unlock(folder, account);
  try {
    const userId = String(one<[string]>(file, `SELECT id FROM staff WHERE username = '${account.username}'`)[0]?.[0]);
    // The classroom at 09:05 on the file's last day: today's morning register is open.
    const ctx: RegisterContext = { userId, scope: { all: true }, today, timeNow: '09:05', now: `${today}T09:05:00.000Z` };

    // The busiest register of the last term that the calendar says was a school day.
    const candidates = one<[string, string, Session]>(
      file,
      `SELECT r.base_id, r.date, r.session FROM registers r JOIN register_marks m ON m.register_n = r.n
       WHERE r.date >= '${addDays(today, -90)}' GROUP BY r.n ORDER BY count(*) DESC, r.date DESC LIMIT 40`,
    );
    let openKey: { baseId: string; date: string; session: Session } | undefined;
    for (const [baseId, date, session] of candidates) {
      const key = { baseId, date, session };
      if (await getRegister(file.db, key, ctx).then(() => true, () => false)) {
        openKey = key;
        break;
      }
    }
    if (!openKey) throw new Error('no register of the last term opens');
    const pupilsOnIt = (await getRegister(file.db, openKey, ctx)).pupils.length;
    const openMs = await medianOfRuns(async (time) => {
      // Read and built afresh each time, as when a register is first opened (not the one a call kept).
      forgetRegister(file.db);
      await time(() => getRegister(file.db, openKey, ctx));
    }, options);

    // Today's morning register at the base with the most pupils expected.
    let markKey: { baseId: string; date: string; session: Session } | undefined;
    let pupilId = '';
    for (const [baseId] of one<[string]>(file, 'SELECT id FROM bases ORDER BY places DESC')) {
      const register = await getRegister(file.db, { baseId, date: today, session: 'AM' }, ctx).catch(() => undefined);
      if (register && register.pupils.length > 0) {
        markKey = { baseId, date: today, session: 'AM' };
        pupilId = register.pupils[0]!.pupilId;
        break;
      }
    }
    if (!markKey) throw new Error(`nobody is expected at the Key on ${today}`);
    const codes = ['I', '/', 'M', 'L'];
    let n = 0;
    let markBytes = Buffer.alloc(0);
    const floor = floorAppender(folder, 'bench-floor-append.log');
    let markMs: number;
    let floorMs: number;
    try {
      [markMs, floorMs] = await mediansTurnAbout(
        async (time) => {
          const code = codes[n++ % codes.length]!;
          const input = { ...markKey, pupilId, code, minutesLate: code === 'L' ? 5 : null };
          markBytes = Buffer.from(`${JSON.stringify(input)}\n`);
          await time(async () => {
            // As a call does: it answers once what it committed is one durable journal record.
            await markPupil(file.db, input, ctx);
            await file.flush();
          });
        },
        // The floor: the same mark's bytes appended to a log and fdatasynced, what an append-only save would cost.
        (time) => time(() => floor.append(markBytes)),
        options ?? DURABLE_RUNS,
      );
    } finally {
      await floor.close();
    }

    // Figures for every pupil over the last school year: one query of the marks, one pure function per pupil.
    const from = addDays(today, -365);
    const figuresMs = await medianOfRuns(async (time) => {
      await time(() => {
        const rows = one<[string, string, Session, number, string | null]>(
          file,
          `SELECT p.id, r.date, r.session, m.expected, m.code FROM register_marks m
           JOIN registers r ON r.n = m.register_n JOIN register_people p ON p.n = m.pupil_n
           WHERE r.date BETWEEN '${from}' AND '${today}'`,
        );
        const byPupil = new Map<string, RecordedSession[]>();
        for (const [id, date, session, expected, code] of rows) {
          let list = byPupil.get(id);
          if (!list) byPupil.set(id, (list = []));
          list.push({ date, session, expected: expected === 1, code });
        }
        for (const sessions of byPupil.values()) attendanceFigures(sessions);
      });
    }, options);
    const pupilsInYear = Number(
      one<[number]>(file, `SELECT count(DISTINCT m.pupil_n) FROM register_marks m JOIN registers r ON r.n = m.register_n WHERE r.date BETWEEN '${from}' AND '${today}'`)[0]?.[0],
    );

    return [
      { name: `open a register (${pupilsOnIt} pupils)`, medianMs: openMs, targetMs: OPEN_REGISTER_TARGET_MS },
      {
        name: 'a mark, from the call to durable on disk',
        medianMs: markMs,
        targetMs: Math.min(MARK_TARGET_MS, 3 * floorMs),
        floor: { name: `raw append+fdatasync of the mark's ${markBytes.length} bytes, timed turn about; target ≤ 25 ms and ≤ 3× floor`, medianMs: floorMs },
      },
      { name: `attendance figures for every pupil over a year (${pupilsInYear} pupils)`, medianMs: figuresMs, targetMs: FIGURES_TARGET_MS },
    ];
  } finally {
    await file.close();
  }
}
