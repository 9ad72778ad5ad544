import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { EVENTS_PATH } from '../../shared/api/events';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import { IN_USE_ELSEWHERE, secretMatches } from '../core/host/caller-gate';
import type { CoreLink } from '../core/host/link';

export { IN_USE_ELSEWHERE };

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

const tokenMatches = (header: string | undefined, token: string) => secretMatches(header?.replace(/^Bearer /, '') ?? '', token);

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * Browser mode: the built UI and the very same handler table, over HTTP on the loopback address
 * only. The core runs in its own thread (`core` links to it); this server only routes. Every API
 * request must carry the token made at this start; requests naming another host (DNS rebinding) or
 * another origin are refused.
 *
 * A session belongs to the browser that started it: signing in (or setting up, or the recovery key)
 * sets an HttpOnly, SameSite=Strict cookie, and while someone is signed in every call must carry it
 * as well as the token. The core checks the cookie with the call, in its one-call-at-a-time section
 * (it must be started with `bindSessionsToCallers`). Another browser that has the address sees the
 * sign-in screen and is told Key Desk is in use. The page keeps an event stream open; once a signed-in browser has had none
 * open for `sessionGraceMs` (closed, not just reloading), its session ends.
 */
export async function startWebServer(options: {
  core: CoreLink;
  staticDir: string;
  port?: number;
  sessionGraceMs?: number;
}): Promise<WebServer> {
  const { core } = options;
  await core.ready;
  // Without it any browser with the address could carry on in someone else's session.
  if (!core.bindsSessionsToCallers) throw new Error('Browser mode needs a core started with bindSessionsToCallers.');
  const token = randomBytes(24).toString('base64url');
  const graceMs = options.sessionGraceMs ?? DEFAULT_SESSION_GRACE_MS;
  let allowedHosts = new Set<string>();
  let port = 0;
  // Cookies do not keep ports apart: one Key Desk per port must not read another's.
  const cookieName = () => `key-desk-session-${port}`;
  /** Open event streams, each with the session cookie its browser sent. */
  const streams = new Map<ServerResponse, string | undefined>();
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const sessionPageOpen = (owner: string) => [...streams.values()].some((cookie) => secretMatches(cookie, owner));

  const stopGrace = () => {
    if (graceTimer) clearTimeout(graceTimer);
    graceTimer = undefined;
  };

  /** Starts the grace period when the signed-in browser has no page open; stops it when one is back. */
  const review = () => {
    const owner = core.sessionOwner;
    if (closed || owner === null || sessionPageOpen(owner)) return stopGrace();
    if (graceTimer) return;
    graceTimer = setTimeout(() => {
      graceTimer = undefined;
      if (closed || core.sessionOwner !== owner || sessionPageOpen(owner)) return review();
      // The core checks again, in turn with the calls, that this browser still owns the session.
      void core
        .op('endAbandonedSession', { owner })
        .catch((error: unknown) => console.error('Key Desk browser mode: ending a session failed', error))
        .finally(review);
    }, graceMs);
    graceTimer.unref();
  };

  const broadcast = (line: string) => {
    for (const res of streams.keys()) res.write(line);
  };
  const unsubscribe = core.onEvent((event) => {
    broadcast(`data: ${JSON.stringify(event)}\n\n`);
    review();
  });
  const unwatch = core.onSessionOwner(() => review());

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
      const { result, owner } = await core.callAs(readCookie(req, cookieName()), url.pathname.slice('/api/'.length), input);
      // This call started a session: it belongs to this browser from now on.
      const cookie: Record<string, string> = owner ? { 'Set-Cookie': `${cookieName()}=${owner}; Path=/; HttpOnly; SameSite=Strict` } : {};
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
        unwatch();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
