import type { Faker } from '@faker-js/faker';
import type { NameRegion } from './places.js';
import { DemoRandom, Weighted } from './random.js';

/**
 * Indonesian personal names by tradition. faker's id_ID lists are one source
 * ("umum"); the others are our own, because names follow region and faith:
 * Javanese often carry one name, Batak always a marga, Balinese a birth-order
 * name, Bugis nobility "Andi". Lists are in rough order of frequency; the
 * first entries are picked more often (Zipf-like weights).
 */

export type Gender = 'female' | 'male';
export type Tradition = 'jawa' | 'sunda' | 'batak' | 'minang' | 'bugis' | 'tionghoa' | 'bali' | 'muslim' | 'umum';

const zipf = (words: string) => {
  const list = words.trim().split(/\s+/).map((w) => w.replace(/_/g, ' '));
  return new Weighted(list.map((w, i) => [w, 1 / Math.pow(i + 1, 0.6)] as const));
};

interface NameLists {
  male: Weighted<string>;
  female: Weighted<string>;
  /** Second or family names; for some traditions split by gender. */
  familyMale: Weighted<string>;
  familyFemale: Weighted<string>;
  /** Chance of a single-name person. */
  single: number;
  /** Chance of a second given name before the family name. */
  middle: number;
  /** Muslim majority: may carry "H." / "Hj." after the hajj. */
  hajj: boolean;
}

const JAWA_FAMILY_M = zipf('Santoso Setiawan Prasetyo Wibowo Susanto Hidayat Saputra Kurniawan Nugroho Purnomo Hartono Pratama Hermawan Firmansyah Wijaya Utomo Sutrisno Suryadi Yulianto Riyanto Haryanto Wahyudi Purwanto Sugiarto Darmawan Raharjo Suharto Mulyono Siswanto Budiman Cahyono Kuncoro Widodo Nugraha Sulistyo');
const JAWA_FAMILY_F = zipf('Wahyuni Lestari Rahayu Handayani Astuti Suryani Utami Wulandari Kartika Ningsih Susanti Sulistyowati Purwanti Rahmawati Setyowati Hartati Yuliana Fitriani Anggraini Puspitasari Permatasari Kusumawati Pratiwi Safitri Maharani Novitasari Wijayanti Rahmadani');
const SUNDA_FAMILY_M = zipf('Hidayat Permana Suryana Kusnadi Sumarna Rusmana Suhendar Supriatna Mulyana Saepudin Sopian Hermawan Nugraha Ruhiyat Gunawan Kurnia Sutisna Rukmana Somantri Wiguna Kusumah Setiadi Sudrajat');
const SUNDA_FAMILY_F = zipf('Komariah Hasanah Nurhayati Rohayati Sumiati Rosmiati Kurniasih Maryani Suryati Nurjanah Rahmawati Yulianti Sulastri Herawati Fitriani Anggraeni Juariah Rosita');
const BATAK_MARGA = zipf('Siregar Simanjuntak Nasution Lubis Harahap Sitompul Hutapea Simatupang Situmorang Sinaga Pardede Manurung Sihombing Panjaitan Tampubolon Hutagalung Napitupulu Silalahi Gultom Sitorus Nainggolan Sembiring Ginting Tarigan Pasaribu Hutabarat Purba Damanik Saragih Matondang Sianipar Marpaung Hasibuan Pohan Tambunan Aritonang');
const MINANG_SECOND = zipf('Putra Hidayat Syahputra Fauzi Rahman Efendi Yanto Wardi Nofrizal Hendra Saputra Chaniago Piliang Tanjung Koto Sikumbang Jambak');
const MINANG_SECOND_F = zipf('Yanti Rahmi Wati Sari Fitri Dewi Yusnidar Roza Elvina Nofita Putri Mardiah Syafitri');
const BUGIS_SECOND = zipf('Alam Amir Arifin Hasan Rahman Syam Ramli Ridwan Mappiare Latif Said Yusuf Hamid Tahir Mansyur Jufri Saleh Amiruddin Nurdin Basri');
const BUGIS_SECOND_F = zipf('Nurhaeda Hasnawati Nurlina Hasmiah Rosmiati Sumarni Hasnah Nuraeni Syamsiah Rahmatia Hasriani Nurjannah');
const TIONGHOA_FAMILY = zipf('Wijaya Halim Gunawan Salim Kurniawan Setiawan Hartono Tanoto Tanujaya Santoso Susanto Sutanto Hartanto Widjaja Lukito Tjahjadi Tanzil Kusuma Setiadi Gunadi Lim Tan Liem Ong Oei Kwee Lie Chandra Tanuwijaya Hendrawan Sugianto Wibisono Halim_Kusuma Sanjaya');
const BALI_GIVEN_M = zipf('Sudiarta Suarjana Artawan Budiasa Sukadana Mahendra Wirawan Adnyana Suardana Antara Darmawan Semara Juliantara Suparta Arimbawa Widiantara Sedana Dharma');
const BALI_GIVEN_F = zipf('Ayu_Lestari Sri_Wahyuni Suartini Ariani Sukerti Wiryani Darmayanti Suciati Sumerti Puspawati Dewi_Arimbawa Kartini Ayu_Sintya Ratna_Dewi Widiasih');
const MUSLIM_SECOND_M = zipf('Fauzi Rizki Hidayat Ramadhan Firdaus Hakim Rahman Maulana Iqbal Syahputra Akbar Kurniawan Nugraha Pratama Alfarizi Hamzah Ardiansyah Hasan Ibrahim');
const MUSLIM_SECOND_F = zipf('Hidayah Fitriani Aminah Nurhaliza Azzahra Rahmawati Khairunnisa Maulida Hasanah Salsabila Ramadhani Nuraini Zahra Aulia Safitri Kamila');

