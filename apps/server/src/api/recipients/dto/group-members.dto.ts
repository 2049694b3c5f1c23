import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';
import type { GroupMembersRequest } from '@estafette/contracts';
import { MAX_MEMBERS_PER_REQUEST } from './create-recipient.dto';

export class GroupMembersDto implements GroupMembersRequest {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS_PER_REQUEST)
  @IsUUID('all', { each: true })
  memberIds!: string[];
}
