-- Customer search (REQUIREMENTS C7) on FTS5. Contentless with contentless_delete
-- so the index holds only tokens; rowid is customers.seq. The service layer
-- writes it in the same transaction as the customer.
-- prefix='1 2 3': short prefixes ("bu", "081") stay sub-millisecond over 1M rows.
-- name: full name and nickname; contact: phone search keys and emails;
-- ident: customer number and NIK.
CREATE VIRTUAL TABLE `customer_search` USING fts5(
	name, contact, ident,
	content='', contentless_delete=1,
	prefix='1 2 3',
	tokenize='unicode61 remove_diacritics 2'
);
