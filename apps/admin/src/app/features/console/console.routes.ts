import type { Routes, UrlMatcher, UrlSegment } from '@angular/router';
import { UrlSegment as Segment } from '@angular/router';
import { parseNodePath, type NodeKind, type NodeRef } from '../../core/navigation/node-path';
import { ConsolePage } from './console.page';

function refOf(segments: UrlSegment[]): NodeRef | null {
  return parseNodePath(segments.map((s) => encodeURIComponent(s.path)).join('/'));
}

function pathParam(segments: UrlSegment[]): Segment {
  return new Segment(segments.map((s) => encodeURIComponent(s.path)).join('/'), {});
}

/** Matches the nodes of one kind and hands the view the node path and the id it shows. */
function nodeOfKind(kind: NodeKind, idParam: string, id: (ref: NodeRef) => string): UrlMatcher {
  return (segments) => {
    const ref = refOf(segments);
    if (ref?.kind !== kind) return null;
    return { consumed: segments, posParams: { path: pathParam(segments), [idParam]: new Segment(id(ref), {}) } };
  };
}

const anyNode: UrlMatcher = (segments) =>
  refOf(segments) ? { consumed: segments, posParams: { path: pathParam(segments) } } : null;

export const CONSOLE_ROUTES: Routes = [
  {
    path: '',
    component: ConsolePage,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'organization' },
      {
        matcher: nodeOfKind('recipient-container', 'containerId', (r) =>
          r.kind === 'recipient-container' ? r.containerIds[r.containerIds.length - 1] : '',
        ),
        loadComponent: () => import('../recipients/recipient-container.view').then((m) => m.RecipientContainerView),
      },
      {
        matcher: nodeOfKind('address-list', 'listId', (r) => (r.kind === 'address-list' ? r.listId : '')),
        loadComponent: () =>
          import('../address-list-entries/address-list-entries.view').then((m) => m.AddressListEntriesView),
      },
      {
        matcher: nodeOfKind('audit-log', 'kind', () => 'audit'),
        loadComponent: () => import('../audit/audit-log.view').then((m) => m.AuditLogView),
      },
      {
        matcher: nodeOfKind('queues', 'kind', () => 'queues'),
        loadComponent: () => import('../queues/queue-viewer.view').then((m) => m.QueueViewerView),
      },
      {
        matcher: nodeOfKind('message-tracking', 'kind', () => 'tracking'),
        loadComponent: () => import('../message-tracking/message-tracking.view').then((m) => m.MessageTrackingView),
      },
      { matcher: anyNode, loadComponent: () => import('./details/details.page').then((m) => m.DetailsPage) },
      { path: '**', redirectTo: 'organization' },
    ],
  },
];
