import { DemoRandom, Weighted } from './random.js';

/** Which mix of ethnic name traditions a city's customers draw from (see names.ts). */
export type NameRegion = 'jabodetabek' | 'sunda' | 'jawa' | 'sumut' | 'minang' | 'sumatera' | 'sulsel' | 'bali' | 'kalimantan' | 'timur';

export interface City {
  name: string;
  province: string;
  /** Population in units of 100k, used as the sampling weight. */
  population: number;
  postal: readonly [number, number];
  /** Landline area code with its trunk 0, and how many local digits numbers there have. */
  areaCode: string;
  localDigits: readonly number[];
  /** Province + regency/city part of the Kemendagri region code (first 4 NIK digits). */
  regionCode: string;
  /** How many districts (kecamatan) the city has: NIK digits 5-6 are 01..districts. */
  districts: number;
  names: NameRegion;
}

const c = (
  name: string, province: string, population: number, postal: [number, number], areaCode: string,
  localDigits: number[], regionCode: string, districts: number, names: NameRegion,
): City => ({ name, province, population, postal, areaCode, localDigits, regionCode, districts, names });

// Jakarta numbers have 8 local digits (a few old 7); other big cities 7 (some 8); smaller ones 6-7.
const J = [8, 8, 8, 7];
const BIG = [7, 7, 7, 8];
const SMALL = [6, 6, 7];

export const CITIES: readonly City[] = [
  c('Jakarta Pusat', 'DKI Jakarta', 11, [10110, 10730], '021', J, '3171', 8, 'jabodetabek'),
  c('Jakarta Utara', 'DKI Jakarta', 18, [14110, 14470], '021', J, '3172', 6, 'jabodetabek'),
  c('Jakarta Barat', 'DKI Jakarta', 25, [11110, 11850], '021', J, '3173', 8, 'jabodetabek'),
  c('Jakarta Selatan', 'DKI Jakarta', 23, [12110, 12960], '021', J, '3174', 10, 'jabodetabek'),
  c('Jakarta Timur', 'DKI Jakarta', 30, [13110, 13960], '021', J, '3175', 10, 'jabodetabek'),
  c('Bekasi', 'Jawa Barat', 25, [17111, 17158], '021', J, '3275', 12, 'jabodetabek'),
  c('Depok', 'Jawa Barat', 20, [16411, 16518], '021', J, '3276', 11, 'jabodetabek'),
  c('Bogor', 'Jawa Barat', 11, [16111, 16168], '0251', SMALL, '3271', 6, 'sunda'),
  c('Tangerang', 'Banten', 19, [15111, 15158], '021', J, '3671', 13, 'jabodetabek'),
  c('Tangerang Selatan', 'Banten', 14, [15310, 15419], '021', J, '3674', 7, 'jabodetabek'),
  c('Bandung', 'Jawa Barat', 25, [40111, 40295], '022', BIG, '3273', 30, 'sunda'),
  c('Cimahi', 'Jawa Barat', 6, [40511, 40533], '022', BIG, '3277', 3, 'sunda'),
  c('Cirebon', 'Jawa Barat', 3, [45111, 45146], '0231', SMALL, '3274', 5, 'sunda'),
  c('Tasikmalaya', 'Jawa Barat', 7, [46111, 46196], '0265', SMALL, '3278', 10, 'sunda'),
  c('Semarang', 'Jawa Tengah', 17, [50111, 50277], '024', BIG, '3374', 16, 'jawa'),
  c('Surakarta', 'Jawa Tengah', 5, [57111, 57149], '0271', SMALL, '3372', 5, 'jawa'),
  c('Tegal', 'Jawa Tengah', 3, [52111, 52137], '0283', SMALL, '3376', 4, 'jawa'),
  c('Purwokerto', 'Jawa Tengah', 6, [53111, 53149], '0281', SMALL, '3302', 27, 'jawa'),
  c('Yogyakarta', 'DI Yogyakarta', 4, [55111, 55225], '0274', SMALL, '3471', 14, 'jawa'),
  c('Sleman', 'DI Yogyakarta', 11, [55511, 55584], '0274', SMALL, '3404', 17, 'jawa'),
  c('Surabaya', 'Jawa Timur', 29, [60111, 60299], '031', BIG, '3578', 31, 'jawa'),
  c('Sidoarjo', 'Jawa Timur', 20, [61211, 61274], '031', BIG, '3515', 18, 'jawa'),
  c('Malang', 'Jawa Timur', 8.5, [65111, 65148], '0341', SMALL, '3573', 5, 'jawa'),
  c('Kediri', 'Jawa Timur', 3, [64111, 64139], '0354', SMALL, '3571', 3, 'jawa'),
  c('Jember', 'Jawa Timur', 25, [68111, 68194], '0331', SMALL, '3509', 31, 'jawa'),
  c('Denpasar', 'Bali', 7, [80111, 80239], '0361', SMALL, '5171', 4, 'bali'),
  c('Medan', 'Sumatera Utara', 24, [20111, 20371], '061', BIG, '1271', 21, 'sumut'),
  c('Pematangsiantar', 'Sumatera Utara', 2.7, [21111, 21151], '0622', SMALL, '1272', 8, 'sumut'),
  c('Palembang', 'Sumatera Selatan', 17, [30111, 30169], '0711', SMALL, '1671', 18, 'sumatera'),
  c('Padang', 'Sumatera Barat', 9, [25111, 25176], '0751', SMALL, '1371', 11, 'minang'),
  c('Bukittinggi', 'Sumatera Barat', 1.2, [26111, 26138], '0752', SMALL, '1375', 3, 'minang'),
  c('Pekanbaru', 'Riau', 10, [28111, 28294], '0761', SMALL, '1471', 15, 'sumatera'),
  c('Batam', 'Kepulauan Riau', 12, [29411, 29466], '0778', SMALL, '2171', 12, 'sumatera'),
  c('Bandar Lampung', 'Lampung', 11, [35111, 35158], '0721', SMALL, '1871', 20, 'sumatera'),
  c('Jambi', 'Jambi', 6, [36111, 36139], '0741', SMALL, '1571', 11, 'sumatera'),
  c('Banda Aceh', 'Aceh', 2.5, [23111, 23128], '0651', SMALL, '1171', 9, 'sumatera'),
  c('Pontianak', 'Kalimantan Barat', 6.6, [78111, 78244], '0561', SMALL, '6171', 6, 'kalimantan'),
  c('Banjarmasin', 'Kalimantan Selatan', 6.6, [70111, 70249], '0511', SMALL, '6371', 5, 'kalimantan'),
  c('Balikpapan', 'Kalimantan Timur', 7, [76111, 76136], '0542', SMALL, '6471', 6, 'kalimantan'),
  c('Samarinda', 'Kalimantan Timur', 8.3, [75111, 75251], '0541', SMALL, '6472', 10, 'kalimantan'),
  c('Makassar', 'Sulawesi Selatan', 14.5, [90111, 90245], '0411', SMALL, '7371', 15, 'sulsel'),
  c('Parepare', 'Sulawesi Selatan', 1.5, [91111, 91133], '0421', SMALL, '7372', 4, 'sulsel'),
  c('Manado', 'Sulawesi Utara', 4.5, [95111, 95259], '0431', SMALL, '7171', 11, 'timur'),
  c('Palu', 'Sulawesi Tengah', 3.7, [94111, 94239], '0451', SMALL, '7271', 8, 'sulsel'),
  c('Kendari', 'Sulawesi Tenggara', 3.5, [93111, 93231], '0401', SMALL, '7471', 11, 'sulsel'),
  c('Mataram', 'Nusa Tenggara Barat', 4.3, [83111, 83127], '0370', SMALL, '5271', 6, 'jawa'),
  c('Kupang', 'Nusa Tenggara Timur', 4.4, [85111, 85361], '0380', SMALL, '5371', 6, 'timur'),
  c('Ambon', 'Maluku', 3.5, [97111, 97234], '0911', SMALL, '8171', 5, 'timur'),
  c('Jayapura', 'Papua', 4, [99111, 99225], '0967', SMALL, '9171', 5, 'timur'),
];

