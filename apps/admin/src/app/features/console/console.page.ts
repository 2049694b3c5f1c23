import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { filter } from 'rxjs';
import { AuthStore } from '../../core/auth/auth.store';
import { DirectoryEvents } from '../../core/events/directory-events';
import { ROOT_PATH, normalisePath, parseNodePath } from '../../core/navigation/node-path';
import { DialogOutletComponent } from '../../shared/ui/dialog-outlet.component';
import { SheetHostComponent } from './sheet-host.component';
import { ConsoleTreeComponent } from './tree/console-tree.component';
import { TreeStore } from './tree/tree.store';

/** The System Manager window: header bar, console tree on the left, details on the right. */
@Component({
  selector: 'est-console-page',
  imports: [ConsoleTreeComponent, DialogOutletComponent, RouterOutlet, SheetHostComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'console' },
  template: `
    <a class="skip-link" href="#details-pane" (click)="skipToDetails($event)">Skip to details</a>
    <header class="app-header">
      <div class="brand">
        <svg class="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
          <rect x="1.5" y="4.5" width="21" height="15" rx="2" fill="#fff" fill-opacity=".16" stroke="#fff" />
          <path d="M2.5 6 12 13l9.5-7" fill="none" stroke="#fff" stroke-width="1.6" />
          <circle cx="19" cy="18" r="4.2" fill="#f3b01c" stroke="#1d3f73" stroke-width="1.2" />
        </svg>
        <span class="brand-name">Estafette <strong>System Manager</strong></span>
      </div>
      <div class="org-name" title="Organisation">
        <span class="org-label">Organisation</span>
        <span data-testid="organization-name">{{ tree.organizationName() }}</span>
      </div>
      <div class="user-area">
        <span class="user-name" data-testid="signed-in-user">
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <circle cx="8" cy="5" r="3" fill="currentColor" />
            <path d="M2.5 15c0-3.6 2.4-5.8 5.5-5.8s5.5 2.2 5.5 5.8z" fill="currentColor" />
          </svg>
          {{ auth.displayName() }}
        </span>
        <button type="button" class="sign-out" [disabled]="signingOut()" (click)="signOut()">Sign out</button>
      </div>
    </header>
    <div class="workspace">
      <nav class="tree-pane" aria-label="Console tree">
        <est-console-tree (selectPath)="select($event)" />
      </nav>
      <main class="details-pane" id="details-pane" tabindex="-1">
        <router-outlet />
      </main>
    </div>
    <est-sheet-host />
    <est-dialog-outlet />
  `,
})
export class ConsolePage {
  protected readonly auth = inject(AuthStore);
  protected readonly tree = inject(TreeStore);
  private readonly router = inject(Router);
  protected readonly signingOut = signal(false);

  constructor() {
    const title = inject(Title);
    effect(() => {
      const node = this.tree.selectedNode();
      title.setTitle(node?.label ? `${node.label} - Estafette System Manager` : 'Estafette System Manager');
    });
    void this.tree.loadRootLabel();
    this.revealCurrent();
    this.router.events
      .pipe(
        filter((e): e is NavigationEnd => e instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.revealCurrent());
    // Saved changes show in the tree: names, new and deleted children around the selection.
    inject(DirectoryEvents)
      .changes.pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((change) => {
        if (change.type === 'organization') void this.tree.loadRootLabel(true);
        else void this.tree.refreshAround(this.tree.selectedPath());
      });
  }

  private revealCurrent(): void {
    const path = normalisePath(this.router.url);
    void this.tree.reveal(parseNodePath(path) ? path : ROOT_PATH);
  }

  protected select(path: string): void {
    // Keep an open property sheet out of the new selection.
    void this.router.navigateByUrl('/' + path);
  }

  protected skipToDetails(event: Event): void {
    event.preventDefault();
    document.getElementById('details-pane')?.focus();
  }

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    try {
      await this.auth.logout();
    } finally {
      this.signingOut.set(false);
      this.tree.reset();
      await this.router.navigate(['/login']);
    }
  }
}
