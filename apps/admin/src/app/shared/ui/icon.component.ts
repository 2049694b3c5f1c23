import { ChangeDetectionStrategy, Component, input } from '@angular/core';

export type IconName =
  | 'organization'
  | 'settings'
  | 'envelope'
  | 'recipients'
  | 'user'
  | 'contact'
  | 'group'
  | 'query-group'
  | 'policy'
  | 'address-list'
  | 'container'
  | 'folder'
  | 'admin-group'
  | 'server'
  | 'protocols'
  | 'virtual-server'
  | 'storage-group'
  | 'mailbox-store'
  | 'public-store'
  | 'store-dismounted'
  | 'routing-group'
  | 'connector'
  | 'public-folder'
  | 'tools'
  | 'audit'
  | 'queues'
  | 'tracking'
  | 'message'
  | 'property'
  | 'new'
  | 'properties'
  | 'delete'
  | 'refresh'
  | 'up'
  | 'search'
  | 'mount'
  | 'dismount'
  | 'warning';

/** The console's 16 px icons, drawn in SVG so the console needs no image files. */
@Component({
  selector: 'est-icon',
  host: { class: 'icon', 'aria-hidden': 'true' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg viewBox="0 0 16 16" width="16" height="16" focusable="false">
      @switch (name()) {
        @case ('organization') {
          <circle cx="8" cy="8" r="6.5" fill="#3b7dd8" stroke="#1f4f96" />
          <path
            d="M1.5 8h13M8 1.5c-3 3.5-3 9.5 0 13M8 1.5c3 3.5 3 9.5 0 13"
            fill="none"
            stroke="#d8e8fb"
            stroke-width=".9"
          />
          <path d="M3 4.5c1 .8 3 .4 3.6 1.6.5 1.1-1 2.2.2 3.3 1.3 1.1 1 2.7.6 3.8-2-.5-4-2.6-4.6-5.4z" fill="#5fb35a" />
        }
        @case ('settings') {
          <circle cx="8" cy="8" r="5" fill="none" stroke="#667788" stroke-width="3" stroke-dasharray="2.1 1.8" />
          <circle cx="8" cy="8" r="3.6" fill="#8a99a8" />
          <circle cx="8" cy="8" r="1.5" fill="#fff" />
        }
        @case ('envelope') {
          <rect x="1.5" y="3.5" width="13" height="9" rx="1" fill="#fff8dc" stroke="#a08a3c" />
          <path d="M1.8 4 8 9l6.2-5" fill="none" stroke="#a08a3c" />
        }
        @case ('recipients') {
          <circle cx="10.5" cy="5" r="2.3" fill="#6d9e5a" />
          <path d="M6.5 14c0-3 1.8-4.8 4-4.8s4 1.8 4 4.8z" fill="#6d9e5a" />
          <circle cx="5.5" cy="5.5" r="2.5" fill="#2f6db5" />
          <path d="M1 14.5c0-3.2 2-5.2 4.5-5.2S10 11.3 10 14.5z" fill="#2f6db5" />
        }
        @case ('user') {
          <circle cx="8" cy="4.8" r="3" fill="#e8b98a" stroke="#9b6b3c" stroke-width=".8" />
          <path d="M2.5 15c0-3.8 2.4-6 5.5-6s5.5 2.2 5.5 6z" fill="#2f6db5" />
        }
        @case ('contact') {
          <rect x="1.5" y="2.5" width="13" height="11" rx="1.2" fill="#f4f4f4" stroke="#7a8796" />
          <circle cx="5.5" cy="7" r="1.8" fill="#2f6db5" />
          <path d="M2.8 12c0-2 1.2-3 2.7-3s2.7 1 2.7 3z" fill="#2f6db5" />
          <path d="M9.5 6h3.5M9.5 8.5h3.5M9.5 11h2.5" stroke="#7a8796" />
        }
        @case ('group') {
          <circle cx="11" cy="4.6" r="2.2" fill="#c98a2e" />
          <path d="M7 13.5c0-3 1.8-4.8 4-4.8s4 1.8 4 4.8z" fill="#c98a2e" />
          <circle cx="5.5" cy="5.5" r="2.5" fill="#3d8c6b" />
          <path d="M1 14.5c0-3.2 2-5.2 4.5-5.2S10 11.3 10 14.5z" fill="#3d8c6b" />
        }
        @case ('query-group') {
          <circle cx="5.5" cy="5.5" r="2.5" fill="#3d8c6b" />
          <path d="M1 14.5c0-3.2 2-5.2 4.5-5.2S10 11.3 10 14.5z" fill="#3d8c6b" />
          <circle cx="11.2" cy="6.2" r="2.6" fill="#fff" stroke="#555" stroke-width="1.2" />
          <path d="m13 8 2 2.3" stroke="#555" stroke-width="1.6" />
        }
        @case ('policy') {
          <path d="M3 1.5h7l3 3v10H3z" fill="#fff" stroke="#6f7f8f" />
          <path d="M10 1.5v3h3" fill="none" stroke="#6f7f8f" />
          <path d="M5 6.5h5M5 8.5h6" stroke="#9aa8b6" />
          <path d="m5.2 11.5 1.6 1.6 3.4-3.4" fill="none" stroke="#2e8b3a" stroke-width="1.6" />
        }
        @case ('address-list') {
          <path d="M3 1.5h9.5v13H3z" fill="#b5483a" stroke="#7c2b21" />
          <path d="M4.5 1.5v13" stroke="#7c2b21" />
          <rect x="6.5" y="4" width="4.5" height="3" fill="#f8e6c8" />
          <path d="M12.5 3h1.2M12.5 6h1.2M12.5 9h1.2M12.5 12h1.2" stroke="#7c2b21" />
        }
        @case ('container') {
          <path d="M1 3.5h5l1.5 1.5H15v8.5H1z" fill="#f3c64f" stroke="#b48b1d" />
          <path d="M1 6.5h14v7H1z" fill="#f8d775" stroke="#b48b1d" />
          <circle cx="11" cy="8.6" r="1.4" fill="#2f6db5" />
          <path d="M8.6 12.5c0-1.6 1-2.5 2.4-2.5s2.4.9 2.4 2.5z" fill="#2f6db5" />
        }
        @case ('admin-group') {
          <path d="M1 3.5h5l1.5 1.5H15v8.5H1z" fill="#f3c64f" stroke="#b48b1d" />
          <path d="M1 6.5h14v7H1z" fill="#f8d775" stroke="#b48b1d" />
          <path
            d="M10.8 7.3 13.8 8.3v2c0 1.6-1.3 2.6-3 3.2-1.7-.6-3-1.6-3-3.2v-2z"
            fill="#3b7dd8"
            stroke="#1f4f96"
            stroke-width=".7"
          />
        }
        @case ('protocols') {
          <path d="M1 3.5h5l1.5 1.5H15v8.5H1z" fill="#f3c64f" stroke="#b48b1d" />
          <path d="M1 6.5h14v7H1z" fill="#f8d775" stroke="#b48b1d" />
          <path
            d="M9 8v2M12 8v2M8.2 10h4.6v1.2a2.3 2.3 0 0 1-4.6 0z"
            stroke="#4b5866"
            fill="#9aa8b6"
            stroke-width=".9"
          />
        }
        @case ('folder') {
          <path d="M1 3.5h5l1.5 1.5H15v8.5H1z" fill="#f3c64f" stroke="#b48b1d" />
          <path d="M1 6.5h14v7H1z" fill="#f8d775" stroke="#b48b1d" />
        }
        @case ('public-folder') {
          <path d="M1 3.5h5l1.5 1.5H15v8.5H1z" fill="#f3c64f" stroke="#b48b1d" />
          <path d="M1 6.5h14v7H1z" fill="#f8d775" stroke="#b48b1d" />
          <circle cx="11" cy="10" r="2.8" fill="#3b7dd8" stroke="#1f4f96" stroke-width=".7" />
          <path
            d="M8.2 10h5.6M11 7.2c-1.2 1.6-1.2 4 0 5.6M11 7.2c1.2 1.6 1.2 4 0 5.6"
            fill="none"
            stroke="#d8e8fb"
            stroke-width=".6"
          />
        }
        @case ('server') {
          <rect x="3.5" y="1" width="9" height="14" rx="1" fill="#d9dee4" stroke="#5b6773" />
          <path d="M5 3.5h6M5 5.5h6M5 7.5h6" stroke="#7d8a96" />
          <circle cx="10.5" cy="12" r="1" fill="#37b24d" />
          <rect x="5" y="11.3" width="3" height="1.4" fill="#7d8a96" />
        }
        @case ('virtual-server') {
          <rect x="1.5" y="3" width="13" height="9" rx="1" fill="#e9eef4" stroke="#5b6773" />
          <path d="M4 6h5M4 8.5h3" stroke="#7d8a96" />
          <circle cx="11.5" cy="11.5" r="3" fill="#3b7dd8" stroke="#fff" />
          <path d="M10 11.5h3M11.5 10v3" stroke="#fff" stroke-width=".9" />
        }
        @case ('storage-group') {
          <ellipse cx="6" cy="4" rx="4.5" ry="1.8" fill="#a9c4e8" stroke="#3e5f8a" />
          <path d="M1.5 4v7.5c0 1 2 1.8 4.5 1.8" fill="#7fa6d6" stroke="#3e5f8a" />
          <ellipse cx="10" cy="7" rx="4.5" ry="1.8" fill="#a9c4e8" stroke="#3e5f8a" />
          <path d="M5.5 7v6.2c0 1 2 1.8 4.5 1.8s4.5-.8 4.5-1.8V7" fill="#7fa6d6" stroke="#3e5f8a" />
          <ellipse cx="10" cy="7" rx="4.5" ry="1.8" fill="#a9c4e8" stroke="#3e5f8a" />
        }
        @case ('mailbox-store') {
          <path d="M2 3.5v9c0 1.1 2.7 2 6 2s6-.9 6-2v-9" fill="#7fa6d6" stroke="#3e5f8a" />
          <ellipse cx="8" cy="3.5" rx="6" ry="2" fill="#a9c4e8" stroke="#3e5f8a" />
          <rect x="5" y="7.5" width="6" height="4" fill="#fff8dc" stroke="#a08a3c" stroke-width=".7" />
          <path d="m5.2 7.7 2.8 2 2.8-2" fill="none" stroke="#a08a3c" stroke-width=".7" />
        }
        @case ('public-store') {
          <path d="M2 3.5v9c0 1.1 2.7 2 6 2s6-.9 6-2v-9" fill="#7fa6d6" stroke="#3e5f8a" />
          <ellipse cx="8" cy="3.5" rx="6" ry="2" fill="#a9c4e8" stroke="#3e5f8a" />
          <path d="M4.8 7.3h2.4l.7.7h3.3v3.8H4.8z" fill="#f3c64f" stroke="#b48b1d" stroke-width=".7" />
        }
        @case ('store-dismounted') {
          <path d="M2 3.5v9c0 1.1 2.7 2 6 2s6-.9 6-2v-9" fill="#c3c9d0" stroke="#6b747e" />
          <ellipse cx="8" cy="3.5" rx="6" ry="2" fill="#dde1e6" stroke="#6b747e" />
          <circle cx="11.5" cy="11.5" r="3.5" fill="#d6336c" stroke="#fff" />
          <path d="M11.5 9.5v3.2M10 11.4l1.5 1.6 1.5-1.6" fill="none" stroke="#fff" stroke-width="1.2" />
        }
        @case ('routing-group') {
          <path d="M4 4 12 4M4 4l4 8M12 4l-4 8" stroke="#5b6773" stroke-width="1.2" />
          <circle cx="4" cy="4" r="2.6" fill="#f08c00" stroke="#9c5a00" />
          <circle cx="12" cy="4" r="2.6" fill="#f08c00" stroke="#9c5a00" />
          <circle cx="8" cy="12" r="2.6" fill="#f08c00" stroke="#9c5a00" />
        }
        @case ('connector') {
          <rect x="1" y="5.5" width="6" height="5" rx="1.5" fill="#74a9e6" stroke="#2f5f99" />
          <rect x="9" y="5.5" width="6" height="5" rx="1.5" fill="#74a9e6" stroke="#2f5f99" />
          <path d="M5 8h6" stroke="#2f5f99" stroke-width="1.6" />
        }
        @case ('tools') {
          <path
            d="M10.8 1.3a3.8 3.8 0 0 0-4 5L1.6 11.5a1.5 1.5 0 0 0 2.1 2.1l5.2-5.2a3.8 3.8 0 0 0 5-4l-2.2 2.2-2-.5-.5-2z"
            fill="#8a99a8"
            stroke="#4b5866"
            stroke-width=".8"
          />
        }
        @case ('audit') {
          <rect x="2.5" y="2.5" width="11" height="12.5" rx="1" fill="#fff" stroke="#6f7f8f" />
          <rect x="5.5" y="1" width="5" height="3" rx=".8" fill="#b0bcc8" stroke="#6f7f8f" />
          <path d="M5 7h6M5 9.5h6M5 12h4" stroke="#3b7dd8" />
        }
        @case ('queues') {
          <rect x="1.5" y="2" width="13" height="3.4" rx=".8" fill="#fff8dc" stroke="#a08a3c" />
          <rect x="1.5" y="6.3" width="13" height="3.4" rx=".8" fill="#fff8dc" stroke="#a08a3c" />
          <rect x="1.5" y="10.6" width="13" height="3.4" rx=".8" fill="#fff8dc" stroke="#a08a3c" />
          <path d="M11 3.7h2M11 8h2M11 12.3h2" stroke="#2e8b3a" stroke-width="1.4" />
        }
        @case ('tracking') {
          <rect x="1" y="3" width="10" height="7" rx=".8" fill="#fff8dc" stroke="#a08a3c" />
          <path d="m1.3 3.4 4.7 3.6 4.7-3.6" fill="none" stroke="#a08a3c" />
          <circle cx="10.5" cy="10" r="3.2" fill="#fff" stroke="#4b5866" stroke-width="1.4" />
          <path d="m12.8 12.3 2.4 2.4" stroke="#4b5866" stroke-width="1.8" stroke-linecap="round" />
        }
        @case ('message') {
          <rect x="1.5" y="3.5" width="13" height="9" rx="1" fill="#fff8dc" stroke="#a08a3c" />
          <path d="M1.8 4 8 9l6.2-5" fill="none" stroke="#a08a3c" />
        }
        @case ('property') {
          <rect x="3" y="3" width="10" height="10" rx="1" fill="#eef2f6" stroke="#8795a3" />
          <path d="M5.5 6h5M5.5 8h5M5.5 10h3" stroke="#8795a3" />
        }
        @case ('new') {
          <path d="M3 1.5h7l3 3v10H3z" fill="#fff" stroke="#6f7f8f" />
          <circle cx="11.5" cy="11.5" r="3.5" fill="#2e8b3a" />
          <path d="M11.5 9.5v4M9.5 11.5h4" stroke="#fff" stroke-width="1.4" />
        }
        @case ('properties') {
          <rect x="1.5" y="2.5" width="13" height="11" rx="1" fill="#fff" stroke="#6f7f8f" />
          <path d="M1.5 5h13" stroke="#6f7f8f" />
          <path d="M4 7.5h2M4 10h2M7.5 7.5h4.5M7.5 10h4.5" stroke="#3b7dd8" />
        }
        @case ('delete') {
          <path d="m3.5 3.5 9 9M12.5 3.5l-9 9" stroke="#d6336c" stroke-width="2.4" stroke-linecap="round" />
        }
        @case ('refresh') {
          <path d="M13 8a5 5 0 1 1-1.6-3.7" fill="none" stroke="#2e8b3a" stroke-width="1.8" />
          <path d="M13.5 1.5v4h-4z" fill="#2e8b3a" />
        }
        @case ('up') {
          <path d="M1 3.5h5l1.5 1.5H15v8.5H1z" fill="#f3c64f" stroke="#b48b1d" />
          <path d="M8 13V7M5.5 9.5 8 7l2.5 2.5" fill="none" stroke="#2e8b3a" stroke-width="1.6" />
        }
        @case ('search') {
          <circle cx="6.5" cy="6.5" r="4.2" fill="#fff" stroke="#4b5866" stroke-width="1.5" />
          <path d="m9.6 9.6 4.6 4.6" stroke="#4b5866" stroke-width="2" stroke-linecap="round" />
        }
        @case ('mount') {
          <circle cx="8" cy="8" r="6.5" fill="#2e8b3a" />
          <path d="M8 11.5v-7M5 7.3 8 4.3l3 3" fill="none" stroke="#fff" stroke-width="1.6" />
        }
        @case ('dismount') {
          <circle cx="8" cy="8" r="6.5" fill="#d6336c" />
          <path d="M8 4.5v7M5 8.7l3 3 3-3" fill="none" stroke="#fff" stroke-width="1.6" />
        }
        @case ('warning') {
          <path d="M8 1.5 15 14H1z" fill="#f5c518" stroke="#9c7a00" stroke-linejoin="round" />
          <path d="M8 6v4" stroke="#333" stroke-width="1.6" />
          <circle cx="8" cy="12" r=".9" fill="#333" />
        }
      }
    </svg>
  `,
})
export class IconComponent {
  readonly name = input.required<IconName>();
}
