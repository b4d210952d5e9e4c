import { AppError } from '../../shared/api/errors.js';
import type { HandlerGroup } from '../rpc/handlers.js';
import { userOf } from '../rpc/handlers.js';

export const setupHandlers: HandlerGroup<'setup.status' | 'setup.initialise'> = {
  'setup.status': (ctx) => ctx.services.setup.status(),
  'setup.initialise': (ctx, input) => ctx.services.setup.initialise(input),
};

export const authHandlers: HandlerGroup<'auth.signIn' | 'auth.signOut' | 'auth.me' | 'auth.setLocale'> = {
  'auth.signIn': (ctx, { username, password, locale }) => {
    if (!ctx.services.setup.status().initialised) throw new AppError('NOT_INITIALISED');
    const { sessionToken, actor } = ctx.services.auth.signIn(username, password, locale ?? ctx.locale);
    const { kind: _kind, ...rest } = actor;
    return { sessionToken, actor: rest };
  },
  'auth.signOut': (ctx) => {
    if (ctx.session) ctx.services.auth.signOut(ctx.session);
    return { signedOut: true as const };
  },
  'auth.me': (ctx) => {
    const { kind: _kind, ...rest } = userOf(ctx);
    return rest;
  },
  'auth.setLocale': (ctx, { locale }) => {
    if (!ctx.session) throw new AppError('NOT_SIGNED_IN');
    const { kind: _kind, ...rest } = ctx.services.auth.setLocale(ctx.session, locale);
    return rest;
  },
};

export const userHandlers: HandlerGroup<'users.list' | 'users.create'> = {
  'users.list': (ctx) => ctx.services.auth.listUsers(),
  'users.create': (ctx, input) => ctx.services.auth.createUser(input),
};
