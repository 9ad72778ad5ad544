import { request as httpRequest } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KeyDeskCore } from '../../../electron/core/core';
import type { CoreLink } from '../../../electron/core/host/link';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security';
import { linkTo, startCore, tempFolder } from '../../helpers/core';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A raw HTTP request, so the path goes out exactly as written (fetch would resolve `..`) and any
 * Host header can be sent.
 */
function send(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser mode’s web server', () => {
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let site: Awaited<ReturnType<typeof tempFolder>>;
  let staticDir: string;
  let core: KeyDeskCore;
  let link: CoreLink;
  let web: WebServer;

  const host = () => `127.0.0.1:${web.port}`;
  const api = (name: string, body?: string, headers: Record<string, string> = {}) =>
    send(web.port, {
      method: 'POST',
      path: `/api/${name}`,
      headers: { Host: host(), Authorization: `Bearer ${web.token}`, 'Content-Type': 'application/json', ...headers },
      ...(body !== undefined ? { body } : {}),
    });

  beforeEach(async () => {
    data = await tempFolder();
    site = await tempFolder('keydesk-site-');
    // The served folder sits beside a file that must never be served.
    staticDir = join(site.path, 'renderer');
    await mkdir(join(staticDir, 'assets'), { recursive: true });
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Key Desk</title>');
    await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(site.path, 'secret.txt'), 'SECRET');
    await writeFile(join(site.path, 'renderer-secret.txt'), 'SECRET');
    ({ core } = await startCore({ folder: data.path }));
    link = linkTo(core, { bindSessionsToCallers: true });
    web = await startWebServer({ core: link, staticDir });
  });

  afterEach(async () => {
    await web.close();
    await core.close();
    await data.cleanup();
    await site.cleanup();
  });

  it('listens on the loopback address only, and prints an address carrying the token', () => {
    expect(web.server.address()).toMatchObject({ address: '127.0.0.1', port: web.port });
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/?token=${web.token}`);
    expect(web.token).toMatch(/^[\w-]{32}$/);
  });

  it('will not serve a core that does not keep each session to the browser that started it', async () => {
    await expect(startWebServer({ core: linkTo(core), staticDir })).rejects.toThrow(/bindSessionsToCallers/);
  });

  it('makes a new token at each start', async () => {
    const other = await startWebServer({ core: link, staticDir });
    try {
      expect(other.token).not.toBe(web.token);
      expect(other.port).not.toBe(web.port);
    } finally {
      await other.close();
    }
  });

  it('uses the port it is given', async () => {
    const port = web.port;
    await web.close();
    web = await startWebServer({ core: link, staticDir, port });
    expect(web.port).toBe(port);
    expect(web.url).toBe(`http://127.0.0.1:${port}/?token=${web.token}`);
  });

  it('answers a valid call with the dispatcher’s result', async () => {
    const reply = await api('app.status');
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: await core.status() });
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { state: 'setup', dataFolder: data.path, canChooseFolder: false } });
  });

  it('passes the input through to the core', async () => {
    const reply = await api('setup.createDatabase', JSON.stringify({ demo: true }));
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { status: { state: 'ready', isDemo: true }, recoveryKey: expect.any(String) } });
    // The session is this browser's: its cookie goes with every call from now on.
    const cookie = String(reply.headers['set-cookie']?.[0]).split(';')[0]!;
    const bases = JSON.parse((await api('bases.list', undefined, { Cookie: cookie })).body) as { ok: boolean; value: unknown[] };
    expect(bases.ok).toBe(true);
    expect(bases.value.length).toBeGreaterThan(0);
  });

  it('returns validation and unknown-call errors as values', async () => {
    expect(JSON.parse((await api('setup.createDatabase', '{"demo":"yes"}')).body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'demo' } });
    expect(JSON.parse((await api('no.such.call')).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });

  it('answers a body that is not JSON with INVALID_INPUT', async () => {
    const reply = await api('setup.createDatabase', '{"demo": tru');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'The request could not be read.' } });
    expect((await core.status()).state).toBe('setup');
  });

  it('refuses an API call without the token, or with the wrong one', async () => {
    const withAuth = (authorization: string | undefined) =>
      send(web.port, {
        method: 'POST',
        path: '/api/setup.createDatabase',
        headers: { Host: host(), ...(authorization !== undefined ? { Authorization: authorization } : {}) },
        body: '{"demo":true}',
      });
    for (const authorization of [undefined, '', 'Bearer ', `Bearer ${web.token}x`, `Bearer ${web.token.slice(1)}`, `Bearer ${'A'.repeat(32)}`, `Basic ${web.token}`]) {
      const reply = await withAuth(authorization);
      expect(reply.status, String(authorization)).toBe(401);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
    }
    expect((await core.status()).state).toBe('setup');
  });

  it('refuses any Host but its own address (DNS rebinding), for the API and the page', async () => {
    for (const badHost of ['evil.example', `evil.example:${web.port}`, `127.0.0.1:${web.port + 1}`, '127.0.0.1', `0.0.0.0:${web.port}`]) {
      expect((await api('app.status', undefined, { Host: badHost })).status, badHost).toBe(421);
      expect((await send(web.port, { path: '/', headers: { Host: badHost } })).status, badHost).toBe(421);
    }
    expect((await api('app.status', undefined, { Host: `localhost:${web.port}` })).status).toBe(200);
    expect((await send(web.port, { path: '/', headers: { Host: `localhost:${web.port}` } })).status).toBe(200);
  });

  it('refuses an API call from a foreign origin, even with the token', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${web.port}`, `https://127.0.0.1:${web.port}`, 'null']) {
      const reply = await api('setup.createDatabase', '{"demo":true}', { Origin: origin });
      expect(reply.status, origin).toBe(403);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
    }
    expect((await core.status()).state).toBe('setup');
    expect((await api('app.status', undefined, { Origin: `http://127.0.0.1:${web.port}` })).status).toBe(200);
    expect((await api('app.status', undefined, { Origin: `http://localhost:${web.port}` })).status).toBe(200);
  });

  it('answers GET /api with 405', async () => {
    const reply = await send(web.port, { path: '/api/app.status', headers: { Host: host(), Authorization: `Bearer ${web.token}` } });
    expect(reply.status).toBe(405);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false });
  });

  it('serves the UI with the Content-Security-Policy and safe headers', async () => {
    const page = await send(web.port, { path: '/', headers: { Host: host() } });
    expect(page.status).toBe(200);
    expect(page.body).toBe('<!doctype html><title>Key Desk</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');

    const script = await send(web.port, { path: '/assets/app.js?v=1', headers: { Host: host() } });
    expect(script.status).toBe(200);
    expect(script.body).toBe('console.log(1)');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);

    expect((await send(web.port, { path: '/missing.js', headers: { Host: host() } })).status).toBe(404);
    expect((await send(web.port, { method: 'POST', path: '/', headers: { Host: host() } })).status).toBe(405);
  });

  it('never serves a file outside its folder, however the path is written', async () => {
    const attempts = [
      '/../../etc/passwd',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2E%2E/etc/passwd',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/../renderer-secret.txt',
      '/%2e%2e%2frenderer-secret.txt',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/etc/passwd%00.html',
    ];
    for (const path of attempts) {
      const reply = await send(web.port, { path, headers: { Host: host() } });
      expect(reply.status, path).toBeGreaterThanOrEqual(400);
      expect(reply.body, path).not.toContain('SECRET');
      expect(reply.body, path).not.toMatch(/root:/);
    }
  });

  it('answers a malformed percent-encoding as a bad request, not a failure of its own', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const reply = await send(web.port, { path: '/%E0%A4%A', headers: { Host: host() } });
      expect(reply.status).toBe(400);
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
    expect((await api('app.status')).status).toBe(200);
  });

  it('serves the same folder named with a trailing slash or relative to the working folder', async () => {
    for (const dir of [`${staticDir}/`, relative(process.cwd(), staticDir)]) {
      const other = await startWebServer({ core: link, staticDir: dir });
      try {
        const headers = { Host: `127.0.0.1:${other.port}` };
        expect((await send(other.port, { path: '/', headers })).status, dir).toBe(200);
        expect((await send(other.port, { path: '/assets/app.js', headers })).body, dir).toBe('console.log(1)');
        expect((await send(other.port, { path: '/%2e%2e/secret.txt', headers })).body, dir).not.toContain('SECRET');
      } finally {
        await other.close();
      }
    }
  });
});
