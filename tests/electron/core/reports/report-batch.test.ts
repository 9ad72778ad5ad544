import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderPdf, stopPdfWorker } from '../../../../electron/core/reports/client';
import type { FireListData } from '../../../../electron/core/reports/kinds';
import { batchFinished, batchStatus, cancelBatch, startBatch, type BatchItem } from '../../../../electron/core/services/report-batch';
import { tempFolder } from '../../../helpers/core';
import { pdfText } from '../../../helpers/pdf-text';

const OWNER = 'c5d0b0a4-4a5e-4c44-9d7f-1f7bb0e2c001';
let scratch: { path: string; cleanup: () => Promise<void> };
let folder: string;

beforeEach(async () => {
  scratch = await tempFolder();
  folder = join(scratch.path, 'reports');
  await mkdir(folder);
});
afterEach(async () => {
  await scratch.cleanup();
});
afterAll(async () => {
  await stopPdfWorker();
});

/** A one-page PDF naming the pupil (drawn by the real report thread). */
function page(pupilName: string): FireListData {
  return {
    baseName: 'Parkgate',
    producedAt: '23/11/2026 09:15',
    session: null,
    noSchool: null,
    onSite: [{ name: pupilName, yearGroup: 'Year 4', mark: 'Present', homeSchoolName: null }],
    notYetMarked: [],
    notOnSite: 0,
    signedIn: [],
    baseStaff: [],
  };
}

const item = (pupilName: string, wait?: Promise<void>): BatchItem => ({
  pupilName,
  make: async () => {
    await wait;
    return { fileName: `${pupilName} - Report.pdf`, pdf: await renderPdf('fire-list', page(pupilName)) };
  },
});

/** Every file left in the folder, and the text of each (all must open as whole PDFs). */
async function folderContents(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of (await readdir(folder)).sort()) files.set(name, await pdfText(new Uint8Array(await readFile(join(folder, name)))));
  return files;
}

describe('batch export', { timeout: 60_000 }, () => {
  it('writes one complete PDF per pupil; a pupil whose report fails is named with the reason and the rest go on', async () => {
    const broken: BatchItem = {
      pupilName: 'Noor Faulty',
      make: async () => ({ fileName: 'Noor.pdf', pdf: await renderPdf('fire-list', {} as FireListData) }),
    };
    const { jobId, total } = await startBatch([item('Ada Lane'), broken, item('Олег Ñúñez')], folder, OWNER);
    expect(total).toBe(3);
    await batchFinished(jobId);
    const status = batchStatus(jobId, OWNER);
    expect(status).toMatchObject({ finished: true, cancelled: false, current: null, saved: ['Ada Lane - Report.pdf', 'Олег Ñúñez - Report.pdf'] });
    expect(status.failed).toEqual([{ pupilName: 'Noor Faulty', reason: expect.stringMatching(/^The PDF could not be drawn/) }]);
    const files = await folderContents();
    expect([...files.keys()]).toEqual(['Ada Lane - Report.pdf', 'Олег Ñúñez - Report.pdf']);
    expect(files.get('Олег Ñúñez - Report.pdf')).toContain('Олег Ñúñez');
  });

  it('cancelled half way, leaves only the complete PDFs already saved and no temp files', async () => {
    let release!: () => void;
    const third = new Promise<void>((resolve) => (release = resolve));
    const names = ['Ada Lane', 'Ben Oak', 'Cara Pine', 'Dev Reed', 'Eve Stone', 'Finn Teal'];
    const { jobId } = await startBatch(
      names.map((name, i) => item(name, i === 2 ? third : undefined)),
      folder,
      OWNER,
    );
    while (batchStatus(jobId, OWNER).current !== 'Cara Pine') await new Promise((r) => setTimeout(r, 10));
    const cancelled = cancelBatch(jobId, OWNER);
    // The pupil being drawn when Cancel was pressed is finished whole; nobody after.
    release();
    const status = await cancelled;
    expect(status).toMatchObject({ finished: true, cancelled: true, failed: [], saved: ['Ada Lane - Report.pdf', 'Ben Oak - Report.pdf', 'Cara Pine - Report.pdf'] });
    const files = await folderContents();
    expect([...files.keys()]).toEqual(status.saved);
    for (const [name, content] of files) expect(content, name).toContain(name.replace(' - Report.pdf', ''));
  });

  it('refuses at once a folder that is missing or is a file, naming the field, and writes nothing', async () => {
    const missing = join(scratch.path, 'no-such-folder');
    await expect(startBatch([item('Ada Lane')], missing, OWNER)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'folder',
      message: `Key Desk cannot save reports into ${missing}: there is no such folder. Choose another folder.`,
    });
    const file = join(scratch.path, 'a-file.txt');
    await writeFile(file, 'not a folder');
    await expect(startBatch([item('Ada Lane')], file, OWNER)).rejects.toMatchObject({ field: 'folder', message: expect.stringContaining('that is a file, not a folder') });
    expect(await readdir(scratch.path)).toEqual(['a-file.txt', 'reports']);
    expect(await readdir(folder)).toEqual([]);
  });

  it("keeps each batch to the person who started it", async () => {
    const { jobId } = await startBatch([], folder, OWNER);
    expect(() => batchStatus(jobId, 'someone-else')).toThrow('That batch is not one Key Desk knows.');
  });
});
