/**
 * The statements of one import, queued on its client in order without waiting for each: the next is
 * sent the moment PostgreSQL has answered the one before (node-postgres's own queue is deprecated),
 * while Node goes on decoding and formatting what follows. PostgreSQL is another process, so the
 * two cores share an import. The first failure fails every statement after it (the transaction is
 * rolled back by the import); `settled()` waits for all and gives that failure.
 */
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import { copyInto } from './copyRows';

export class StatementQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly client: PoolClient) {}

  private enqueue<T>(run: () => Promise<T>): Promise<T> {
    const next = this.tail.then(run);
    this.tail = next;
    // a failure is reported to whoever awaits the statement, and once more by settled()
    next.catch(() => undefined);
    return next;
  }

  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>> {
    return this.enqueue(() => this.client.query<R>(text, values));
  }

  /** COPY of rows already formatted (copyRows.ts formatRows; `binary`: formatBinaryRows). */
  copy(target: string, parts: readonly (string | Buffer)[], binary = false): Promise<number> {
    return this.enqueue(() => copyInto(this.client, target, parts, binary));
  }

  /** Resolves when every statement queued so far has finished; rejects with the first failure. */
  async settled(): Promise<void> {
    await this.tail;
  }
}
