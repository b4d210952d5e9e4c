import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { BranchDatabase } from '../db/open.js';
import { users, type UserRecord } from '../db/schema.js';
import type { Actor, Role } from '../../shared/api/procedure.js';
import { AppError, type Locale } from '../../shared/api/errors.js';
import { newId } from '../../shared/domain/ids.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';

export type UserActor = Extract<Actor, { kind: 'user' }>;

export interface StaffAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

/** Sessions end after this long without a call (a shift and a half). */
const IDLE_LIMIT_MS = 12 * 60 * 60 * 1000;

/**
 * Staff accounts and sessions (REQUIREMENTS P1). Accounts live in the branch
 * database, so signing in works offline. Sessions live in memory: restarting
 * the app signs everybody out, which is what a shared counter PC wants.
 */
export class AuthService {
  private readonly sessions = new Map<string, { actor: UserActor; lastSeen: number }>();

  constructor(
    private readonly db: BranchDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  createUser(input: { username: string; displayName: string; password: string; role: Role }): StaffAccount {
    const existing = this.db.orm.select({ id: users.id }).from(users).where(eq(users.username, input.username)).get();
    if (existing) throw new AppError('DUPLICATE', [{ path: ['username'], code: 'invalid' }]);
    const at = this.now().toISOString();
    const row = {
      id: newId(),
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      passwordHash: hashPassword(input.password),
      active: true,
      createdAt: at,
      updatedAt: at,
    };
    this.db.orm.insert(users).values(row).run();
    return toAccount(row);
  }

  listUsers(): StaffAccount[] {
    return this.db.orm.select().from(users).orderBy(users.username).all().map(toAccount);
  }

  signIn(username: string, password: string, locale: Locale): { sessionToken: string; actor: UserActor } {
    const user = this.db.orm.select().from(users).where(eq(users.username, username)).get();
    const ok = verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) throw new AppError('INVALID_CREDENTIALS');
    const actor: UserActor = {
      kind: 'user',
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      locale,
    };
    const sessionToken = randomBytes(32).toString('base64url');
    this.sessions.set(sessionToken, { actor, lastSeen: this.now().getTime() });
    return { sessionToken, actor };
  }

  /** The actor of a live session, or null. Touching a session keeps it alive. */
  resolve(token: string): UserActor | null {
    const s = this.sessions.get(token);
    if (!s) return null;
    const t = this.now().getTime();
    if (t - s.lastSeen > IDLE_LIMIT_MS) {
      this.sessions.delete(token);
      return null;
    }
    s.lastSeen = t;
    return s.actor;
  }

  setLocale(token: string, locale: Locale): UserActor {
    const s = this.sessions.get(token);
    if (!s) throw new AppError('NOT_SIGNED_IN');
    s.actor = { ...s.actor, locale };
    return s.actor;
  }

  signOut(token: string): void {
    this.sessions.delete(token);
  }
}

function toAccount(u: Pick<UserRecord, 'id' | 'username' | 'displayName' | 'role' | 'active' | 'createdAt'>): StaffAccount {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, active: u.active, createdAt: u.createdAt };
}
