/**
 * The customer document both sync benchmarks move: Simpul's initial sync
 * (loaded into the head office by the SQL in sync.ts, which builds exactly
 * these fields) and the PouchDB peer baseline (loaded with bulkDocs).
 */
export function benchCustomerDoc(g: number, homeBranchId: string): Record<string, string | number | null> {
  return {
    customer_number: `BENC1-${String(g).padStart(7, '0')}`,
    full_name: `Pelanggan ${g}`,
    nickname: null,
    nik: null,
    birth_date: '1980-01-01',
    gender: g % 2 === 0 ? 'female' : 'male',
    occupation: 'Wiraswasta',
    address_line: `Jl. Merdeka ${g}`,
    city: 'Bandung',
    province: 'Jawa Barat',
    postal_code: '40115',
    tags: '[]',
    lifecycle_stage: 'active',
    notes: null,
    home_branch_id: homeBranchId,
    created_at: '2026-11-01T00:00:00Z',
    created_by: 'bench',
    updated_at: '2026-11-01T00:00:00Z',
    updated_by: 'bench',
    archived_at: null,
    deleted: 0,
  };
}
