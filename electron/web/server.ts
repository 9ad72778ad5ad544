import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { EVENTS_PATH } from '../../shared/api/events';
import { fail, ok } from '../../shared/api/result';
import type { AppStatus } from '../../shared/api/status';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import type { KeyDeskCore } from '../core/core';
import { dispatch, type CallGate } from '../core/dispatch';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const LOOPBACK = '127.0.0.1';

/** How long a signed-in page may be gone (closed, or reloading) before its session ends. */
export const DEFAULT_SESSION_GRACE_MS = 45_000;

/** A comment line down each event stream now and then, so a dead connection is noticed. */
const EVENT_PING_MS = 15_000;

export const IN_USE_ELSEWHERE =
  'Key Desk is in use in another browser on this PC. Carry on there, or sign out there first. If that browser has been closed, Key Desk signs out by itself within a minute.';

export interface WebServer {
  url: string;
  token: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const headers = (type: string, extra: Record<string, string> = {}) => ({
  'Content-Type': type,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  ...extra,
});

function send(res: ServerResponse, status: number, body: string | Uint8Array, type: string, extra: Record<string, string> = {}) {
  res.writeHead(status, headers(type, extra));
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}) =>
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store', ...extra });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function secretMatches(given: string | undefined | null, expected: string | null): boolean {
  if (expected === null || given === undefined || given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const tokenMatches = (header: string | undefined, token: string) => secretMatches(header?.replace(/^Bearer /, '') ?? '', token);

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** What a browser that did not sign in may see while someone else is signed in: the sign-in screen. */
function seenFromElsewhere(status: AppStatus): AppStatus {
  return {
    ...status,
    state: 'sign-in',
    provisionName: null,
    user: null,
    demoAccounts: null,
    autoLockMinutes: null,
    saveProblem: null,
    inUseElsewhere: true,
  };
}

/**
 * Browser mode: the built UI and the very same handler table, over HTTP on the loopback address
 * only. Every API request must carry the token made at this start; requests naming another host
 * (DNS rebinding) or another origin are refused.
 *
 * A session belongs to the browser that started it: signing in (or setting up, or the recovery key)
 * sets an HttpOnly, SameSite=Strict cookie, and while someone is signed in every call must carry it
 * as well as the token. Another browser that has the address sees the sign-in screen and is told
 * Key Desk is in use. The page keeps an event stream open; once a signed-in browser has had none
 * open for `sessionGraceMs` (closed, not just reloading), its session ends.
 */
export async function startWebServer(options: {
  core: KeyDeskCore;
  staticDir: string;
  port?: number;
  sessionGraceMs?: number;
}): Promise<WebServer> {
  const { core } = options;
  const token = randomBytes(24).toString('base64url');
  const graceMs = options.sessionGraceMs ?? DEFAULT_SESSION_GRACE_MS;
  let allowedHosts = new Set<string>();
  let port = 0;
  // Cookies do not keep ports apart: one Key Desk per port must not read another's.
  const cookieName = () => `key-desk-session-${port}`;
  /** The cookie of the browser whose session it is; meaningless while nobody is signed in. */
  let boundCookie: string | null = null;
  /** Open event streams, each with the session cookie its browser sent. */
  const streams = new Map<ServerResponse, string | undefined>();
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const sessionPageOpen = () => [...streams.values()].some((cookie) => secretMatches(cookie, boundCookie));

  const stopGrace = () => {
    if (graceTimer) clearTimeout(graceTimer);
    graceTimer = undefined;
  };

  /** Starts the grace period when the signed-in browser has no page open; stops it when one is back. */
  const review = () => {
    if (closed || !core.sessions.current || sessionPageOpen()) return stopGrace();
    if (graceTimer) return;
    graceTimer = setTimeout(() => {
      graceTimer = undefined;
      void core
        .exclusive(async () => {
          if (!core.sessions.current || sessionPageOpen()) return;
          try {
            await core.sessions.signOut('the browser page was closed');
          } catch (error) {
            // Saving failed, so the file stays open: at least nobody can carry on in it.
            console.error('Key Desk browser mode: could not sign out after the page closed', error);
            await core.sessions.lock('the browser page was closed');
          }
        })
        .catch((error: unknown) => console.error('Key Desk browser mode: ending a session failed', error))
        .finally(review);
    }, graceMs);
    graceTimer.unref();
  };

  const broadcast = (line: string) => {
    for (const res of streams.keys()) res.write(line);
  };
  const unsubscribe = core.events.on((event) => {
    broadcast(`data: ${JSON.stringify(event)}\n\n`);
    review();
  });

  const openEventStream = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, headers('text/event-stream; charset=utf-8', { 'Cache-Control': 'no-store' }));
    // Reconnect quickly after a blip, well inside the grace period.
    res.write('retry: 1000\n\n');
    streams.set(res, readCookie(req, cookieName()));
    const ping = setInterval(() => res.write(': still here\n\n'), EVENT_PING_MS);
    ping.unref();
    req.socket.setTimeout(0);
    res.on('close', () => {
      clearInterval(ping);
      streams.delete(res);
      review();
    });
    review();
  };

  /** Lets a call through only from the browser whose session it is; binds a new session to its browser. */
  const gateFor =
    (req: IncomingMessage, setCookie: (value: string) => void): CallGate =>
    async (name, run) => {
      const session = core.sessions.current;
      if (session && !secretMatches(readCookie(req, cookieName()), boundCookie)) {
        if (name !== 'app.status') return fail({ code: 'CONFLICT', message: IN_USE_ELSEWHERE });
        const result = await run();
        return result.ok ? ok(seenFromElsewhere(result.value as AppStatus)) : result;
      }
      const result = await run();
      const now = core.sessions.current;
      if (now && now !== session) {
        boundCookie = randomBytes(24).toString('base64url');
        setCookie(boundCookie);
      }
      return result;
    };

  // Resolved once, so a relative folder or a trailing slash cannot defeat the containment check below.
  const staticDir = resolve(options.staticDir);

  const serveStatic = async (res: ServerResponse, pathname: string) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    } catch {
      return send(res, 400, 'Bad request', 'text/plain');
    }
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    const file = join(staticDir, relative);
    if (relative.startsWith('..') || !file.startsWith(staticDir + sep)) return send(res, 404, 'Not found', 'text/plain');
    try {
      const body = await readFile(file);
      send(res, 200, body, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', { 'Cache-Control': 'no-cache' });
    } catch {
      send(res, 404, 'Not found', 'text/plain');
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'Wrong host', 'text/plain');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname.startsWith('/api/')) {
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
        return sendJson(res, 403, { ok: false, error: { code: 'NOT_AVAILABLE', message: 'Refused: wrong origin.' } });
      }
      const authorisation = url.pathname === EVENTS_PATH ? `Bearer ${url.searchParams.get('token') ?? ''}` : req.headers.authorization;
      if (!tokenMatches(authorisation, token)) {
        return sendJson(res, 401, {
          ok: false,
          error: { code: 'NOT_AVAILABLE', message: 'This page is from an earlier start of Key Desk. Open the address it printed this time.' },
        });
      }
      if (url.pathname === EVENTS_PATH) {
        if (req.method !== 'GET') return sendJson(res, 405, { ok: false, error: { code: 'UNKNOWN_CALL', message: 'Use GET.' } });
        return openEventStream(req, res);
      }
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'UNKNOWN_CALL', message: 'Use POST.' } });
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body ? JSON.parse(body) : undefined;
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request could not be read.' } });
      }
      let cookie: Record<string, string> = {};
      const gate = gateFor(req, (value) => {
        cookie = { 'Set-Cookie': `${cookieName()}=${value}; Path=/; HttpOnly; SameSite=Strict` };
      });
      const result = await dispatch(core, url.pathname.slice('/api/'.length), input, undefined, gate);
      review();
      return sendJson(res, 200, result, cookie);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain');
    return serveStatic(res, url.pathname);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('Key Desk browser mode: request failed', error);
      if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    token,
    port,
    server,
    close: () =>
      new Promise((resolve) => {
        closed = true;
        stopGrace();
        unsubscribe();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
