-- Each customer's live sales in time order, with the amount: the anomalies
-- report's customer_amount rule compares every sale with the customer's
-- earlier ones (a window per customer by time), which sorted all of
-- report_transactions at every report (at 100,000 customers 494,000 rows,
-- 0.6 s); read in this index's order (an index-only merge with the customers
-- of the period) it needs no sort.
CREATE INDEX "report_transactions_customer_sales" ON "report_transactions" ("customer_id", "occurred_at", "row_id") INCLUDE ("amount", "branch_id", "kind") WHERE live AND kind = 'sale';
