import { Injectable, inject } from '@angular/core';
import { Router } from '@angular/router';

/** Dialogs the console opens over the details pane; the query string names them so a reload reopens them. */
export type SheetKind =
  | 'organization'
  | 'server'
  | 'store'
  | 'virtual-server'
  | 'recipient'
  | 'recipient-policy'
  | 'address-list'
  | 'public-folder'
  | 'new-user';

export interface SheetRef {
  kind: SheetKind;
  id: string;
}

export const SHEET_KINDS: readonly SheetKind[] = [
  'organization',
  'server',
  'store',
  'virtual-server',
  'recipient',
  'recipient-policy',
  'address-list',
  'public-folder',
  'new-user',
];

export function isSheetKind(value: string | null): value is SheetKind {
  return value !== null && (SHEET_KINDS as readonly string[]).includes(value);
}

@Injectable({ providedIn: 'root' })
export class SheetNavigator {
  private readonly router = inject(Router);

  open(sheet: SheetRef): Promise<boolean> {
    return this.router.navigate([], { queryParams: { sheet: sheet.kind, id: sheet.id }, queryParamsHandling: 'merge' });
  }

  close(): Promise<boolean> {
    return this.router.navigate([], { queryParams: { sheet: null, id: null }, queryParamsHandling: 'merge' });
  }
}
