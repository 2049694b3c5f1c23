import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, type Type, computed, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute } from '@angular/router';
import { isSheetKind, type SheetKind } from '../../core/navigation/sheet-navigator';

/** Each property sheet is its own lazily loaded chunk. */
const SHEETS: Record<SheetKind, () => Promise<Type<unknown>>> = {
  organization: () => import('../organization/organization.sheet').then((m) => m.OrganizationSheet),
  server: () => import('../server/server.sheet').then((m) => m.ServerSheet),
  store: () => import('../information-store/information-store.sheet').then((m) => m.InformationStoreSheet),
  'virtual-server': () => import('../virtual-server/virtual-server.sheet').then((m) => m.VirtualServerSheet),
  recipient: () => import('../recipient/recipient.sheet').then((m) => m.RecipientSheet),
  'new-user': () => import('../new-user/new-user.wizard').then((m) => m.NewUserWizard),
  'recipient-policy': () => import('../policies/recipient-policy.sheet').then((m) => m.RecipientPolicySheet),
  'address-list': () => import('../address-list/address-list.sheet').then((m) => m.AddressListSheet),
  'public-folder': () => import('../public-folders/public-folder.sheet').then((m) => m.PublicFolderSheet),
};

/** Shows the property sheet named in the query string (?sheet=server&id=…), so a reload reopens it. */
@Component({
  selector: 'est-sheet-host',
  imports: [NgComponentOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (component(); as c) {
      @if (request(); as r) {
        @for (key of [r.kind + ':' + r.id]; track key) {
          <ng-container *ngComponentOutlet="c; inputs: { id: r.id }" />
        }
      }
    }
  `,
})
export class SheetHostComponent {
  private readonly query = toSignal(inject(ActivatedRoute).queryParamMap);
  protected readonly request = computed(() => {
    const params = this.query();
    const kind = params?.get('sheet') ?? null;
    const id = params?.get('id') ?? '';
    return isSheetKind(kind) ? { kind, id } : null;
  });
  private readonly loaded = signal<{ kind: SheetKind; component: Type<unknown> } | null>(null);
  protected readonly component = computed(() => {
    const loaded = this.loaded();
    return loaded && loaded.kind === this.request()?.kind ? loaded.component : null;
  });

  constructor() {
    effect(() => {
      const kind = this.request()?.kind;
      if (!kind) return;
      void SHEETS[kind]().then((component) => this.loaded.set({ kind, component }));
    });
  }
}
