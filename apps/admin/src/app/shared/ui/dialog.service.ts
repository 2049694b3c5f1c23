import { Injectable, signal } from '@angular/core';

export interface ConfirmRequest {
  kind: 'confirm';
  title: string;
  message: string;
  confirmLabel: string;
  resolve: (answer: boolean) => void;
}

export interface PromptRequest {
  kind: 'prompt';
  title: string;
  label: string;
  initial: string;
  resolve: (answer: string | null) => void;
}

export type DialogRequest = ConfirmRequest | PromptRequest;

/** Small modal questions (confirm a delete, name a new object); DialogOutletComponent shows them. */
@Injectable({ providedIn: 'root' })
export class DialogService {
  private readonly pending = signal<DialogRequest | null>(null);
  readonly current = this.pending.asReadonly();

  confirm(options: { title: string; message: string; confirmLabel?: string }): Promise<boolean> {
    return new Promise((resolve) => {
      this.pending.set({
        kind: 'confirm',
        title: options.title,
        message: options.message,
        confirmLabel: options.confirmLabel ?? 'Yes',
        resolve: (answer) => {
          this.pending.set(null);
          resolve(answer);
        },
      });
    });
  }

  prompt(options: { title: string; label: string; initial?: string }): Promise<string | null> {
    return new Promise((resolve) => {
      this.pending.set({
        kind: 'prompt',
        title: options.title,
        label: options.label,
        initial: options.initial ?? '',
        resolve: (answer) => {
          this.pending.set(null);
          resolve(answer);
        },
      });
    });
  }
}