const LISTS: Record<Exclude<Tradition, 'bali' | 'umum'>, NameLists> = {
  jawa: {
    male: zipf('Budi Agus Eko Joko Bambang Slamet Heru Hadi Wahyu Dwi Tri Yudi Teguh Sugeng Rudi Arif Andi Adi Bayu Dimas Galih Sigit Bagus Yoga Aji Anton Dedy Hendro Widodo Supriyadi Prabowo Sutrisno Purwanto Bima Wisnu Danang Gilang Fajar Rizky'),
    female: zipf('Sri Siti Dewi Rina Wulan Endang Yuni Ratna Lestari Kartika Puji Ani Tuti Wati Nining Indah Diah Dyah Retno Ayu Putri Anisa Dian Fitri Nur Sari Rini Wahyu Asih Eka Tri Sekar Laras Galuh'),
    familyMale: JAWA_FAMILY_M,
    familyFemale: JAWA_FAMILY_F,
    single: 0.18,
    middle: 0.2,
    hajj: true,
  },
  sunda: {
    male: zipf('Asep Ujang Dedi Cecep Dadang Ade Iwan Yayan Acep Deden Agus Jajang Dodi Ceceng Encep Ruhiyat Aceng Endang Nanang Yusuf Tatang Rahmat Dani Ridwan Ilham Rizal'),
    female: zipf('Euis Neneng Iis Yuyun Enung Lilis Entin Cucu Imas Ai Nining Tati Nia Rina Wida Yanti Dewi Siti Rini Sri Fitri Santi Ratih Elis Cici'),
    familyMale: SUNDA_FAMILY_M,
    familyFemale: SUNDA_FAMILY_F,
    single: 0.08,
    middle: 0.1,
    hajj: true,
  },
  batak: {
    male: zipf('Roy Johannes Maruli Parlindungan Togar Tigor Hotman Martua Sahat Bonar Poltak Horas Daniel Samuel Jonathan Ricky Andreas Rudolf Ferdinand Binsar Marihot Frans Robert Fernando Mangasi'),
    female: zipf('Rosmawati Lamria Mariani Rotua Tiurma Nurhayati Melva Rumondang Rosdiana Tiar Lisbet Dameria Erna Friska Yohana Sartika Christina Rosmaida Delima Rista Maria Ruth'),
    familyMale: BATAK_MARGA,
    familyFemale: BATAK_MARGA,
    single: 0,
    middle: 0.25,
    hajj: false,
  },
  minang: {
    male: zipf('Rahmat Fauzi Yusrizal Afrizal Hendri Zulkifli Syafrizal Irwan Masrul Dedi Rizal Fadli Zulfikar Andri Riko Doni Yoserizal Defri Alfian Nofriadi Syamsul Erwin'),
    female: zipf('Yusnidar Rahmawati Nurhasanah Yulia Desmawati Fitri Zuraida Elvi Rosmaini Nofrianti Suci Rahmi Yetti Zurniati Afni Nelda Sri Lusi Weni'),
    familyMale: MINANG_SECOND,
    familyFemale: MINANG_SECOND_F,
    single: 0.3,
    middle: 0.05,
    hajj: true,
  },
  bugis: {
    male: zipf('Muhammad Abdul Syamsul Ridwan Baso Arifin Hasanuddin Ilham Amiruddin Syahrir Anwar Rusli Jamaluddin Fadli Akbar Irfan Herman Budi Haris Nasrullah Sudirman Rahmat'),
    female: zipf('Nurhaeda Hasnawati Nurlina Hasmiah Rosmiati Sumarni St._Aisyah St._Fatimah Nurul Hasniati Marlina Irmawati Rahmawati Andriani Hasna Jumriati Mardiana Nurhalimah'),
    familyMale: BUGIS_SECOND,
    familyFemale: BUGIS_SECOND_F,
    single: 0.12,
    middle: 0.15,
    hajj: true,
  },
  tionghoa: {
    male: zipf('Kevin Steven Felix Hendra William Michael Jonathan Edward Yohanes Budi Andreas Hendrik Ricky Vincent Gunawan Tommy Willy Darwin Ivan Eddy Johan Agus Sutrisno Hansen Jeffry Rudy Sugiarto'),
    female: zipf('Jessica Michelle Melinda Stephanie Cynthia Yenny Lanny Lilis Meiliana Vivian Grace Natalia Angeline Lily Megawati Susan Linda Fransiska Shirley Felicia Debora Jenny Veronica Yuliana Olivia'),
    familyMale: TIONGHOA_FAMILY,
    familyFemale: TIONGHOA_FAMILY,
    single: 0.03,
    middle: 0.05,
    hajj: false,
  },
  muslim: {
    male: zipf('Muhammad Ahmad Abdul Rizky Fajar Ilham Hasan Umar Yusuf Ibrahim Irfan Reza Arif Hendra Fikri Hafiz Zaki Farhan Aditya Dimas Rafi Taufik Syaiful Nur Ridho M.'),
    female: zipf('Nurul Aisyah Fatimah Khadijah Annisa Zahra Nabila Putri Salsabila Rahmah Siti Nur Dinda Laila Anisa Intan Maya Nadia Yulia Kiki Dewi Rina Mega Sarah'),
    familyMale: MUSLIM_SECOND_M,
    familyFemale: MUSLIM_SECOND_F,
    single: 0.05,
    middle: 0.15,
    hajj: true,
  },
};

