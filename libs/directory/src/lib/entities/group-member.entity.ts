import { Entity, PrimaryColumn } from 'typeorm';

@Entity('group_member')
export class GroupMemberEntity {
  @PrimaryColumn({ type: 'uuid' }) groupId!: string;
  @PrimaryColumn({ type: 'uuid' }) memberId!: string;
}
