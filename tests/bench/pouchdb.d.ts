// Just what the PouchDB peer baseline (tests/bench/sync.ts) uses; the packages ship no types.
declare module 'pouchdb-node' {
  interface Database {
    bulkDocs(docs: object[]): Promise<unknown>;
    info(): Promise<{ doc_count: number }>;
    close(): Promise<void>;
    replicate: { from(source: string, options?: { batch_size?: number; batches_limit?: number }): Promise<{ docs_written: number; ok: boolean }> };
  }
  interface Static {
    new (name: string): Database;
    defaults(options: { prefix: string }): Static;
  }
  const PouchDB: Static;
  export default PouchDB;
}
declare module 'express-pouchdb' {
  const expressPouchDB: (pouch: unknown, options: object) => (request: unknown, response: unknown) => void;
  export default expressPouchDB;
}
