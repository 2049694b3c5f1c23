import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { ListRecipientsQuery, RecipientKind } from '@estafette/contracts';
import { RECIPIENT_KINDS } from './create-recipient.dto';

export class ListRecipientsQueryDto implements ListRecipientsQuery {
  @ApiPropertyOptional({ enum: RECIPIENT_KINDS }) @IsOptional() @IsIn(RECIPIENT_KINDS) kind?: RecipientKind;
  @ApiPropertyOptional() @IsOptional() @IsUUID() containerId?: string;

  @ApiPropertyOptional({ description: 'Prefix of display name, alias, first or last name, or primary address' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  search?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  cursor?: string;
}
