/** The topology objects that live inside an administrative group (directly or through their parents). */
export type TopologyObjectKind =
  | 'administrative-group'
  | 'routing-group'
  | 'server'
  | 'storage-group'
  | 'information-store'
  | 'virtual-server'
  | 'routing-group-connector'
  | 'smtp-connector';

export interface TopologyObjectRef {
  kind: TopologyObjectKind;
  /** Straight from the request, so not trusted to be a uuid. */
  id: unknown;
}
