import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { FolderPermissionRequest, FolderPrincipal, FolderRole } from '@estafette/contracts';

const PRINCIPALS: readonly FolderPrincipal[] = ['default', 'anonymous', 'recipient'];
const ROLES: readonly FolderRole[] = [
  'owner',
  'publishing-editor',
  'editor',
  'publishing-author',
  'author',
  'nonediting-author',
  'reviewer',
  'contributor',
  'none',
];

/** One entry of PUT /public-folders/:id/permissions. */
export class FolderPermissionEntryDto implements FolderPermissionRequest {
  @ApiProperty({ enum: PRINCIPALS })
  @IsIn(PRINCIPALS)
  principal!: FolderPrincipal;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: "Only for principal 'recipient'" })
  @IsOptional()
  @IsUUID()
  recipientId?: string | null;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: FolderRole;
}
