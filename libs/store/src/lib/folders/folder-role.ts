/** Roles of Exchange's default folders; IMAP shows them with RFC 6154 SPECIAL-USE attributes. */
export type FolderRole = 'inbox' | 'sent' | 'drafts' | 'trash' | 'junk' | 'outbox' | 'calendar' | 'contacts' | 'tasks';

/** The default folders Exchange created in every new mailbox, in its order; calendar, contacts and tasks come later. */
export const DEFAULT_FOLDERS: ReadonlyArray<{ role: FolderRole; name: string }> = [
  { role: 'inbox', name: 'Inbox' },
  { role: 'sent', name: 'Sent Items' },
  { role: 'drafts', name: 'Drafts' },
  { role: 'trash', name: 'Deleted Items' },
  { role: 'junk', name: 'Junk E-mail' },
  { role: 'outbox', name: 'Outbox' },
];

/** RFC 6154 §2 attribute of a role; the inbox is IMAP's INBOX and has none, nor have Outbox and the PIM folders. */
export function specialUseAttribute(role: FolderRole | null): string | null {
  switch (role) {
    case 'sent':
      return '\\Sent';
    case 'drafts':
      return '\\Drafts';
    case 'trash':
      return '\\Trash';
    case 'junk':
      return '\\Junk';
    case 'inbox':
    case 'outbox':
    case 'calendar':
    case 'contacts':
    case 'tasks':
    case null:
      return null;
  }
}
