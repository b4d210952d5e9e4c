import type { City } from './places.js';
import type { Gender, PersonName } from './names.js';
import { DemoRandom, SeenKeys, Weighted } from './random.js';

/**
 * Phones, e-mail addresses and NIK. Each is unique across one generated data
 * set (tracked in SeenKeys), so demo data never trips a uniqueness rule and
 * a search for one number finds one customer.
 */

// Mobile prefixes with the total lengths numbers there really have, weighted by market share.
const MOBILE_PREFIXES = new Weighted<readonly [string, readonly number[]]>([
  // Telkomsel (about half the market)
  [['0811', [10, 11, 12]], 3], [['0812', [11, 12, 12]], 14], [['0813', [11, 12, 12]], 11],
  [['0821', [12]], 8], [['0822', [12]], 8], [['0823', [12]], 5], [['0852', [11, 12]], 5], [['0853', [12]], 4],
  // Indosat Ooredoo
  [['0814', [11, 12]], 1], [['0815', [11, 12]], 2], [['0816', [11, 12]], 1],
  [['0855', [11, 12]], 1], [['0856', [11, 12]], 4], [['0857', [11, 12]], 5], [['0858', [12]], 2],
  // XL Axiata
  [['0817', [11, 12]], 3], [['0818', [11, 12]], 2], [['0819', [11, 12]], 3], [['0859', [12]], 2],
  [['0877', [12]], 4], [['0878', [12]], 4],
  // Tri (3)
  [['0895', [12, 13]], 2], [['0896', [12, 13]], 3], [['0897', [12, 13]], 1], [['0898', [12, 13]], 2], [['0899', [12, 13]], 2],
  // Smartfren
  [['0881', [12, 13]], 1], [['0882', [12, 13]], 1], [['0883', [12]], 0.5], [['0884', [12]], 0.3], [['0885', [12, 13]], 0.3],
  [['0886', [12]], 0.2], [['0887', [12, 13]], 0.7], [['0888', [12, 13]], 0.7], [['0889', [12, 13]], 0.5],
]);

/** How a clerk types a national number "0812 3456 7890": the many real forms. */
function typed(rng: DemoRandom, national: string, areaCodeLength: number | null): string {
  const r = rng.next();
  const rest = national.slice(1);
  if (areaCodeLength !== null) {
    const area = national.slice(0, areaCodeLength);
    const local = national.slice(areaCodeLength);
    if (r < 0.45) return `(${area}) ${local}`;
    if (r < 0.75) return `${area}-${local}`;
    if (r < 0.9) return national;
    return `+62 ${area.slice(1)} ${local}`;
  }
  if (r < 0.4) return national;
  if (r < 0.7) return `${national.slice(0, 4)}-${national.slice(4, 8)}-${national.slice(8)}`;
  if (r < 0.8) return `${national.slice(0, 4)} ${national.slice(4, 8)} ${national.slice(8)}`;
  if (r < 0.9) return `+62 ${rest.slice(0, 3)}-${rest.slice(3, 7)}-${rest.slice(7)}`;
  if (r < 0.96) return `62${rest}`;
  return rest;
}

export interface DemoPhone {
  number: string;
  label: 'mobile' | 'home' | 'work' | 'other';
  whatsapp: boolean;
  verified: boolean;
  invalid: boolean;
}

export class ContactFactory {
  private readonly phones = new SeenKeys();
  private readonly emails = new SeenKeys();
  private readonly niks = new SeenKeys();

  constructor(private readonly rng: DemoRandom) {}

  mobile(): DemoPhone {
    const rng = this.rng;
    let national = '';
    do {
      const [prefix, lengths] = MOBILE_PREFIXES.pick(rng);
      // The first subscriber digit is never 0 in practice.
      national = prefix + rng.int(1, 9) + rng.digits(rng.pick(lengths) - prefix.length - 1);
    } while (!this.phones.add(national));
    return {
      number: typed(rng, national, null),
      label: 'mobile',
      // Most Indonesians reach each other on WhatsApp.
      whatsapp: rng.chance(0.85),
      verified: rng.chance(0.35),
      invalid: rng.chance(0.02),
    };
  }

  landline(city: City, label: 'home' | 'work'): DemoPhone {
    const rng = this.rng;
    let national = '';
    do {
      const digits = rng.pick(city.localDigits);
      national = city.areaCode + rng.int(2, 8) + rng.digits(digits - 1);
    } while (!this.phones.add(national));
    return { number: typed(rng, national, city.areaCode.length), label, whatsapp: false, verified: rng.chance(0.2), invalid: rng.chance(0.05) };
  }

  email(name: PersonName, birthYear: number | null): string {
    const rng = this.rng;
    const parts = [...name.given, ...(name.family ? [name.family] : [])]
      .map(asciiLower)
      .filter((p) => p.length > 0);
    const first = parts[0] || 'pelanggan';
    const last = parts.length > 1 ? parts[parts.length - 1] : '';
    const yy = birthYear === null ? String(rng.int(10, 99)) : String(birthYear).slice(2);
    const r = rng.next();
    let local: string;
    if (!last) local = r < 0.5 ? `${first}${yy}` : `${first}${rng.int(1, 999)}`;
    else if (r < 0.3) local = `${first}.${last}`;
    else if (r < 0.45) local = `${first}${last}`;
    else if (r < 0.55) local = `${first}_${last}`;
    else if (r < 0.7) local = `${first}${yy}`;
    else if (r < 0.8) local = `${first[0]}${last}`;
    else if (r < 0.9) local = `${first}.${last}${yy}`;
    else local = `${first}${rng.int(1, 9999)}`;
    const domain = PROVIDERS.pick(rng);
    let address = `${local}@${domain}`;
    // Real people add digits when their name is taken.
    while (!this.emails.add(address)) address = `${local}${rng.int(1, 9999)}@${domain}`;
    return address;
  }

  /**
   * NIK: 6-digit region code of the city (province, regency, district), DDMMYY
   * of birth with 40 added to the day for women, then a 4-digit serial.
   */
  nik(city: City, birthDate: string, gender: Gender): string {
    const rng = this.rng;
    const [y, m, d] = birthDate.split('-');
    const day = Number(d) + (gender === 'female' ? 40 : 0);
    const dates = `${String(day).padStart(2, '0')}${m}${y.slice(2)}`;
    let nik = '';
    do {
      const district = String(rng.int(1, city.districts)).padStart(2, '0');
      nik = `${city.regionCode}${district}${dates}${String(rng.int(1, 9999)).padStart(4, '0')}`;
    } while (!this.niks.add(nik));
    return nik;
  }
}

const PROVIDERS = new Weighted([
  ['gmail.com', 70], ['yahoo.com', 9], ['yahoo.co.id', 6], ['ymail.com', 1], ['hotmail.com', 2],
  ['outlook.com', 2], ['icloud.com', 1.5], ['live.com', 0.5], ['rocketmail.com', 0.3],
  ['telkom.net', 0.3], ['plasa.com', 0.2], ['mail.com', 0.2],
] as const);

function asciiLower(word: string): string {
  return word
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
