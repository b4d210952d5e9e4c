import { Faker, base, en, id_ID } from '@faker-js/faker';
import type { CustomerCreate } from '../../shared/domain/customer.js';
import type { BranchTimeZone } from '../../shared/domain/dates.js';
import { ContactFactory, type DemoPhone } from './contacts.js';
import { personName, pickTradition, withTitles, nickname, type Gender } from './names.js';
import { addressLine, pickCity, postalCode } from './places.js';
import { demoProfile } from './profile.js';
import { fitRates, PurchaseCalendar, simulatePurchases, type DemoPurchase, type PurchaseRates, type PurchaseSegment } from './purchases.js';
import { DemoRandom, Weighted } from './random.js';

/** Bump when the generated data changes, so cached benchmark databases are rebuilt. */
export const GENERATOR_VERSION = 3;

export interface DemoOptions {
  customers: number;
  /** About this many transactions in total; default 5 per customer. 0 generates none. */
  transactions?: number;
  seed?: number;
  /** End of the three-year purchase window and the day ages are counted on. Default: now. */
  now?: Date | string;
  /** The branch's zone: sales happen in its shop hours. */
  timeZone?: BranchTimeZone;
}

export interface DemoCustomer {
  /** 0-based position in the generated stream. */
  index: number;
  input: CustomerCreate;
  segment: PurchaseSegment;
  purchases: DemoPurchase[];
}

const OCCUPATIONS = new Weighted<readonly [string, (age: number, gender: Gender | null) => boolean]>([
  [['Karyawan Swasta', (a) => a >= 18 && a < 60], 28],
  [['Wiraswasta', (a) => a >= 20], 20],
  [['Ibu Rumah Tangga', (a, g) => g === 'female' && a >= 20], 12],
  [['Pelajar/Mahasiswa', (a) => a < 25], 7],
  [['Pedagang', (a) => a >= 20], 6],
  [['PNS', (a) => a >= 22 && a < 60], 5],
  [['Buruh', (a) => a < 60], 4],
  [['Petani', (a) => a >= 20], 3],
  [['Guru', (a) => a >= 22 && a < 62], 3],
  [['Pensiunan', (a) => a >= 56], 4],
  [['Karyawan BUMN', (a) => a >= 22 && a < 57], 2],
  [['Sopir', (a, g) => g === 'male' && a >= 20], 1.5],
  [['Pengemudi Ojek Online', (a) => a >= 18 && a < 60], 1.5],
  [['Perawat', (a) => a >= 21 && a < 60], 1],
  [['Honorer', (a) => a >= 20 && a < 58], 0.8],
  [['Freelancer', (a) => a < 50], 0.8],
  [['TNI', (a, g) => g === 'male' && a >= 18 && a < 58], 0.8],
  [['Polri', (a) => a >= 18 && a < 58], 0.8],
  [['Dokter', (a) => a >= 25], 0.6],
  [['Akuntan', (a) => a >= 22], 0.6],
  [['Programmer', (a) => a >= 20 && a < 55], 0.5],
  [['Montir', (a, g) => g === 'male' && a >= 18], 0.5],
  [['Nelayan', (a, g) => g === 'male' && a >= 18], 0.5],
  [['Bidan', (a, g) => g === 'female' && a >= 21], 0.4],
  [['Dosen', (a) => a >= 27], 0.4],
  [['Penjahit', (a) => a >= 20], 0.4],
  [['Apoteker', (a) => a >= 23], 0.3],
  [['Arsitek', (a) => a >= 24], 0.2],
  [['Notaris', (a) => a >= 28], 0.1],
]);

const NOTES = [
  'Lebih suka dihubungi lewat WhatsApp.', 'Jangan telepon sebelum jam 10 pagi.', 'Minta faktur pajak setiap pembelian.',
  'Pelanggan sejak toko lama di pasar.', 'Biasanya datang bersama keluarga akhir pekan.', 'Tertarik program cicilan 0%.',
  'Pernah komplain soal pengiriman, sudah selesai.', 'Suka produk baru, kabari kalau ada stok masuk.',
];

export class DemoGenerator {
  private readonly rng: DemoRandom;
  private readonly faker: Faker;
  private readonly contacts: ContactFactory;
  private readonly calendar: PurchaseCalendar;
  private readonly rates: PurchaseRates;
  private readonly nowMs: number;
  private readonly keepPurchases: boolean;
  private readonly transactionCap: number;
  private emitted = 0;
  private index = 0;

  constructor(readonly options: DemoOptions) {
    const seed = options.seed ?? 1;
    this.rng = new DemoRandom(seed);
    // faker draws from the same seeded stream, so its choices are reproducible too.
    const rng = this.rng;
    this.faker = new Faker({ locale: [id_ID, en, base], randomizer: { next: () => rng.next(), seed: (s) => rng.seed(s) } });
    this.faker.seed(seed);
    this.contacts = new ContactFactory(this.rng);
    const now = options.now === undefined ? new Date() : new Date(options.now);
    this.nowMs = now.getTime();
    this.calendar = new PurchaseCalendar(now, options.timeZone ?? 'WIB');
    const target = options.transactions ?? options.customers * 5;
    this.keepPurchases = target > 0;
    this.transactionCap = target;
    this.rates = fitRates(this.calendar, options.customers > 0 ? (target > 0 ? target : options.customers * 5) / options.customers : 0, seed);
  }