// Which traditions customers of a region come from (rough, for realism only).
const REGION_MIX: Record<NameRegion, Weighted<Tradition>> = {
  jabodetabek: new Weighted<Tradition>([['jawa', 32], ['sunda', 16], ['muslim', 20], ['batak', 5], ['minang', 5], ['tionghoa', 7], ['bugis', 1], ['bali', 1], ['umum', 13]]),
  sunda: new Weighted<Tradition>([['sunda', 62], ['jawa', 12], ['muslim', 10], ['tionghoa', 3], ['batak', 2], ['umum', 11]]),
  jawa: new Weighted<Tradition>([['jawa', 70], ['muslim', 10], ['tionghoa', 4], ['sunda', 2], ['umum', 14]]),
  sumut: new Weighted<Tradition>([['batak', 45], ['muslim', 18], ['jawa', 12], ['tionghoa', 10], ['minang', 5], ['umum', 10]]),
  minang: new Weighted<Tradition>([['minang', 75], ['muslim', 8], ['jawa', 5], ['batak', 3], ['umum', 9]]),
  sumatera: new Weighted<Tradition>([['muslim', 35], ['jawa', 25], ['minang', 12], ['batak', 7], ['tionghoa', 6], ['sunda', 3], ['umum', 12]]),
  sulsel: new Weighted<Tradition>([['bugis', 62], ['muslim', 15], ['jawa', 7], ['tionghoa', 4], ['umum', 12]]),
  bali: new Weighted<Tradition>([['bali', 75], ['jawa', 10], ['muslim', 5], ['tionghoa', 2], ['umum', 8]]),
  kalimantan: new Weighted<Tradition>([['muslim', 38], ['jawa', 25], ['bugis', 10], ['tionghoa', 8], ['batak', 3], ['umum', 16]]),
  timur: new Weighted<Tradition>([['umum', 45], ['muslim', 15], ['jawa', 10], ['bugis', 10], ['batak', 5], ['tionghoa', 5], ['bali', 10]]),
};

export function pickTradition(rng: DemoRandom, region: NameRegion): Tradition {
  return REGION_MIX[region].pick(rng);
}

export interface PersonName {
  /** Name as registered, with titles: "Hj. Siti Aminah, S.Pd". */
  fullName: string;
  /** The given names alone (for nicknames and e-mail addresses). */
  given: string[];
  family: string | null;
}

const BALI_ORDER_M = new Weighted([['Wayan', 30], ['Putu', 14], ['Gede', 8], ['Made', 20], ['Kadek', 10], ['Nyoman', 10], ['Komang', 8], ['Ketut', 10]] as const);
const BALI_ORDER_F = new Weighted([['Wayan', 22], ['Putu', 22], ['Luh', 8], ['Made', 18], ['Kadek', 12], ['Nyoman', 8], ['Komang', 10], ['Ketut', 10]] as const);

