export * from './filter-attributes';
export * from './like-pattern';
export { compileRecipientFilter, type CompiledFilter } from './recipient-filter.compiler';
export { matchesRecipientFilter, type FilterableRecipient } from './recipient-filter.matcher';
export { isValidRecipientFilter, validateRecipientFilter } from './recipient-filter.validator';
