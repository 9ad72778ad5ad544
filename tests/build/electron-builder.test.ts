import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { REPORT_FONT_FILES } from '../../electron/core/reports/fonts';

const require = createRequire(import.meta.url);
const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Installers are built on a connected machine; here we make sure the config they will use is valid. */
describe('electron-builder.yml', () => {
  it('is valid against the pinned electron-builder schema', () => {
    const schema = require('app-builder-lib/scheme.json') as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('builds a Windows NSIS installer that offers per-user and per-machine installs, and a Linux AppImage', () => {
    expect(config.win.target).toEqual([expect.objectContaining({ target: 'nsis' })]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(config.linux.target).toEqual([expect.objectContaining({ target: 'AppImage' })]);
    expect(config.productName).toBe('Key Desk');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
  });

  it('sets the Electron fuses that stop the binary being used as plain Node or loading foreign code', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('has an icon of at least 256 × 256 pixels in resources/', () => {
    const png = readFileSync(config.icon as string);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(256);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(256);
  });

  it('ships every font the PDF reports read, each named with its licence in resources/fonts/LICENSE', () => {
    // The report thread finds them in <resources>/fonts of the installed app.
    expect(config.extraResources).toContainEqual({ from: 'resources/fonts', to: 'fonts' });
    const licence = readFileSync('resources/fonts/LICENSE', 'utf8');
    expect(REPORT_FONT_FILES.length).toBeGreaterThanOrEqual(7);
    for (const file of REPORT_FONT_FILES) {
      expect(existsSync(join('resources/fonts', file)), file).toBe(true);
      expect(licence, file).toContain(file);
    }
  });
});
