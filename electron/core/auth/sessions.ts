import type { Access } from '../../../shared/api/access';
import type { CallName } from '../../../shared/api/contract';
import type { AppStatus, SignedInUser } from '../../../shared/api/status';
import type { StaffMember } from '../../../shared/domain/staff';
import type { ScryptParams } from '../crypto/keys';
import { Keyring } from '../crypto/keyring';
import { formatRecoveryKey, newRecoverySecret, parseRecoveryKey } from '../crypto/recovery-key';
import type { DataFile, SealedDataFile } from '../data-file';
import { UserError } from '../errors';
import { recordEvent } from '../repositories/audit';
import { getProvision } from '../repositories/provision';
import { findStaff, findStaffByUsername, listStaff } from '../repositories/staff';
import { setStaffPassword } from '../services/staff';
import { describeWait, DROPPED_ACTION, SignInGuard } from './sign-in-guard';

export interface Session {
  user: SignedInUser;
  lastActivity: number;
  locked: boolean;
}

const WRONG = 'The username or password is not right.';
const RECOVERY_LOOKUP = 'recovery-key';

/**
 * Who is signed in, and the rules around it: sign-in with back-off, auto-lock after inactivity,
 * unlock by the same person, switching user, and the role check every call passes through.
 */
/**
 * What sessions need from the core that owns the data file: open and re-seal it, read its status.
 * A small interface rather than the whole core, so the two do not depend on each other.
 */
