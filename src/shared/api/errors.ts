/**
 * Every error the system can return, described once. The code is stable
 * (clients and tests match on it); the messages are what a branch clerk reads.
 * The UI and the CLI both render from this table, so no error is worded twice.
 */
export const ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    id: 'Ada isian yang belum benar. Periksa kolom yang ditandai.',
    en: 'Some fields are not right yet. Check the highlighted fields.',
  },
  BAD_REQUEST: {
    status: 400,
    id: 'Permintaan tidak dapat dibaca (bukan JSON yang sah).',
    en: 'The request could not be read (not valid JSON).',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    id: 'Data yang dikirim terlalu besar.',
    en: 'The request is too large.',
  },
  UNKNOWN_METHOD: {
    status: 404,
    id: 'Perintah ini tidak dikenal oleh aplikasi.',
    en: 'This command is not known to the application.',
  },
  BAD_SECRET: {
    status: 401,
    id: 'Akses ditolak: kunci sesi aplikasi tidak cocok. Buka ulang aplikasi dari alamat yang ditampilkan saat mulai.',
    en: 'Access denied: the app session key does not match. Reopen the app from the address shown at start.',
  },
  NOT_SIGNED_IN: {
    status: 401,
    id: 'Silakan masuk terlebih dahulu.',
    en: 'Please sign in first.',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    id: 'Nama pengguna atau kata sandi salah.',
    en: 'Wrong username or password.',
  },
  FORBIDDEN: {
    status: 403,
    id: 'Peran Anda tidak diizinkan melakukan ini.',
    en: 'Your role is not allowed to do this.',
  },
  ENROLMENT_TOKEN_INVALID: {
    status: 401,
    id: 'Token pendaftaran cabang tidak berlaku (salah, sudah dipakai atau kedaluwarsa). Minta token baru ke kantor pusat.',
    en: 'The branch enrolment token is not valid (wrong, already used or expired). Ask the head office for a new one.',
  },
  BRANCH_REVOKED: {
    status: 403,
    id: 'Cabang ini sudah dicabut aksesnya oleh kantor pusat.',
    en: 'The head office has revoked this branch.',
  },
  NOT_FOUND: {
    status: 404,
    id: 'Data tidak ditemukan.',
    en: 'Not found.',
  },
  ALREADY_INITIALISED: {
    status: 409,
    id: 'Cabang ini sudah disiapkan.',
    en: 'This branch has already been set up.',
  },
  NOT_INITIALISED: {
    status: 409,
    id: 'Cabang ini belum disiapkan. Selesaikan penyiapan awal dulu.',
    en: 'This branch has not been set up yet. Finish the first-time setup.',
  },
  CONFLICT: {
    status: 409,
    id: 'Data ini sudah diubah orang lain. Muat ulang lalu coba lagi.',
    en: 'Someone else changed this record. Reload and try again.',
  },
  ARCHIVED: {
    status: 409,
    id: 'Pelanggan ini sudah diarsipkan. Pulihkan dulu sebelum mengubahnya.',
    en: 'This customer is archived. Restore it before editing.',
  },
  DUPLICATE: {
    status: 409,
    id: 'Data yang sama sudah ada.',
    en: 'The same record already exists.',
  },
  FILE_UNREADABLE: {
    status: 400,
    id: 'Berkas tidak dapat dibaca sebagai CSV, teks berkolom atau Excel (.xlsx). Periksa berkasnya lalu coba lagi.',
    en: 'The file cannot be read as CSV, column text or Excel (.xlsx). Check the file and try again.',
  },
  IMPORT_REFUSED: {
    status: 409,
    id: 'Impor ditolak karena ada baris yang salah, sesuai pilihan "tolak semua". Tidak ada data yang diubah; lihat laporan per baris.',
    en: 'The import was refused because some rows are wrong, as "refuse all" was chosen. Nothing was changed; see the row-by-row report.',
  },
  ALREADY_UNDONE: {
    status: 409,
    id: 'Impor ini sudah dibatalkan sebelumnya.',
    en: 'This import has already been undone.',
  },
  IMPORT_BUSY: {
    status: 409,
    id: 'Impor lain sedang berjalan di cabang ini. Tunggu sampai selesai, lalu coba lagi.',
    en: 'Another import is running at this branch. Wait until it finishes, then try again.',
  },
  // Service appointments and quality control (S4).
  TECHNICIAN_BUSY: {
    status: 409,
    id: 'Teknisi ini sudah punya janji temu lain pada jam itu. Pilih jam lain atau teknisi lain.',
    en: 'This technician already has another appointment at that time. Choose another time or another technician.',
  },
  STATUS_NOT_ALLOWED: {
    status: 409,
    id: 'Status janji temu tidak bisa diubah begitu dari status sekarang. Pakai tombol status yang tersedia.',
    en: 'The appointment cannot move like that from its current status. Use the status buttons offered.',
  },
  QC_NOT_PASSED: {
    status: 409,
    id: 'Pekerjaan belum lulus kontrol kualitas. Perbaiki dulu, lalu catat pemeriksaan ulang yang lulus.',
    en: 'The work has not passed quality control. Fix it first, then record a re-inspection that passes.',
  },
  OTHER_BRANCH: {
    status: 409,
    id: 'Janji temu ini milik cabang lain; hanya cabang itu yang bisa mengubahnya.',
    en: 'This appointment belongs to another branch; only that branch can change it.',
  },
  // Cases (S1).
  CASE_TRANSITION: {
    status: 409,
    id: 'Status keluhan tidak bisa dipindah ke sana dari status sekarang. Pilih salah satu langkah yang tersedia.',
    en: 'The case cannot move to that status from its current one. Choose one of the steps offered.',
  },
  CASE_NOT_RESOLVED: {
    status: 409,
    id: 'Kepuasan pelanggan baru bisa dicatat setelah keluhan selesai.',
    en: 'Customer satisfaction can be recorded only once the case is resolved.',
  },
  // Orders (S2) and shipments (S3).
  ORDER_STATUS: {
    status: 409,
    id: 'Langkah ini tidak bisa untuk pesanan dengan status sekarang. Lihat status pesanan, lalu pilih langkah yang tersedia.',
    en: 'This step is not possible for the order in its current status. Check the order status, then choose an available step.',
  },
  SHIPMENT_STATUS: {
    status: 409,
    id: 'Status pengiriman tidak bisa diubah seperti itu. Lihat riwayat pengiriman, lalu pilih status berikutnya yang tersedia.',
    en: 'The shipment status cannot change that way. Check the shipment history, then choose an available next status.',
  },
  ORDER_OTHER_BRANCH: {
    status: 409,
    id: 'Pesanan ini dibuat di cabang lain; hanya cabang itu yang bisa mengubahnya. Di sini pesanan hanya bisa dilihat.',
    en: 'This order was taken at another branch; only that branch can change it. Here it can only be viewed.',
  },
  AGENDA_ITEM_GONE: {
    status: 409,
    id: 'Item agenda ini sudah ditangani, dijadwalkan ulang atau tidak berlaku lagi. Muat ulang agenda.',
    en: 'This agenda item has already been handled, rescheduled or no longer applies. Reload the agenda.',
  },
  SUPERSEDED: {
    status: 409,
    id: 'Laporan ini diganti oleh permintaan yang lebih baru.',
    en: 'This report was replaced by a newer request.',
  },
  UNAVAILABLE: {
    status: 503,
    id: 'Layanan sedang tidak tersedia. Coba lagi sebentar lagi.',
    en: 'The service is not available right now. Try again shortly.',
  },
  INTERNAL: {
    status: 500,
    id: 'Terjadi kesalahan di aplikasi. Tidak ada data yang diubah. Hubungi dukungan bila berulang.',
    en: 'Something went wrong in the application. Nothing was changed. Contact support if it happens again.',
  },
} as const;