const cityByPopulation = new Weighted(CITIES.map((city) => [city, city.population] as const));

export function pickCity(rng: DemoRandom): City {
  return cityByPopulation.pick(rng);
}

export function postalCode(rng: DemoRandom, city: City): string {
  return String(rng.int(city.postal[0], city.postal[1]));
}

// Streets are mostly named after national heroes, flowers, fruit and trees.
const STREETS = [
  'Jend. Sudirman', 'M.H. Thamrin', 'Gatot Subroto', 'Diponegoro', 'Ahmad Yani', 'Imam Bonjol', 'Pemuda',
  'Merdeka', 'Veteran', 'Pahlawan', 'Kartini', 'Sultan Hasanuddin', 'Sisingamangaraja', 'Teuku Umar',
  'Cut Nyak Dien', 'Pattimura', 'Gajah Mada', 'Hayam Wuruk', 'Dr. Sutomo', 'Pangeran Antasari',
  'Ki Hajar Dewantara', 'Juanda', 'Siliwangi', 'Sam Ratulangi', 'Wolter Monginsidi', 'Kapten Tendean',
  'Raya Bogor', 'Raya Pasar Minggu', 'Raya Kalimalang', 'Margonda Raya', 'Cendrawasih', 'Rajawali',
  'Merpati', 'Kenari', 'Melati', 'Mawar', 'Kenanga', 'Anggrek', 'Flamboyan', 'Cempaka', 'Dahlia',
  'Teratai', 'Mangga', 'Rambutan', 'Durian', 'Nangka', 'Salak', 'Jambu', 'Beringin', 'Cemara', 'Jati',
  'Mahoni', 'Kelapa Gading', 'Cikini Raya', 'Kebon Jeruk', 'Pramuka', 'Proklamasi', 'Sukajadi', 'Dago',
  'Pandanaran', 'Malioboro', 'Kaliurang', 'Darmo', 'Basuki Rahmat', 'Ahmad Dahlan', 'K.H. Agus Salim',
];
const HOUSING = ['Perumahan Griya Asri', 'Komplek Taman Sari', 'Perum Bumi Indah', 'Komplek Permata Hijau', 'Perumahan Villa Mutiara', 'Komplek Harapan Indah', 'Perum Pondok Permai', 'Cluster Green Garden'];

/** An address line as clerks write it: street, number, RT/RW; or a housing estate block. */
export function addressLine(rng: DemoRandom, fakerStreet: () => string): string {
  const rtRw = `RT ${String(rng.int(1, 15)).padStart(3, '0')}/RW ${String(rng.int(1, 12)).padStart(3, '0')}`;
  const r = rng.next();
  if (r < 0.6) return `Jl. ${rng.pick(STREETS)} No. ${rng.int(1, 250)} ${rtRw}`;
  if (r < 0.75) return `${rng.pick(HOUSING)} Blok ${String.fromCharCode(65 + rng.int(0, 7))}${rng.int(1, 20)} No. ${rng.int(1, 40)}`;
  if (r < 0.85) return `Gg. ${rng.pick(STREETS)} ${['I', 'II', 'III', 'IV', 'V'][rng.int(0, 4)]} No. ${rng.int(1, 60)} ${rtRw}`;
  // faker's id_ID streets ("Jln. Thamrin no 74") add variety in how lines are typed.
  return fakerStreet();
}
