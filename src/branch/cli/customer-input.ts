import { readFileSync } from 'node:fs';
import { CliFailure } from './output.js';

/** Options shared by `customer add` and `customer update`. */
export interface CustomerFlags {
  name?: string;
  nickname?: string;
  nik?: string;
  birthDate?: string;
  gender?: string;
  occupation?: string;
  address?: string;
  city?: string;
  province?: string;
  postalCode?: string;
  phone?: string[];
  whatsapp?: string[];
  email?: string[];
  tag?: string[];
  stage?: string;
  notes?: string;
  data?: string;
}

/**
 * Builds contract input from flags, or from --data (a JSON object, or @file).
 * Nothing is validated here: the dispatcher validates with the contract's
 * schema so the CLI, the UI and HTTP give the same messages.
 */
export function customerInputFromFlags(f: CustomerFlags): Record<string, unknown> {
  const base = f.data ? parseData(f.data) : {};
  const out: Record<string, unknown> = { ...base };
  if (f.name !== undefined) out.fullName = f.name;
  if (f.nickname !== undefined) out.nickname = f.nickname;
  if (f.nik !== undefined) out.nik = f.nik;
  if (f.birthDate !== undefined) out.birthDate = f.birthDate;
  if (f.gender !== undefined) out.gender = f.gender;
  if (f.occupation !== undefined) out.occupation = f.occupation;
  if (f.stage !== undefined) out.lifecycleStage = f.stage;
  if (f.notes !== undefined) out.notes = f.notes;
  const address: Record<string, string> = {};
  if (f.address !== undefined) address.line = f.address;
  if (f.city !== undefined) address.city = f.city;
  if (f.province !== undefined) address.province = f.province;
  if (f.postalCode !== undefined) address.postalCode = f.postalCode;
  if (Object.keys(address).length > 0) out.address = address;
  if (f.phone?.length || f.whatsapp?.length) {
    out.phones = [
      ...(f.phone ?? []).map((number) => ({ number })),
      ...(f.whatsapp ?? []).map((number) => ({ number, whatsapp: true })),
    ];
  }
  if (f.email?.length) out.emails = f.email.map((address) => ({ address }));
  if (f.tag?.length) out.tags = f.tag;
  return out;
}

function parseData(data: string): Record<string, unknown> {
  const text = data.startsWith('@') ? readFileSync(data.slice(1), 'utf8') : data;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliFailure('--data is not valid JSON', 2);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliFailure('--data must be a JSON object', 2);
  }
  return value as Record<string, unknown>;
}

export const collect = (value: string, previous: string[] = []) => [...previous, value];