  /** Customers generated so far. */
  get generated(): number {
    return this.index;
  }

  /** Transactions handed out so far. */
  get transactions(): number {
    return this.emitted;
  }

  next(): DemoCustomer {
    const rng = this.rng;
    const city = pickCity(rng);
    const tradition = pickTradition(rng, city.names);
    const gender: Gender = rng.chance(0.52) ? 'female' : 'male';
    const age = this.age();
    const occupation = rng.chance(0.85) ? this.occupation(age, gender) : null;
    const name = personName(rng, this.faker, tradition, gender);
    const fullName = withTitles(rng, name, { gender, age, tradition, occupation });
    const birthDate = rng.chance(0.85) ? this.birthDate(age) : null;
    const recordedGender = rng.chance(0.95) ? gender : null;
    const nik = birthDate && recordedGender && rng.chance(0.55) ? this.contacts.nik(city, birthDate, gender) : null;

    const phones: DemoPhone[] = [];
    if (rng.chance(0.96)) phones.push(this.contacts.mobile());
    if (rng.chance(0.15)) phones.push(this.contacts.mobile());
    if (rng.chance(age > 45 ? 0.15 : 0.05)) phones.push(this.contacts.landline(city, 'home'));
    if (rng.chance(0.03)) phones.push(this.contacts.landline(city, 'work'));
    const emails: CustomerCreate['emails'] = [];
    if (rng.chance(age < 45 ? 0.55 : 0.3)) {
      const birthYear = birthDate ? Number(birthDate.slice(0, 4)) : null;
      emails.push({ address: this.contacts.email(name, birthYear), verified: rng.chance(0.3), invalid: rng.chance(0.03) });
      if (rng.chance(0.08)) emails.push({ address: this.contacts.email(name, null), verified: false, invalid: false });
    }
    const hasAddress = rng.chance(0.8);
    const address = hasAddress
      ? {
          line: rng.chance(0.75) ? addressLine(rng, () => this.faker.location.streetAddress()) : null,
          city: city.name,
          province: city.province,
          postalCode: rng.chance(0.6) ? postalCode(rng, city) : null,
        }
      : undefined;

    // With no transactions wanted, buying is still simulated so lifecycle stages look real.
    const simulated = simulatePurchases(rng, this.calendar, this.rates, this.keepPurchases ? this.transactionCap - this.emitted : Infinity);
    const purchases = this.keepPurchases ? simulated.purchases : [];
    this.emitted += purchases.length;

    const input: CustomerCreate = {
      fullName,
      nickname: nickname(rng, name),
      nik,
      birthDate,
      gender: recordedGender,
      occupation,
      address,
      phones,
      emails,
      tags: this.tags(simulated.segment, phones),
      lifecycleStage: simulated.lifecycle,
      notes: rng.chance(0.05) ? rng.pick(NOTES) : null,
      ...demoProfile(rng, { tradition, segment: simulated.segment, hasMobile: phones.some((p) => p.label === 'mobile'), hasEmail: emails.length > 0 }),
    };
    return { index: this.index++, input, segment: simulated.segment, purchases };
  }

  /** Up to `size` customers at a time; only one batch is ever held. */
  *batches(size: number): Generator<DemoCustomer[]> {
    while (this.index < this.options.customers) {
      const n = Math.min(size, this.options.customers - this.index);
      const batch = new Array<DemoCustomer>(n);
      for (let i = 0; i < n; i++) batch[i] = this.next();
      yield batch;
    }
  }

  /** Adult customers 17-80, most between 25 and 55. */
  private age(): number {
    for (;;) {
      const a = Math.floor(this.rng.normal(39, 13));
      if (a >= 17 && a <= 80) return a;
    }
  }

  private birthDate(age: number): string {
    // A random day within the year in which the person is `age` years old.
    const birth = new Date(this.nowMs);
    birth.setUTCFullYear(birth.getUTCFullYear() - age - 1);
    birth.setUTCDate(birth.getUTCDate() + 1 + this.rng.int(0, 364));
    return birth.toISOString().slice(0, 10);
  }

  private occupation(age: number, gender: Gender): string | null {
    for (let attempt = 0; attempt < 20; attempt++) {
      const [name, fits] = OCCUPATIONS.pick(this.rng);
      if (fits(age, gender)) return name;
    }
    return null;
  }

  private tags(segment: PurchaseSegment, phones: DemoPhone[]): string[] {
    const rng = this.rng;
    const tags: string[] = [];
    if (segment === 'frequent' && rng.chance(0.5)) tags.push('VIP');
    if ((segment === 'frequent' || segment === 'regular') && rng.chance(0.6)) tags.push('Pelanggan Setia');
    if (rng.chance(0.3)) tags.push('Member');
    if (phones.some((p) => p.whatsapp) && rng.chance(0.2)) tags.push('Promo WA');
    if (rng.chance(0.05)) tags.push('Referral');
    if (rng.chance(0.1)) tags.push(rng.chance(0.5) ? 'Online' : 'Walk-in');
    if (rng.chance(0.02)) tags.push('Reseller');
    if (rng.chance(0.01)) tags.push('Korporat');
    return tags;
  }
}

/** The demo customers one by one; deterministic for a seed (and `now`). */
export function* demoCustomers(options: DemoOptions): Generator<DemoCustomer> {
  const generator = new DemoGenerator(options);
  for (let i = 0; i < options.customers; i++) yield generator.next();
}
