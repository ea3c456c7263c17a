import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { AppError, DependencyUnavailableError } from './app-error.ts';
import { infrastructureFaultOf } from './infrastructure-fault.ts';

const systemError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -1, syscall: 'connect' });
const sqlError = (code: string, severity = 'FATAL') => Object.assign(new Error(`server says ${code}`), { code, severity });

describe('infrastructureFaultOf', () => {
  it.each([
    ['pg: connection refused', systemError('ECONNREFUSED'), 'network'],
    ['out of file descriptors while connecting', systemError('EMFILE'), 'network'],
    ['pg: reset', systemError('ECONNRESET'), 'network'],
    ['a service name not resolving (its container restarting)', Object.assign(new Error('getaddrinfo ENOTFOUND postgres'), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname: 'postgres' }), 'network'],
    ['pg: terminated', new Error('Connection terminated unexpectedly'), 'database'],
    ['pg-pool: connect timeout', new Error('timeout exceeded when trying to connect'), 'database'],
    ['pg: admin shutdown 57P01', sqlError('57P01'), 'database'],
    ['pg: too many connections 53300', sqlError('53300'), 'database'],
    ['pg: cannot connect now 57P03', sqlError('57P03'), 'database'],
    ['pg: statement_timeout / pg_cancel_backend 57014', sqlError('57014', 'ERROR'), 'database'],
    ['pg: lock_timeout / NOWAIT 55P03', sqlError('55P03', 'ERROR'), 'database'],
    ['pg: session ended idle in a transaction 25P03', sqlError('25P03'), 'database'],
    ['ioredis Cluster: every node down, fail-fast client', new Error("Cluster isn't ready and enableOfflineQueue options is false"), 'redis'],
    ['ioredis Cluster: node connection gone', new Error('Node is disconnected'), 'redis'],
    ['pg: statement timeout inside a wrapper', new Error('storing the reply failed', { cause: sqlError('57014', 'ERROR') }), 'database'],
    ['ioredis: closed', new Error('Connection is closed.'), 'redis'],
    ['ioredis: command timeout', new Error('Command timed out'), 'redis'],
    ['ioredis: offline', new Error("Stream isn't writeable and enableOfflineQueue options is false"), 'redis'],
    ['redis: loading', new Error('LOADING Redis is loading the dataset in memory'), 'redis'],
    ['redis: misconf', new Error('MISCONF Redis is configured to save RDB snapshots'), 'redis'],
    ['localhost: both addresses refused', new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')]), 'network'],
    ['wrapped in a cause', new Error('loading the context failed', { cause: systemError('ETIMEDOUT') }), 'network'],
    ['our own 503', new DependencyUnavailableError('database', 'down'), 'database'],
  ])('%s → %s', (_name, error, dependency) => {
    expect(infrastructureFaultOf(error)?.dependency).toBe(dependency);
  });

  it.each([
    ['a unique violation', sqlError('23505')],
    ['a syntax error', sqlError('42601')],
    ['a deadlock (the transaction is the problem, not the server)', sqlError('40P01', 'ERROR')],
    ['another class 55 state (object in use)', sqlError('55006', 'ERROR')],
    ['an invalid byte sequence (bad content)', sqlError('22021')],
    ['a provider error that mentions a reset', new AppError({ code: 'provider_transient', message: 'x', cause: systemError('ECONNRESET') })],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error', 'ECONNREFUSED'],
  ])('%s is not an infrastructure fault', (_name, error) => {
    expect(infrastructureFaultOf(error)).toBeNull();
  });

  it('recognises what a real pg client says when nothing listens', async () => {
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres', connectionTimeoutMillis: 2000 });
    const error = await client.connect().then(() => null, (caught: unknown) => caught);
    expect(infrastructureFaultOf(error)).not.toBeNull();
  });

  it('recognises what a real pg client says when the database host name does not resolve', async () => {
    // .invalid never resolves (RFC 6761): ENOTFOUND, or EAI_AGAIN on a machine without a resolver.
    const client = new pg.Client({ connectionString: 'postgres://postgres@lac-database-restarting.invalid:5432/postgres', connectionTimeoutMillis: 5000 });
    const error = await client.connect().then(() => null, (caught: unknown) => caught);
    expect((error as { code?: unknown }).code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    expect(infrastructureFaultOf(error)?.dependency).toBe('network');
  });
});