export type ErrorCode = keyof typeof ERRORS;
export type Locale = 'id' | 'en';

/**
 * Field-level messages. Zod schemas in the contract use these keys as their
 * message, so a validation issue carries a key the UI can translate.
 */
export const FIELD_MESSAGES = {
  required: { id: 'Wajib diisi.', en: 'Required.' },
  too_long: { id: 'Terlalu panjang.', en: 'Too long.' },
  invalid_type: { id: 'Jenis isian salah.', en: 'Wrong kind of value.' },
  invalid_value: { id: 'Pilihan tidak dikenal.', en: 'Unknown choice.' },
  invalid_phone: {
    id: 'Nomor telepon tidak valid. Contoh: 0812-3456-7890 atau (021) 555-1234.',
    en: 'Invalid phone number. Example: 0812-3456-7890 or (021) 555-1234.',
  },
  invalid_email: { id: 'Alamat email tidak valid. Contoh: nama@contoh.co.id', en: 'Invalid email address. Example: name@example.co.id' },
  // No format here: the UI takes 22/11/2026, the CLI and the API 2026-11-22, an import the format chosen for its file.
  invalid_date: { id: 'Tanggal tidak valid atau tidak ada di kalender.', en: 'Not a valid date, or not on the calendar.' },
  future_date: { id: 'Tanggal lahir tidak boleh di masa depan.', en: 'A birth date cannot be in the future.' },
  too_old: { id: 'Tanggal lahir terlalu lama (sebelum 1900).', en: 'Birth date is too long ago (before 1900).' },
  invalid_nik: { id: 'NIK harus 16 angka.', en: 'The national ID (NIK) must be 16 digits.' },
  invalid_branch_code: {
    id: 'Kode cabang 2-8 huruf besar atau angka, misalnya JKT01.',
    en: 'Branch code is 2-8 capital letters or digits, for example JKT01.',
  },
  invalid_username: {
    id: 'Nama pengguna 3-32 huruf kecil, angka, titik atau garis bawah.',
    en: 'Username is 3-32 lowercase letters, digits, dots or underscores.',
  },
  weak_password: { id: 'Kata sandi minimal 8 karakter.', en: 'Password must be at least 8 characters.' },
  invalid_tag: { id: 'Label 1-40 karakter tanpa koma.', en: 'A tag is 1-40 characters without commas.' },
  too_many: { id: 'Terlalu banyak isian.', en: 'Too many entries.' },
  invalid_time_zone: { id: 'Zona waktu harus WIB, WITA atau WIT.', en: 'Time zone must be WIB, WITA or WIT.' },
  duplicate_contact: { id: 'Kontak yang sama dimasukkan dua kali.', en: 'The same contact is entered twice.' },
  invalid_url: {
    id: 'Alamat tidak valid. Contoh: https://pusat.contoh.co.id',
    en: 'Not a valid address. Example: https://hq.example.co.id',
  },
  short_token: {
    id: 'Token terlalu pendek. Salin token lengkap dari kantor pusat.',
    en: 'The token is too short. Copy the whole token from the head office.',
  },
  invalid: { id: 'Isian tidak valid.', en: 'Invalid value.' },
  period_order: { id: 'Tanggal akhir periode harus sesudah tanggal awal.', en: 'The end of the period must come after its start.' },
  tier_order: {
    id: 'Batas tier harus Platinum > Gold > Silver > 0.',
    en: 'Tier thresholds must be Platinum > Gold > Silver > 0.',
  },
  name_taken: { id: 'Nama ini sudah dipakai segmen lain.', en: 'Another segment already has this name.' },
  no_model: {
    id: 'Model prediksi belum dihitung. Hitung dulu di laporan Prediksi.',
    en: 'The prediction model has not been fitted yet. Fit it in the Prediction report first.',
  },
  too_few_buyers: {
    id: 'Belum cukup pelanggan yang pernah membeli untuk menghitung model.',
    en: 'Not enough customers have bought anything to fit the model.',
  },
  not_recorded: {
    id: 'Data ini belum dicatat di cabang ini, jadi belum bisa dipakai sebagai saringan.',
    en: 'This data is not recorded at this branch yet, so it cannot be used as a filter.',
  },
  // Customer 360, interactions and imports (front office).
  future_time: { id: 'Waktu tidak boleh di masa depan.', en: 'The time cannot be in the future.' },
  unknown_customer: { id: 'Pelanggan tidak ditemukan.', en: 'Customer not found.' },
  self_relation: { id: 'Pelanggan tidak bisa menjadi anggota keluarganya sendiri.', en: 'A customer cannot be their own family member.' },
  invalid_amount: {
    id: 'Jumlah uang tidak valid. Contoh: 1.250.000 (format Indonesia) atau 11.77 (format Inggris).',
    en: 'Invalid amount. Example: 1.250.000 (Indonesian format) or 11.77 (English format).',
  },
  invalid_number: { id: 'Harus bilangan bulat, misalnya 2.', en: 'Must be a whole number, for example 2.' },
  invalid_rate: { id: 'Kurs harus angka lebih dari 0, misalnya 15000 atau 15.250,5.', en: 'The rate must be a number above 0, for example 15000 or 15,250.5.' },
  ambiguous_match: {
    id: 'Baris ini cocok dengan lebih dari satu pelanggan (misalnya telepon milik satu pelanggan, email milik yang lain).',
    en: 'This row matches more than one customer (for example the phone of one customer and the email of another).',
  },
  duplicate_mapping: { id: 'Isian ini dipilih untuk lebih dari satu kolom.', en: 'This field is chosen for more than one column.' },
  mapping_required: { id: 'Pilih kolom berkas untuk isian ini.', en: 'Choose a file column for this field.' },
  // Catalogue (S5), orders (S2) and shipments (S3).
  invalid_sku: {
    id: 'Kode barang 1-32 huruf, angka, titik, garis miring, tanda hubung atau garis bawah, misalnya OLI-10W40.',
    en: 'An item code is 1-32 letters, digits, dots, slashes, dashes or underscores, for example OLI-10W40.',
  },
  product_duration: { id: 'Durasi hanya untuk layanan, bukan produk.', en: 'Only a service has a duration, not a product.' },
  // Cases (S1).
  invalid_category: { id: 'Kode kategori 2-40 huruf kecil, angka atau garis bawah, misalnya suku_cadang.', en: 'A category code is 2-40 lowercase letters, digits or underscores, for example product_defect.' },
  unknown_category: { id: 'Kategori ini belum diatur di cabang ini.', en: 'This category is not set up at this branch.' },
  duplicate_category: { id: 'Kode kategori ini dipakai dua kali.', en: 'This category code is used twice.' },
  invalid_hours: { id: 'Jumlah jam harus lebih dari 0 dan paling lama 90 hari.', en: 'Hours must be above 0 and at most 90 days.' },
  sla_order: { id: 'Batas respons pertama tidak boleh lebih lama dari batas penyelesaian.', en: 'The first-response deadline cannot be later than the resolution deadline.' },
  invalid_satisfaction: { id: 'Kepuasan pelanggan 1 sampai 5.', en: 'Customer satisfaction is 1 to 5.' },
  illegal_transition: { id: 'Langkah ini tidak diizinkan dari status sekarang.', en: 'This step is not allowed from the current status.' },
  sku_taken: { id: 'Kode barang ini sudah dipakai barang lain di katalog.', en: 'Another catalogue item already has this code.' },
  // Service appointments and quality control (S4).
  invalid_time: { id: 'Waktu tidak valid. Isi tanggal dan jam, misalnya 03/12/2026 09.30.', en: 'Invalid time. Enter a date and a time, for example 03/12/2026 09:30.' },
  past_time: { id: 'Jam janji temu sudah lewat. Pilih jam yang akan datang.', en: 'That time has already passed. Choose a time to come.' },
  too_far_ahead: { id: 'Janji temu paling lama setahun ke depan.', en: 'An appointment can be booked at most a year ahead.' },
  invalid_duration: { id: 'Durasi 5 menit sampai 7 hari, dalam menit.', en: 'The duration is 5 minutes to 7 days, in minutes.' },
  not_a_service: { id: 'Pilih layanan dari katalog (bukan produk).', en: 'Choose a service of the catalogue (not a product).' },
  service_retired: { id: 'Layanan ini sudah tidak ditawarkan kantor pusat.', en: 'The head office no longer offers this service.' },
  no_duration: { id: 'Layanan ini tidak punya durasi di katalog: isi durasinya.', en: 'This service has no duration in the catalogue: enter one.' },
  unknown_asset: { id: 'Aset ini bukan milik pelanggan ini.', en: 'This asset does not belong to this customer.' },
  unknown_staff: { id: 'Staf tidak ditemukan atau sudah tidak aktif.', en: 'Staff member not found or no longer active.' },
  technician_busy: { id: 'Teknisi sudah dipesan pada jam ini.', en: 'The technician is already booked at this time.' },
  illegal_move: { id: 'Perpindahan status ini tidak diizinkan.', en: 'This status move is not allowed.' },
  not_started_yet: { id: 'Belum bisa dicatat tidak datang: jam janji temu belum tiba.', en: 'Not yet a no-show: the appointment time has not come.' },
  only_when_booked: { id: 'Hanya janji temu yang masih dijadwalkan yang bisa dijadwal ulang.', en: 'Only an appointment that is still booked can be rescheduled.' },
  reason_required: { id: 'Tulis alasannya.', en: 'Give the reason.' },
  no_asset: { id: 'Janji temu ini tidak untuk sebuah aset.', en: 'This appointment is not about an asset.' },
  only_when_done: { id: 'Jatuh tempo berikutnya diisi saat pekerjaan selesai.', en: 'The next due date is set when the work is done.' },
  due_not_later: { id: 'Jatuh tempo berikutnya harus sesudah hari ini.', en: 'The next due date must be after today.' },
  qc_no_items: { id: 'Isi minimal satu butir pemeriksaan.', en: 'Enter at least one checklist item.' },
  qc_failed_item_note: { id: 'Tulis apa yang tidak lulus.', en: 'Say what did not pass.' },
  qc_pass_with_failures: { id: 'Hasil tidak bisa lulus bila ada butir yang gagal.', en: 'The result cannot be a pass while an item failed.' },
  qc_fail_reason: { id: 'Semua butir lulus: tulis kenapa hasilnya gagal.', en: 'Every item passed: say why the result is a fail.' },
  qc_not_now: { id: 'Kontrol kualitas dicatat saat pekerjaan dikerjakan atau siap diambil.', en: 'Quality control is recorded while the work is in progress or ready for pickup.' },
  inspector_is_technician: { id: 'Pemeriksa harus orang lain, bukan teknisi yang mengerjakan.', en: 'The inspector must be someone other than the technician who did the work.' },
  // Orders (S2) and shipments (S3).
  unknown_item: { id: 'Barang tidak ada di katalog. Cari dengan nama atau kodenya.', en: 'No such item in the catalogue. Search by its name or code.' },
  retired_item: {
    id: 'Barang ini sudah tidak dijual (dihentikan kantor pusat), jadi tidak bisa ditambahkan ke pesanan baru.',
    en: 'This item is no longer sold (retired by the head office), so it cannot be added to a new order.',
  },
  invalid_quantity: { id: 'Jumlah harus bilangan bulat 1 sampai 100.000.', en: 'The quantity must be a whole number from 1 to 100,000.' },
  invalid_discount: { id: 'Diskon tidak boleh negatif.', en: 'A discount cannot be negative.' },
  invalid_percent: { id: 'Diskon persen 0 sampai 100, paling banyak dua angka desimal (misalnya 12,5).', en: 'A percentage discount is 0 to 100 with at most two decimals (for example 12.5).' },
  discount_too_large: { id: 'Diskon lebih besar dari harga yang didiskon.', en: 'The discount is larger than the price it applies to.' },
  order_too_large: { id: 'Nilai pesanan di atas Rp1 triliun. Periksa jumlah dan harga.', en: 'The order is worth more than Rp1 trillion. Check the quantities and prices.' },
  price_override_forbidden: {
    id: 'Hanya kepala cabang yang boleh mengubah harga dari katalog.',
    en: 'Only a branch manager may sell at another price than the catalogue.',
  },
  unknown_line: { id: 'Baris ini bukan bagian dari pesanan ini.', en: 'This line is not part of this order.' },
  order_empty: { id: 'Pesanan belum punya barang. Tambahkan minimal satu barang.', en: 'The order has no items yet. Add at least one item.' },
  order_not_draft: { id: 'Hanya pesanan berstatus draf yang bisa diubah isinya.', en: 'Only a draft order can have its contents changed.' },
  order_same_status: { id: 'Pesanan sudah berstatus ini.', en: 'The order already has this status.' },
  order_completed: { id: 'Pesanan sudah selesai; statusnya tidak bisa diubah lagi.', en: 'The order is completed; its status cannot change any more.' },
  order_cancelled: { id: 'Pesanan sudah dibatalkan; statusnya tidak bisa diubah lagi.', en: 'The order is cancelled; its status cannot change any more.' },
  order_not_confirmed: { id: 'Konfirmasi pesanan dulu sebelum langkah ini.', en: 'Confirm the order before this step.' },
  order_bad_step: { id: 'Langkah ini tidak tersedia dari status pesanan sekarang.', en: 'This step is not available from the current order status.' },
  order_shipped: {
    id: 'Pesanan ini sudah dikirim. Catat dulu pengirimannya dikembalikan, baru pesanan bisa dibatalkan.',
    en: 'This order has been shipped. Record the shipment as returned first, then the order can be cancelled.',
  },
  order_not_shippable: { id: 'Hanya pesanan yang sudah dikonfirmasi yang bisa dikirim.', en: 'Only a confirmed order can be shipped.' },
  shipment_open: {
    id: 'Pesanan ini masih punya pengiriman yang berjalan. Perbarui status pengiriman itu.',
    en: 'This order still has a shipment on its way. Update that shipment instead.',
  },
  address_required: { id: 'Isi alamat pengiriman (pelanggan belum punya alamat tercatat).', en: 'Enter the delivery address (the customer has no address on file).' },
  shipment_same_status: { id: 'Pengiriman sudah berstatus ini.', en: 'The shipment already has this status.' },
  shipment_returned: { id: 'Pengiriman sudah dikembalikan; statusnya tidak bisa diubah lagi.', en: 'The shipment was returned; its status cannot change any more.' },
  shipment_bad_step: { id: 'Status ini tidak bisa dipilih dari status pengiriman sekarang.', en: 'This status cannot follow the current shipment status.' },
  // Contact plans, agenda and reminders (T2, T3).
  invalid_time_of_day: { id: 'Jam tidak valid. Gunakan format JJ:MM, misalnya 09:30.', en: 'Invalid time. Use HH:MM, for example 09:30.' },
  until_before_start: { id: 'Tanggal akhir pengulangan harus sesudah tanggal mulai.', en: 'The repeat end date must come after the start date.' },
  invalid_agenda_key: { id: 'Item agenda tidak dikenal.', en: 'Unknown agenda item.' },
  past_date: { id: 'Tanggal tidak boleh sebelum hari ini.', en: 'The date cannot be before today.' },
  not_a_plan: { id: 'Hanya rencana kontak yang bisa dijadwalkan ulang atau dilewati.', en: 'Only a contact plan can be rescheduled or skipped.' },
  not_a_reminder: { id: 'Hanya pengingat yang bisa diabaikan; rencana kontak dilewati dengan alasan.', en: 'Only a reminder can be dismissed; a contact plan is skipped with a reason.' },
} as const;

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;

export interface FieldIssue {
  /** Path into the input, e.g. ['phones', 0, 'number']. */
  path: (string | number)[];
  code: FieldMessageKey;
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  fields?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function errorMessage(code: ErrorCode, locale: Locale = 'id'): string {
  return ERRORS[code][locale];
}

export function fieldMessage(code: FieldMessageKey, locale: Locale = 'id'): string {
  return FIELD_MESSAGES[code][locale];
}

export function isFieldMessageKey(key: string): key is FieldMessageKey {
  return Object.prototype.hasOwnProperty.call(FIELD_MESSAGES, key);
}

export function makeError(code: ErrorCode, locale: Locale = 'id', fields?: FieldIssue[]): ApiError {
  return fields && fields.length > 0
    ? { code, message: errorMessage(code, locale), fields }
    : { code, message: errorMessage(code, locale) };
}

/**
 * Thrown by handlers for expected failures; the dispatcher turns it into an
 * ApiError. Anything else thrown is INTERNAL and nothing is committed.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fields?: { path: (string | number)[]; code: FieldMessageKey }[],
    detail?: string,
  ) {
    super(detail ?? code);
    this.name = 'AppError';
  }
}
