/**
 * Preloaded into the real county server process by the fault test (node --import): the two moments of
 * an import that matter for "acknowledged exactly once" become named steps (faultSteps.ts), so the
 * test can kill the server there —
 * - county:committing — the whole bundle written in its transaction, COMMIT not yet sent (a kill
 *   here must leave nothing of the bundle);
 * - county:committed — the bundle is in, the signed receipt not yet sent (a kill here leaves revisions
 *   the office has not recorded, which it sends again).
 * It wraps node-postgres' Client.query; the server's own code is not changed.
 */
import pg from 'pg';
import { IMPORT_LOCK } from '../../../county/import/importBundle';
import { step } from './faultSteps';

type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const query = pg.Client.prototype.query as unknown as Query;
const importing = new WeakSet<pg.Client>();

const textOf = (first: unknown) => (typeof first === 'string' ? first : ((first as { text?: unknown } | null)?.text ?? ''));

(pg.Client.prototype as unknown as { query: Query }).query = function (this: pg.Client, ...args: unknown[]): unknown {
  const text = textOf(args[0]);
  // an import's transaction is the one that takes the import lock (county/import/importBundle.ts)
  if (/pg_advisory_xact_lock/.test(String(text)) && Array.isArray(args[1]) && args[1][0] === IMPORT_LOCK) importing.add(this);
  if (text === 'ROLLBACK') importing.delete(this);
  if (text !== 'COMMIT' || !importing.has(this) || typeof args.at(-1) === 'function') return query.apply(this, args);
  importing.delete(this);
  return (async () => {
    await step('county:committing');
    const done = await (query.apply(this, args) as Promise<unknown>);
    await step('county:committed');
    return done;
  })();
};
