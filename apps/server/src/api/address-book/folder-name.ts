/**
 * Folder names become path segments for IMAP and NNTP, where '/' and '\' are
 * hierarchy separators (Exchange 2003's IMAP cannot reach names holding '/'),
 * and clients trim surrounding spaces; control characters break both protocols.
 */
export const FOLDER_NAME_PATTERN = /^(?!\s)(?!.*\s$)[^/\\\p{Cc}]+$/u;
export const FOLDER_NAME_MESSAGE = 'name must not contain / \\ or control characters, nor start or end with a space';
