import type { AppConfig } from '../config/config.ts';

/** Replaces a secret wherever it appears. */
export const REDACTED_SECRET = '[redacted]';
/** Shorter values are not scrubbed by value (they would blank ordinary words); their fields still are, by name. */
export const MIN_REDACTED_SECRET_LENGTH = 6;

/** The configured secrets: provider keys, Supabase service key, webhook secret, admin password, URL passwords. */
export function secretValuesOf(config: Partial<AppConfig>): string[] {
  const values = [
    config.OPENROUTER_API_KEY,
    config.OPENAI_API_KEY,
    config.COHERE_API_KEY,
    config.SUPABASE_SERVICE_KEY,
    config.ESCALATION_WEBHOOK_SECRET,
    config.ADMIN_PASSWORD,
    passwordOfUrl(config.DATABASE_URL),
    passwordOfUrl(config.REDIS_URL),
  ];
  return values.filter((value): value is string => typeof value === 'string');
}

function passwordOfUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Scrubs secret VALUES from any text (a log line, an error text stored in the queue): a provider
 * error body that echoes the API key, a connection string in a driver's message. Each secret is
 * also looked for in its JSON-escaped and percent-encoded forms, longest first.
 */
export class SecretRedactor {
  private readonly needles: string[];

  constructor(secrets: readonly string[]) {
    const forms = new Set<string>();
    for (const secret of secrets) {
      if (secret.length < MIN_REDACTED_SECRET_LENGTH) continue;
      forms.add(secret);
      forms.add(JSON.stringify(secret).slice(1, -1));
      forms.add(encodeURIComponent(secret));
    }
    this.needles = [...forms].filter((form) => form.length >= MIN_REDACTED_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  }

  get isEmpty(): boolean {
    return this.needles.length === 0;
  }

  redact(text: string): string {
    let result = text;
    for (const needle of this.needles) {
      if (result.includes(needle)) result = result.split(needle).join(REDACTED_SECRET);
    }
    return result;
  }
}
