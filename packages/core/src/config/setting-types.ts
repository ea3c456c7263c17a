import { isIP } from 'node:net';
import { z } from 'zod';
import { parseChatPrice, parseChatPriceTable } from './chat-price-settings.ts';
import { isIanaTimeZone } from './time-zone.ts';

/** The kinds of settings the configuration schema is made of (config.ts). */

/** Parses "true/false/1/0/yes/no/on/off" explicitly (z.coerce.boolean turns "false" into true). */
export const booleanFromEnv = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', ''])
    .optional()
    .transform((value) => {
      if (value === undefined || value === '') return defaultValue;
      return ['true', '1', 'yes', 'on'].includes(value);
    });

export const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

export const integer = (defaultValue: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(defaultValue);

export const decimal = (defaultValue: number, min: number, max: number) =>
  z.coerce.number().min(min).max(max).default(defaultValue);

/** An IANA time zone name (`Europe/Paris`, `UTC`), with a default: an unknown zone or an offset is refused at start. */
export const timeZone = (defaultValue: string) =>
  z
    .string()
    .trim()
    .default(defaultValue)
    .refine(isIanaTimeZone, { message: 'doit être un fuseau horaire IANA, par exemple Europe/Paris ou UTC' });

/** A URL whose scheme is one of `protocols` ("redis:", "https:"...), when set. */
const isUrlOf = (value: string, protocols: readonly string[]): boolean => {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

const urlMessage = (protocols: readonly string[]) => ({ message: `doit être une URL ${protocols.map((protocol) => `${protocol}//…`).join(' ou ')}` });

/** An optional URL of one of these schemes: a typo ("notaurl", "redis//host") is refused at start, not met at first use. */
export const optionalUrl = (protocols: readonly string[]) =>
  optionalString.refine((value) => value === undefined || isUrlOf(value, protocols), urlMessage(protocols));

/** A URL of one of these schemes, with a default. */
export const url = (defaultValue: string, protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .default(defaultValue)
    .refine((value) => isUrlOf(value, protocols), urlMessage(protocols));

/** An origin as a browser sends it ("https://www.example.fr", a trailing slash tolerated), or "*". */
const isOrigin = (value: string): boolean => {
  if (value === '*') return true;
  try {
    const parsed = new URL(value);
    return parsed.origin !== 'null' && value.replace(/\/$/, '').toLowerCase() === parsed.origin.toLowerCase();
  } catch {
    return false;
  }
};

/** Comma-separated origins: each must be "scheme://host[:port]" (a host alone never matches a browser's Origin). */
export const originList = z
  .string()
  .default('')
  .refine(
    (value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
        .every(isOrigin),
    { message: 'chaque origine doit s’écrire schéma://hôte[:port] (ex. https://www.example.fr), ou * pour toutes' },
  );

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
/** An address or a CIDR block ("10.0.0.0/8", "fd00::/8"). */
const isAddressOrBlock = (value: string): boolean => {
  const [address, prefix, ...rest] = value.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

/** Express's "trust proxy": true/false, a hop count, or a comma list of loopback/linklocal/uniquelocal, addresses and CIDR blocks. */
export const optionalTrustProxy = optionalString.refine(
  (value) =>
    value === undefined ||
    value === 'true' ||
    value === 'false' ||
    /^\d+$/.test(value) ||
    value.split(',').every((item) => PROXY_NAMES.has(item.trim()) || isAddressOrBlock(item.trim())),
  { message: 'attendu : true, false, un nombre de proxys, ou une liste de loopback, linklocal, uniquelocal, adresses IP et blocs CIDR' },
);

/** Whether `read` accepts the value (it throws otherwise). */
const reads = (read: (value: string) => unknown) => (value: string): boolean => {
  try {
    read(value);
    return true;
  } catch {
    return false;
  }
};

/** `input/output` in USD per million tokens (chat-price-settings.ts). */
export const pricePair = (defaultValue: string) =>
  z
    .string()
    .default(defaultValue)
    .refine(reads((value) => parseChatPrice(value, 'CHAT_DEFAULT_PRICE_USD_PER_MTOK')), { message: 'attendu : entrée/sortie en USD par million de jetons, ex. 3/15' });

/** `model=input/output,...` in USD per million tokens (chat-price-settings.ts). */
export const priceTable = (defaultValue: string) =>
  z
    .string()
    .default(defaultValue)
    .refine(reads(parseChatPriceTable), { message: 'attendu : modèle=entrée/sortie séparés par des virgules, ex. openai/gpt-4o-mini=0.15/0.6' });
