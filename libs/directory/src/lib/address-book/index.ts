export * from './address-book.module';
