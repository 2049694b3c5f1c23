// The package exports its Node.js file system as a subpath, which TypeScript's "node" module resolution
// does not read: the types are taken from the file the subpath points at.
declare module '@electric-sql/pglite/nodefs' {
  export { NodeFS } from '@electric-sql/pglite/dist/fs/nodefs';
}
