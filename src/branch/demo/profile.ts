import type { CustomerCreate } from '../../shared/domain/customer.js';
import type { Tradition } from './names.js';
import type { PurchaseSegment } from './purchases.js';
import { DemoRandom, Weighted } from './random.js';

/**
 * The "know your customer" notes of REQUIREMENTS C1: hobbies, likes and
 * dislikes, ambitions, shopping habits and how they like to be reached.
 * Clerks collect these one question at a time, so most customers have few
 * or none of them.
 */

type Profile = Pick<CustomerCreate, 'hobbies' | 'likes' | 'dislikes' | 'ambitions' | 'shoppingHabits' | 'preferredChannel' | 'preferredContactTime' | 'preferredLanguage'>;

const HOBBIES = new Weighted([
  ['Memasak', 8], ['Sepak bola', 6], ['Bulu tangkis', 6], ['Jalan-jalan', 7], ['Membaca', 4], ['Karaoke', 4],
  ['Memancing', 4], ['Berkebun', 3], ['Bersepeda', 4], ['Futsal', 3], ['Menonton film', 6], ['Musik', 4],
  ['Kuliner', 5], ['Fotografi', 2], ['Menjahit', 2], ['Main game', 3], ['Senam', 2], ['Lari', 2], ['Yoga', 1],
  ['Otomotif', 2], ['Burung kicau', 1.5], ['Ikan hias', 1], ['Tanaman hias', 2], ['Pengajian', 2], ['Paduan suara', 0.5],
] as const);

const LIKES = ['Suka promo cashback', 'Suka produk lokal', 'Suka dilayani staf yang sama', 'Suka belanja akhir pekan', 'Suka produk baru', 'Suka hadiah ulang tahun'];
const DISLIKES = ['Tidak suka ditelepon saat jam kerja', 'Tidak suka antre lama', 'Tidak suka SMS promosi', 'Tidak suka dihubungi malam hari', 'Tidak suka barang pengganti'];
const AMBITIONS = ['Ingin membuka usaha sendiri', 'Menabung untuk naik haji', 'Ingin menyekolahkan anak ke luar negeri', 'Ingin punya rumah sendiri', 'Ingin pensiun di kampung halaman'];
const CONTACT_TIMES = ['Pagi (08.00-11.00)', 'Siang (11.00-14.00)', 'Sore (15.00-18.00)', 'Malam (19.00-21.00)', 'Akhir pekan'];

const HABITS: Record<PurchaseSegment, string[]> = {
  prospect: ['Masih membandingkan harga', 'Tanya-tanya dulu lewat WhatsApp'],
  once: ['Belanja menjelang Lebaran', 'Membeli saat ada promo', 'Belanja akhir tahun'],
  twice: ['Belanja menjelang Lebaran dan akhir tahun', 'Membeli saat gajian'],
  regular: ['Belanja bulanan awal bulan', 'Datang bersama keluarga akhir pekan'],
  frequent: ['Belanja rutin setiap minggu', 'Pesan lewat WhatsApp lalu diambil'],
};

function language(rng: DemoRandom, tradition: Tradition): string {
  if (tradition === 'jawa' && rng.chance(0.25)) return 'Bahasa Jawa';
  if (tradition === 'sunda' && rng.chance(0.25)) return 'Bahasa Sunda';
  if (tradition === 'tionghoa' && rng.chance(0.1)) return 'English';
  return 'Bahasa Indonesia';
}

export function demoProfile(
  rng: DemoRandom,
  person: { tradition: Tradition; segment: PurchaseSegment; hasMobile: boolean; hasEmail: boolean },
): Profile {
  const profile: Profile = {};
  if (rng.chance(0.35)) {
    const hobbies = new Set<string>();
    const n = rng.int(1, 3);
    for (let i = 0; i < n; i++) hobbies.add(HOBBIES.pick(rng));
    profile.hobbies = [...hobbies];
  }
  if (rng.chance(0.08)) profile.likes = rng.pick(LIKES);
  if (rng.chance(0.05)) profile.dislikes = rng.pick(DISLIKES);
  if (rng.chance(0.03)) profile.ambitions = rng.pick(AMBITIONS);
  if (rng.chance(0.1)) profile.shoppingHabits = rng.pick(HABITS[person.segment]);
  if (rng.chance(0.5)) {
    const r = rng.next();
    if (person.hasMobile && r < 0.65) profile.preferredChannel = 'whatsapp';
    else if (person.hasMobile && r < 0.8) profile.preferredChannel = 'phone';
    else if (person.hasMobile && r < 0.85) profile.preferredChannel = 'sms';
    else if (person.hasEmail && r < 0.93) profile.preferredChannel = 'email';
    else profile.preferredChannel = 'visit';
  }
  if (rng.chance(0.25)) profile.preferredContactTime = rng.pick(CONTACT_TIMES);
  if (rng.chance(0.3)) profile.preferredLanguage = language(rng, person.tradition);
  return profile;
}
