import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import type { CreateAddressListRequest, RecipientFilter } from '@estafette/contracts';

export class CreateAddressListDto implements CreateAddressListRequest {
  @ApiProperty({ maxLength: 128 })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  name!: string;

  // The filter is recursive; the service checks its whole shape (validateRecipientFilter) and answers 400.
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Recipient filter: { and: [...] } | { or: [...] } | { not: ... } | { attribute, operator, value }',
    example: { attribute: 'department', operator: 'equals', value: 'Sales' },
  })
  @IsObject()
  filter!: RecipientFilter;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Parent list (any list but a global one)' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}