export interface Vault {
  readonly events: { statusChanged(): void };
  readonly dataFile: DataFile | null;
  readonly sealedFile: SealedDataFile | null;
  clockNow(): Date;
  /** The clock as an ISO timestamp, for audit entries. */
  now(): string;
  /** Runs `work` when no other call is using the data file. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  requireFile(): DataFile;
  status(): Promise<AppStatus>;
  rereadSealed(): Promise<SealedDataFile | null>;
  unseal(keyring: Keyring, options?: { readOnly?: boolean }): Promise<DataFile | null>;
  reseal(): Promise<void>;
}

export class Sessions {
  current: Session | null = null;
  private guard: SignInGuard | null = null;
  /** Fires when the session falls due to lock, so the screen locks then and not at the next call. */
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly core: Vault,
    private readonly scrypt?: ScryptParams,
    /** Tests only: overrides the provision's auto-lock minutes. */
    private readonly autoLockMs?: number,
  ) {}

  async useFolder(folder: string): Promise<void> {
    this.end();
    this.guard = await SignInGuard.load(folder);
  }

  /** The file is closing: nobody is signed in to it any more. */
  end(): void {
    const had = this.current !== null;
    this.current = null;
    this.disarm();
    if (had) this.core.events.statusChanged();
  }

  requireUser(): SignedInUser {
    if (!this.current) throw new UserError('NOT_SIGNED_IN', 'Sign in first.');
    return this.current.user;
  }

  /** Enforces the access table for one call. Throws a refusal a teacher can read; logs role refusals. */
  async authorise(name: CallName, access: Access): Promise<void> {
    if (access === 'anyone') return;
    if (access === 'setup' && !this.core.dataFile) {
      // Set-up and a refused file: nothing to protect yet. At the sign-in screen, staff may only point
      // Key Desk at another existing data file (the core checks there is one), not start a new one.
      if (!this.core.sealedFile || name !== 'setup.createDatabase') return;
      throw new UserError('NOT_SIGNED_IN', 'Sign in as an administrator to start a new data file.');
    }
    await this.lockIfIdle();
    const session = this.current;
    if (!session) throw new UserError('NOT_SIGNED_IN', 'Sign in to Key Desk first.');
    if (session.locked) throw new UserError('LOCKED', 'Key Desk is locked. Enter your password to carry on.');
    const roles = access === 'setup' ? (['administrator'] as const) : access === 'signed-in' ? null : access;
    // Fails closed: a call with no entry in the table (or one the core does not understand) is refused.
    if (roles !== null && !(Array.isArray(roles) && roles.some((role) => session.user.roles.includes(role)))) {
      await this.record('refused', `${name}: not allowed for ${session.user.roles.join(', ')}`);
      throw new UserError('FORBIDDEN', 'Your account is not allowed to do that. Ask a manager or administrator.');
    }
  }

  /** Any call by the signed-in person counts as activity and puts off the auto-lock. */
  async noteActivity(): Promise<void> {
    if (!this.current || this.current.locked) return;
    this.current.lastActivity = this.core.clockNow().getTime();
    await this.arm();
  }

  async lockIfIdle(): Promise<void> {
    const session = this.current;
    const file = this.core.dataFile;
    if (!session || session.locked || !file) return;
    const { ms, words } = await this.idleLimit();
    if (this.core.clockNow().getTime() - session.lastActivity >= ms) {
      session.locked = true;
      this.disarm();
      await this.record('auto-locked', `after ${words} without use`);
      this.core.events.statusChanged();
    }
  }

  /** How long without use before Key Desk locks: the provision's minutes (or a test's override). */
  private async idleLimit(): Promise<{ ms: number; words: string }> {
    if (this.autoLockMs !== undefined) return { ms: this.autoLockMs, words: `${this.autoLockMs / 1000} seconds` };
    const file = this.core.dataFile;
    const minutes = (file ? (await getProvision(file.db))?.autoLockMinutes : undefined) ?? 5;
    return { ms: minutes * 60_000, words: `${minutes} minutes` };
  }

  /** Sets the timer for the moment the session falls due to lock (again after every use). */
  private async arm(): Promise<void> {
    this.disarm();
    const session = this.current;
    if (!session || session.locked || !this.core.dataFile) return;
    const { ms } = await this.idleLimit();
    // At least a second: a clock that tests hold still must not make this spin.
    const due = Math.max(session.lastActivity + ms - this.core.clockNow().getTime(), 1000);
    const timer = setTimeout(() => {
      if (this.idleTimer !== timer) return;
      this.idleTimer = undefined;
      void this.core
        .exclusive(async () => {
          if (this.current !== session || session.locked) return;
          await this.lockIfIdle();
          if (!session.locked) await this.arm();
        })
        .catch((error: unknown) => console.error('Key Desk: auto-lock failed', error));
    }, due);
    // Never the reason a process (a test, browser mode stopping) stays alive.
    timer.unref?.();
    this.idleTimer = timer;
  }

  private disarm(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  /** Signs in; `readOnly` opens the data only to look at it (while another Key Desk holds the folder). */
  async signIn(username: string, password: string, readOnly = false) {
    if (!this.core.sealedFile) throw new UserError('NO_DATABASE', 'There is no data file to sign in to.');
    if (this.current) throw new UserError('CONFLICT', `${this.current.user.name} is signed in. Sign out first, or unlock.`);
    const sealed = await this.core.rereadSealed();
    if (!sealed) return this.core.status();
    const lookup = this.lookupFor(username);
    await this.checkNotWaiting(lookup, 'username');
    const unlocked = await Keyring.unlockWithPassword(sealed.envelope, username, password, this.scrypt);
    if (!unlocked) {
      const account = Keyring.hasPasswordSlot(sealed.envelope, username);
      return this.refuseAttempt(lookup, 'sign-in-failed', WRONG, 'password', account);
    }
    const file = await this.core.unseal(unlocked.keyring, { readOnly });
    if (!file) return this.core.status();
    await this.begin(file, unlocked.staffId, readOnly ? 'signed-in-read-only' : 'signed-in', lookup);
    // A password wrapped at an older, lower cost is wrapped again at today's while we have it.
    if (unlocked.keyring.slotNeedsNewCost(unlocked.staffId)) {
      await unlocked.keyring.setPassword(unlocked.staffId, this.requireUser().username, password);
      file.saveSoon();
    }
    return this.core.status();
  }

  /** Opens the file with the recovery key and gives a person a new password (a forgotten one). */
  async recover(recoveryKey: string, username: string, newPassword: string) {
    if (!this.core.sealedFile) throw new UserError('NO_DATABASE', 'There is no data file to open.');
    if (this.current) throw new UserError('CONFLICT', `${this.current.user.name} is signed in. Sign out first.`);
    const sealed = await this.core.rereadSealed();
    if (!sealed) return this.core.status();
    const secret = parseRecoveryKey(recoveryKey);
    const keyring = secret ? await Keyring.unlockWithRecovery(sealed.envelope, secret, this.scrypt) : null;
    if (!keyring) {
      // Logged, but never a wait: 160 random bits cannot be guessed, and a wait would let anyone at the
      // keyboard block the one way back in for everybody.
      await this.guard?.noted(RECOVERY_LOOKUP, this.core.clockNow(), 'recovery-failed');
      throw new UserError('WRONG_PASSWORD', 'That recovery key does not open this data file.', 'recoveryKey');
    }
    const file = await this.core.unseal(keyring);
    if (!file) return this.core.status();
    const member = await findStaffByUsername(file.db, username);
    if (!member) {
      await this.core.reseal();
      throw new UserError('NOT_FOUND', `Nobody has the username ${username} in this data file.`, 'username');
    }
    try {
      await setStaffPassword(file, member.id, newPassword, 'newPassword');
    } catch (error) {
      await this.core.reseal();
      throw error;
    }
    await this.begin(file, member.id, 'password-reset-with-recovery-key');
    // They have shown the recovery key and chosen a new password: their earlier wrong tries no longer count.
    await this.flushPending(file, this.lookupFor(member.username));
    await file.flush();
    return this.core.status();
  }

  /** Quick unlock after auto-lock: only the person whose session it is. */
  async unlock(password: string) {
    const session = this.current;
    const file = this.core.dataFile;
    if (!session || !file) throw new UserError('NOT_SIGNED_IN', 'Nobody is signed in. Sign in instead.');
    if (!session.locked) return this.core.status();
    const lookup = this.lookupFor(session.user.username);
    await this.checkNotWaiting(lookup, 'password');
    if (!(await file.keyring.checkPassword(session.user.id, password))) {
      return this.refuseAttempt(lookup, 'unlock-failed', 'That password is not right.', 'password');
    }
    await this.flushPending(file, lookup);
    session.locked = false;
    session.lastActivity = this.core.clockNow().getTime();
    await this.record('unlocked');
    await this.arm();
    this.core.events.statusChanged();
    return this.core.status();
  }

  async lock(detail?: string) {
    if (this.current && !this.current.locked) {
      this.current.locked = true;
      this.disarm();
      await this.record('locked', detail);
      this.core.events.statusChanged();
    }
    return this.core.status();
  }

  /** Sign out or Switch user: saves, closes the unsealed database and goes back to the sign-in screen. */
  async signOut(detail?: string) {
    if (this.current) {
      await this.record('signed-out', detail);
      await this.core.reseal();
    }
    return this.core.status();
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<{ changed: true }> {
    const user = this.requireUser();
    const file = this.core.requireFile();
    await this.confirmPassword(user, currentPassword, 'Your current password is not right.', 'currentPassword');
    await setStaffPassword(file, user.id, newPassword, 'newPassword');
    await this.record('password-changed');
    await file.flush();
    return { changed: true };
  }

  /** A new recovery key; the old one stops working. Needs the person's own password. */
  async newRecoveryKey(password: string): Promise<{ recoveryKey: string }> {
    const user = this.requireUser();
    const file = this.core.requireFile();
    await this.confirmPassword(user, password, 'That password is not right.', 'password');
    const secret = newRecoverySecret();
    await file.keyring.setRecoveryKey(secret);
    await this.record('recovery-key-replaced');
    await file.saveSoon().flush();
    return { recoveryKey: formatRecoveryKey(secret) };
  }

  /** Rereads the signed-in person after their own account changed. */
  async refreshUser(): Promise<void> {
    const file = this.core.dataFile;
    if (!this.current || !file) return;
    const member = await findStaff(file.db, this.current.user.id);
    if (member) this.current.user = member;
  }

  /** Starts a session for an unsealed file. */
  async begin(file: DataFile, staffId: string, action: string, lookup?: string): Promise<void> {
    const member = await findStaff(file.db, staffId);
    if (!member) {
      // A key slot for someone no longer on the staff list: do not leave the file open for nobody.
      await this.core.reseal();
      throw new UserError('WRONG_PASSWORD', WRONG, 'password');
    }
    this.current = { user: member, lastActivity: this.core.clockNow().getTime(), locked: false };
    file.actor = { id: member.id, name: member.name };
    await this.flushPending(file, lookup);
    await this.record(action);
    await this.arm();
    this.core.events.statusChanged();
  }

  /** An audit entry for something that is not a row change, in the signed-in person's name. */
  async record(action: string, detail?: string, about: { entity?: string; entityId?: string; pupilId?: string } = {}): Promise<void> {
    const file = this.core.dataFile;
    if (!file) return;
    await recordEvent(file.db, {
      action,
      at: this.core.now(),
      staffId: this.current?.user.id ?? null,
      staffName: this.current?.user.name ?? 'Key Desk',
      ...(detail ? { detail } : {}),
      ...about,
    });
  }

  /** Each member of staff with wrong tries counted against them now, for administrators. */
  failedSignIns(staff: readonly StaffMember[]): Array<{ staffId: string; failures: number; lastFailedAt: string; waitUntil: string | null }> {
    const now = this.core.clockNow();
    return staff.flatMap((member) => {
      const lookup = this.lookupFor(member.username);
      const count = this.guard?.countFor(lookup, now);
      if (!count) return [];
      const waitUntil = this.guard!.waitFor(lookup, now) > 0 ? count.lockedUntil : null;
      return [{ staffId: member.id, failures: count.failures, lastFailedAt: count.lastFailedAt, waitUntil }];
    });
  }

  /** Ends a person's count of wrong tries, and any wait: an administrator's decision, so it is logged. */
  async clearFailedSignIns(member: StaffMember, why: string): Promise<void> {
    const cleared = (await this.guard?.clear(this.lookupFor(member.username))) ?? false;
    if (cleared) await this.record('cleared-failed-sign-ins', `for ${member.name}: ${why}`, { entity: 'staff', entityId: member.id });
  }

  /** The key the guard file counts a username under (salted with the file's own salt). */
  private lookupFor(username: string): string {
    if (!this.guard) throw new Error('No data folder is in use');
    return this.guard.lookupFor(username);
  }

  private async checkNotWaiting(lookup: string, field: string): Promise<void> {
    const wait = this.guard?.waitFor(lookup, this.core.clockNow()) ?? 0;
    if (wait > 0) {
      throw new UserError('TOO_MANY_ATTEMPTS', `Too many wrong tries. Wait ${describeWait(wait)}, then try again.`, field);
    }
  }

  /** Asks the signed-in person for their password again: same back-off and audit as signing in. */
  private async confirmPassword(user: SignedInUser, password: string, wrong: string, field: string): Promise<void> {
    const file = this.core.requireFile();
    const lookup = this.lookupFor(user.username);
    await this.checkNotWaiting(lookup, field);
    if (!(await file.keyring.checkPassword(user.id, password))) await this.refuseAttempt(lookup, 'password-check-failed', wrong, field);
    await this.flushPending(file, lookup);
  }

  private async refuseAttempt(lookup: string, action: string, message: string, field: string, account = true): Promise<never> {
    const wait = (await this.guard?.failed(lookup, this.core.clockNow(), action, { account })) ?? 0;
    const file = this.core.dataFile;
    if (file) await this.flushPending(file);
    const after = wait > 0 ? ` Too many wrong tries: wait ${describeWait(wait)} before the next one.` : '';
    throw new UserError('WRONG_PASSWORD', `${message}${after}`, field);
  }

  /** Failed tries made while the file was sealed go into the audit log as soon as it is open. */
  private async flushPending(file: DataFile, succeededLookup?: string): Promise<void> {
    if (!this.guard) return;
    const { pending, dropped } = succeededLookup ? await this.guard.succeeded(succeededLookup) : await this.guard.takePending();
    if (dropped > 0) {
      await recordEvent(file.db, {
        action: DROPPED_ACTION,
        at: pending[0]?.at ?? this.core.now(),
        staffId: null,
        staffName: 'Key Desk',
        detail: `${dropped} earlier failed tries were too many to keep one by one`,
      });
    }
    if (pending.length === 0) return;
    const staff = await listStaff(file.db);
    const lookups = new Map(staff.map((s) => [this.lookupFor(s.username), s]));
    for (const event of pending) {
      const who = lookups.get(event.lookup);
      await recordEvent(file.db, {
        action: event.action,
        at: event.at,
        staffId: who?.id ?? null,
        staffName: who ? who.name : event.lookup === RECOVERY_LOOKUP ? 'Recovery key' : 'Unknown username',
      });
    }
  }
}