function baliName(rng: DemoRandom, gender: Gender): PersonName {
  const given = gender === 'male' ? BALI_GIVEN_M.pick(rng) : BALI_GIVEN_F.pick(rng);
  const caste = rng.next();
  if (caste < 0.04) {
    const prefix = gender === 'male' ? 'Ida Bagus' : 'Ida Ayu';
    return { fullName: `${prefix} ${given}`, given: given.split(' '), family: null };
  }
  if (caste < 0.08) {
    const prefix = gender === 'male' ? 'I Gusti Ngurah' : 'I Gusti Ayu';
    return { fullName: `${prefix} ${given}`, given: given.split(' '), family: null };
  }
  const order = gender === 'male' ? BALI_ORDER_M.pick(rng) : BALI_ORDER_F.pick(rng);
  const article = gender === 'male' ? 'I' : 'Ni';
  return { fullName: `${article} ${order} ${given}`, given: [order, ...given.split(' ')], family: null };
}

function fakerName(rng: DemoRandom, faker: Faker, gender: Gender): PersonName {
  const first = faker.person.firstName(gender);
  if (rng.chance(0.12)) return { fullName: first, given: [first], family: null };
  const family = faker.person.lastName(gender);
  if (rng.chance(0.2)) {
    const middle = faker.person.firstName(gender);
    if (middle !== first) return { fullName: `${first} ${middle} ${family}`, given: [first, middle], family };
  }
  return { fullName: first === family ? first : `${first} ${family}`, given: [first], family: first === family ? null : family };
}

/** A name in the tradition, without titles. */
export function personName(rng: DemoRandom, faker: Faker, tradition: Tradition, gender: Gender): PersonName {
  if (tradition === 'bali') return baliName(rng, gender);
  if (tradition === 'umum') return fakerName(rng, faker, gender);
  const lists = LISTS[tradition];
  const first = (gender === 'male' ? lists.male : lists.female).pick(rng);
  if (!first.endsWith('.') && rng.chance(lists.single)) return { fullName: first, given: [first], family: null };
  const given = [first];
  if (rng.chance(lists.middle)) {
    const middle = (gender === 'male' ? lists.male : lists.female).pick(rng);
    if (middle !== first && middle !== 'M.') given.push(middle);
  }
  let family = (gender === 'male' ? lists.familyMale : lists.familyFemale).pick(rng);
  if (given.includes(family)) family = (gender === 'male' ? lists.familyMale : lists.familyFemale).pick(rng);
  // Batak women often write "br." (boru) before the father's marga.
  const surname = tradition === 'batak' && gender === 'female' && rng.chance(0.25) ? `br. ${family}` : family;
  // Bugis nobility carry "Andi" in front of the given name.
  const noble = tradition === 'bugis' && rng.chance(0.12) ? 'Andi ' : '';
  return { fullName: `${noble}${given.join(' ')} ${surname}`, given, family };
}

export function isHajjTradition(tradition: Tradition): boolean {
  return tradition === 'muslim' || tradition === 'umum' || LISTS[tradition as keyof typeof LISTS]?.hajj === true;
}

const DEGREES = new Weighted([['S.E.', 30], ['S.H.', 12], ['S.Pd', 18], ['S.Kom', 10], ['S.T.', 12], ['S.Sos', 8], ['M.M.', 6], ['S.Ak', 5], ['S.Farm', 2], ['M.Pd', 3], ['M.Kom', 2], ['S.Psi', 3]] as const);

/** Adds the titles people give at the counter: H./Hj., dr., Ir., degrees after a comma. */
export function withTitles(
  rng: DemoRandom,
  name: PersonName,
  person: { gender: Gender; age: number; tradition: Tradition; occupation: string | null },
): string {
  let full = name.fullName;
  if (person.occupation === 'Dokter') full = `dr. ${full}`;
  else if (person.age >= 30 && rng.chance(0.08)) full = `${full}, ${DEGREES.pick(rng)}`;
  else if (person.age >= 45 && rng.chance(0.01)) full = `Ir. ${full}`;
  if (person.age >= 40 && isHajjTradition(person.tradition) && rng.chance(0.07)) {
    full = `${person.gender === 'male' ? 'H.' : 'Hj.'} ${full}`;
  }
  return full;
}

/** What friends call them: usually one of the given names, not the common "Muhammad" or "Sri". */
export function nickname(rng: DemoRandom, name: PersonName): string | null {
  if (!rng.chance(0.3)) return null;
  const pool = name.given.filter((g) => g.length > 2 && !g.endsWith('.') && !COMMON_FIRST.has(g));
  return pool.length ? rng.pick(pool) : null;
}

const COMMON_FIRST = new Set(['Muhammad', 'Ahmad', 'Abdul', 'Wayan', 'Made', 'Nyoman', 'Ketut', 'Putu', 'Kadek', 'Komang', 'Gede', 'Luh', 'Sri', 'Siti', 'Nur', 'Nurul']);
