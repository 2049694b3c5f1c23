import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import type { CreateRecipientRequest, GroupType, RecipientFilter, RecipientKind } from '@estafette/contracts';
import { RecipientAttributesDto } from './recipient-attributes.dto';
import { IsAlias, IsOptionalNotNull, IsRecipientFilter, IsSmtpAddress } from './validators';

export const RECIPIENT_KINDS: RecipientKind[] = ['user', 'contact', 'group', 'query-group'];
export const GROUP_TYPES: GroupType[] = ['distribution', 'security'];
export const MAX_MEMBERS_PER_REQUEST = 5000;

export class CreateRecipientDto extends RecipientAttributesDto implements CreateRecipientRequest {
  @ApiProperty({ enum: RECIPIENT_KINDS })
  @IsIn(RECIPIENT_KINDS)
  kind!: RecipientKind;

  @ApiProperty({ example: 'jsmith', description: 'Dot-atom local part, unique case-insensitively' })
  @IsAlias()
  alias!: string;

  @ApiPropertyOptional({ description: "Default: 'First Last', or the alias" })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  displayName?: string;

  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(64) firstName?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(64) lastName?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(6) initials?: string;

  @ApiPropertyOptional({ description: 'Default: the top-level container Users' })
  @IsOptionalNotNull()
  @IsUUID()
  containerId?: string;

  @ApiPropertyOptional({
    nullable: true,
    description: "Users: the mailbox store (default: this server's first mounted one)",
  })
  @IsOptional()
  @IsUUID()
  mailboxStoreId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Contacts and mail-enabled users: the external address' })
  @IsOptional()
  @IsSmtpAddress()
  @MaxLength(320)
  targetAddress?: string | null;

  @ApiPropertyOptional({ description: 'Users: the initial password' })
  @IsOptionalNotNull()
  @IsString()
  password?: string;

  @ApiPropertyOptional({ enum: GROUP_TYPES })
  @IsOptionalNotNull()
  @IsIn(GROUP_TYPES)
  groupType?: GroupType;

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS_PER_REQUEST)
  @IsUUID('all', { each: true })
  memberIds?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Query-based groups: the recipient filter',
  })
  @IsOptionalNotNull()
  @IsRecipientFilter()
  queryFilter?: RecipientFilter;
}
