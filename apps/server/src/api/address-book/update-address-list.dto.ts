import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import type { RecipientFilter, UpdateAddressListRequest } from '@estafette/contracts';

/** System lists accept only `name`; a filter or parent for them is answered 409. */
export class UpdateAddressListDto implements UpdateAddressListRequest {
  @ApiPropertyOptional({ maxLength: 128 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  name?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Custom lists only' })
  @IsOptional()
  @IsObject()
  filter?: RecipientFilter;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Move under this list; null: top level' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}
