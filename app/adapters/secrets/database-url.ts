import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'

/** The JSON an RDS-managed (or rotation-Lambda-managed) secret holds. */
export interface RdsSecret {
  username: string
  password: string
  host: string
  port?: number | string
  dbname?: string
}

export interface DatabaseUrlSource {
  /** The PostgreSQL URL, read from the secret at most once per TTL (concurrent calls share it). */
  url(): Promise<string>
  /**
   * Forgets the cached URL, so the next url() reads the secret again. Call it when the server
   * rejects the credentials (see isAuthFailure): the secret has probably been rotated.
   */
  invalidate(): void
}

export interface SecretDatabaseUrlOptions {
  /** The secret's name or ARN. */
  secretId: string
  /** How long a URL is reused before the secret is read again (default 5 minutes). */
  ttlMs?: number
  /** Query parameters to add, e.g. `{ sslmode: 'require' }` for RDS. */
  params?: Record<string, string>
  /**
   * Fields the secret may lack: an RDS-managed master secret holds only username and password,
   * so the host comes from the stack (the secret's own fields win when present).
   */
  fallback?: Partial<Pick<RdsSecret, 'host' | 'port' | 'dbname'>>
  client?: SecretsManagerClient
  now?: () => number
}

/**
 * Resolves DATABASE_URL from Secrets Manager. Never logs or echoes the secret: errors name the
 * secret id and what is wrong, never its value.
 */
export function createSecretDatabaseUrl({
  secretId,
  ttlMs = 5 * 60_000,
  params = {},
  fallback = {},
  client = new SecretsManagerClient({}),
  now = Date.now,
}: SecretDatabaseUrlOptions): DatabaseUrlSource {
  let cached: { url: Promise<string>; until: number } | null = null

  async function read(): Promise<string> {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }))
    if (!SecretString) throw new Error(`secret ${secretId} has no SecretString`)
    return databaseUrlOf(parseSecret(secretId, SecretString, fallback), params)
  }

  return {
    url() {
      if (cached && now() < cached.until) return cached.url
      const entry = { url: read(), until: now() + ttlMs }
      cached = entry
      // A failed read is not cached: the next call tries again.
      entry.url.catch(() => {
        if (cached === entry) cached = null
      })
      return entry.url
    },
    invalidate() {
      cached = null
    },
  }
}

/** `postgres://user:pass@host:port/dbname`, user and password percent-encoded. */
export function databaseUrlOf(secret: RdsSecret, params: Record<string, string> = {}): string {
  const user = encodeURIComponent(secret.username)
  const password = encodeURIComponent(secret.password)
  const url = new URL(`postgres://${user}:${password}@${secret.host}:${secret.port ?? 5432}`)
  url.pathname = `/${encodeURIComponent(secret.dbname ?? 'postgres')}`
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
  return url.toString()
}

/**
 * True for PostgreSQL's "bad credentials" errors (28P01 invalid_password, 28000
 * invalid_authorization_specification): the caller should invalidate() and reconnect once.
 */
export function isAuthFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '28P01' || code === '28000'
}

function parseSecret(
  secretId: string,
  text: string,
  fallback: Partial<Pick<RdsSecret, 'host' | 'port' | 'dbname'>>,
): RdsSecret {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    // JSON.parse's own message quotes the input: drop it, it is the secret.
    throw new Error(`secret ${secretId} is not JSON`)
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new Error(`secret ${secretId} is not a JSON object`)
  const secret: Partial<RdsSecret> = { ...definedOnly(fallback), ...(parsed as Partial<RdsSecret>) }
  for (const field of ['username', 'password', 'host'] as const) {
    if (typeof secret[field] !== 'string' || secret[field] === '') {
      const hint = field === 'host' ? '; set DATABASE_HOST for an RDS-managed secret' : ''
      throw new Error(`secret ${secretId} has no ${field} (expected the RDS JSON shape${hint})`)
    }
  }
  return secret as RdsSecret
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
