import { ApiPropertyOptional } from '@nestjs/swagger';
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
import type { RecipientFilter, UpdateRecipientPolicyRequest } from '@estafette/contracts';
import { AddressTemplateDto } from './address-template.dto';
import { MAX_POLICY_PRIORITY } from './create-recipient-policy.dto';
import { IsOptionalNotNull, IsRecipientFilter } from './validators';

export class UpdateRecipientPolicyDto implements UpdateRecipientPolicyRequest {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MinLength(1) @MaxLength(64) name?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInt() @Min(1) @Max(MAX_POLICY_PRIORITY) priority?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  @IsOptional()
  @IsRecipientFilter()
  filter?: RecipientFilter | null;

  @ApiPropertyOptional({ type: [AddressTemplateDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AddressTemplateDto)
  addressTemplates?: AddressTemplateDto[];
}
