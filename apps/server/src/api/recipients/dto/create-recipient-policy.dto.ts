import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { CreateRecipientPolicyRequest, RecipientFilter } from '@estafette/contracts';
import { AddressTemplateDto } from './address-template.dto';
import { IsOptionalNotNull, IsRecipientFilter } from './validators';

/** The default policy holds 2147483647; the others sort before it. */
export const MAX_POLICY_PRIORITY = 2_147_483_646;

export class CreateRecipientPolicyDto implements CreateRecipientPolicyRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(64) name!: string;

  @ApiPropertyOptional({ minimum: 1, description: '1 = tried first' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(MAX_POLICY_PRIORITY)
  priority?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'null: every recipient',
  })
  @IsOptional()
  @IsRecipientFilter()
  filter?: RecipientFilter | null;

  @ApiProperty({ type: [AddressTemplateDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AddressTemplateDto)
  addressTemplates!: AddressTemplateDto[];
}
