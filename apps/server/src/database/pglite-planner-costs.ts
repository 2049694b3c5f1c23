/**
 * Planner costs for this database: its pages are in memory (PGlite's buffers and the OS cache) while every
 * tuple is processed by PostgreSQL compiled to WASM, so reading a page, in order or not, costs less against
 * processing rows than PostgreSQL's defaults (1 and 4) assume. With the defaults and table statistics the
 * small tables of a new server were scanned instead of looked up: measured per statement in the IMAP
 * benchmark, a mailbox owner's look-up 0.19 → 0.29 ms, SEARCH UNSEEN 0.18 → 0.30 ms; with these 0.23 and 0.20.
 */
export const PLANNER_COSTS = ['-c', 'seq_page_cost=0.25', '-c', 'random_page_cost=0.25'];
