export const ESTAFETTE_VERSION = '0.1.0';
