/** Who makes a change: recorded with every audit entry. */
export interface Actor {
  recipientId: string | null;
  name: string;
  clientAddress: string;
}

export const SYSTEM_ACTOR: Actor = { recipientId: null, name: 'System', clientAddress: '' };
